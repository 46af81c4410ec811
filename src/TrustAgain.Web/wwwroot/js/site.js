// Progressive enhancement only: every page works without this file.
(() => {
    "use strict";

    // FNV-1a: enough to tell whether a box still holds the same text, without keeping the text itself.
    const fingerprint = text => {
        let hash = 0x811c9dc5;
        for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
        return `${text.length}:${(hash >>> 0).toString(16)}`;
    };

    // Quick exit: leave at once and replace this page in the history, so Back does not return here.
    const exit = document.querySelector("[data-quick-exit]");
    const leave = () => window.location.replace(exit.href);
    if (exit) {
        exit.addEventListener("click", event => { event.preventDefault(); leave(); });
        let lastEscape = 0;
        document.addEventListener("keydown", event => {
            if (event.key !== "Escape") return;
            const now = Date.now();
            if (now - lastEscape < 600) leave();
            lastEscape = now;
        });
    }

    // The header's menu is a <details> that works on its own. On a wide screen its links sit in the header row, so
    // it is kept open there (for browsers whose CSS cannot show a closed one's contents); on a phone it closes on
    // Esc, with focus back on "Menu", and on a tap anywhere outside it.
    const menu = document.querySelector("[data-menu]");
    if (menu) {
        const wide = window.matchMedia("(min-width: 64rem)");
        const fit = () => {
            menu.toggleAttribute("data-inline", wide.matches);
            menu.open = wide.matches;
        };
        fit();
        wide.addEventListener("change", fit);
        document.addEventListener("keydown", event => {
            if (event.key === "Escape" && menu.open && !wide.matches) {
                menu.open = false;
                menu.querySelector("summary").focus();
            }
        });
        document.addEventListener("click", event => {
            if (menu.open && !wide.matches && !menu.contains(event.target)) menu.open = false;
        });
    }

    // Reflection boxes: a live character count, and a draft kept in this browser so a closed tab loses nothing.
    // Drafts are removed once saved and when the person signs out. A saved draft goes first, before any box is
    // filled from its draft: otherwise the page that says "Saved" would put the saved text back in the box.
    if (document.querySelector("[data-saved]")) {
        const key = sessionStorage.getItem("submitted-draft");
        if (key) { localStorage.removeItem(key); sessionStorage.removeItem("submitted-draft"); }
    }
    // Every box with a length limit counts its characters as they are typed.
    const counters = new Map();
    document.querySelectorAll("textarea[data-max]").forEach(box => {
        const counter = document.getElementById(box.id + "-count");
        const max = Number(box.dataset.max) || 0;
        if (!counter || !max) return;
        const count = () => {
            counter.textContent = `${box.value.length.toLocaleString()} of ${max.toLocaleString()} characters`;
            counter.classList.toggle("over", box.value.length > max);
        };
        counters.set(box, count);
        count();
        box.addEventListener("input", count);
    });
    // Writing with no connection: the page says so, the text stays in the draft (below) and the save button waits;
    // once the connection is back, one press sends it. Nothing is ever sent in the background, so sign-in and the
    // form's antiforgery token are checked as for any other save. Registered before the draft's own submit handler,
    // so a press while offline neither sends nor marks the draft as sent.
    document.querySelectorAll("textarea[data-draft-key]").forEach(box => {
        const button = box.form?.querySelector("button[type='submit']");
        const note = box.form?.querySelector("[data-offline-note]");
        if (!button || !note) return;
        const action = button.textContent.trim();
        let wasOffline = false;
        const show = () => {
            const offline = !navigator.onLine;
            if (offline) {
                button.setAttribute("aria-disabled", "true");
                note.textContent = `You're offline. What you write stays in this browser, even if you close the page; “${action}” will work again when the connection is back.`;
            } else {
                button.removeAttribute("aria-disabled");
                if (wasOffline) note.textContent = `You're back online. Press “${action}” to save what you wrote.`;
            }
            wasOffline ||= offline;
        };
        show();
        window.addEventListener("online", show);
        window.addEventListener("offline", show);
        box.form.addEventListener("submit", event => {
            if (navigator.onLine) return;
            event.preventDefault();
            event.stopImmediatePropagation();
            show();
        });
    });
    document.querySelectorAll("textarea[data-draft-key]").forEach(box => {
        const key = "draft:" + box.dataset.draftKey;
        const count = counters.get(box) ?? (() => {});
        // A new reflection's draft fills an empty box. An edit's draft was typed over the very version shown (its key
        // names it), so it is newer than the saved text in the box and takes its place.
        const draft = localStorage.getItem(key);
        if (draft && (!box.value || box.dataset.draftKey.startsWith("edit:"))) box.value = draft;
        count();
        // The browser may bring back a form that was already sent, text and all (Back after saving), on a page
        // fetched anew with a new one-time id. Text this tab already sent from this box goes again under the id it
        // went with, so the server stores it once. Only a fingerprint of the text is kept, for this tab alone.
        const formId = box.form?.querySelector("input[name='Input.FormId']");
        const sentKey = "sent:" + box.dataset.draftKey;
        box.addEventListener("input", () => {
            // NUL is invisible in prose, and ASP.NET Core refuses any form that contains one: drop it here.
            if (box.value.includes("\0")) box.value = box.value.replaceAll("\0", "");
            count();
            if (box.value) localStorage.setItem(key, box.value); else localStorage.removeItem(key);
        });
        box.form?.addEventListener("submit", () => {
            sessionStorage.setItem("submitted-draft", key);
            if (!formId) return;
            const print = fingerprint(box.value);
            const sent = JSON.parse(sessionStorage.getItem(sentKey) ?? "null");
            if (sent?.fingerprint === print) formId.value = sent.formId;
            sessionStorage.setItem(sentKey, JSON.stringify({ formId: formId.value, fingerprint: print }));
        });
    });
    // Prompt choices: the prompt chosen is named right above the box, so choosing one starts an answer to it.
    document.querySelectorAll("[data-prompt-choices]").forEach(choices => {
        const answering = choices.form?.querySelector("[data-answering]");
        if (!answering) return;
        const name = choice => {
            const label = choice?.value ? choice.closest("label")?.textContent.trim() : "";
            answering.textContent = label ? `Answering: ${label}` : "";
        };
        // A choice the browser restored (Back) is named too, not only one made now.
        name(choices.querySelector("input:checked"));
        choices.addEventListener("change", event => name(event.target));
    });

    document.querySelectorAll("form[action='/account/sign-out']").forEach(form =>
        form.addEventListener("submit", () => {
            Object.keys(localStorage).filter(k => k.startsWith("draft:")).forEach(k => localStorage.removeItem(k));
            Object.keys(sessionStorage).filter(k => k.startsWith("sent:")).forEach(k => sessionStorage.removeItem(k));
        }));

    // After one visit the guide can be read with no connection: the service worker keeps the public pages only
    // (Offline/service-worker.js), and sign-out's Clear-Site-Data removes it with everything it kept.
    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("/service-worker.js", { scope: "/" }).catch(() => {});
    }

    // A signed-in person whose time zone is not known yet: send the browser's, once, without leaving the page.
    const detect = document.querySelector("form[data-time-zone-detect]");
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detect && zone) {
        detect.elements.timeZone.value = zone;
        fetch(detect.action, { method: "POST", body: new FormData(detect) }).catch(() => {});
    }

    // A zone list with nothing chosen yet starts at the browser's own zone.
    document.querySelectorAll("select[data-browser-zone]").forEach(select => {
        if (!select.value && zone && [...select.options].some(option => option.value === zone)) {
            select.value = zone;
        }
    });

    // Print buttons do nothing without script, so they stay hidden until it runs.
    document.querySelectorAll("button[data-print]").forEach(button => {
        button.hidden = false;
        button.addEventListener("click", () => window.print());
    });

    // Passkeys: the browser asks the server for options, lets the person unlock their authenticator, and the form
    // posts the resulting credential. Shown only where the browser can do it.
    const passkeysWork = window.PublicKeyCredential?.parseCreationOptionsFromJSON && window.PublicKeyCredential?.parseRequestOptionsFromJSON;
    if (passkeysWork) {
        document.querySelectorAll("[data-passkey]").forEach(part => { part.hidden = false; });
        document.querySelectorAll("[data-passkey-unsupported]").forEach(note => { note.hidden = true; });
    }
    const withPasskey = (form, handler, ceremony) => form.addEventListener("submit", async event => {
        const credential = form.querySelector("[data-passkey-credential]");
        if (credential.value) return;
        event.preventDefault();
        const error = form.querySelector("[data-passkey-error]");
        error.textContent = "";
        try {
            const response = await fetch(`${window.location.pathname}?handler=${handler}`, { method: "POST", body: new FormData(form) });
            const body = await response.json();
            if (!response.ok) { error.textContent = body.error ?? "Something went wrong. Try again."; return; }
            credential.value = JSON.stringify(await ceremony(body));
            form.submit();
        } catch (problem) {
            error.textContent = problem?.name === "NotAllowedError"
                ? "The passkey request was cancelled or timed out. Try again when you're ready."
                : "Your browser could not use a passkey here. Try again, or use another browser or device.";
        }
    });
    if (passkeysWork) {
        document.querySelectorAll("form[data-passkey-create]").forEach(form => withPasskey(form, "CreationOptions",
            options => navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })));
        document.querySelectorAll("form[data-passkey-get]").forEach(form => withPasskey(form, "PasskeyOptions",
            options => navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) })));
    }
})();
