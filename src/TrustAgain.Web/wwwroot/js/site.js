// Progressive enhancement only: every page works without this file.
(() => {
    "use strict";

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

    // Reflection boxes: a live character count, and a draft kept in this browser so a closed tab loses nothing.
    // Drafts are removed once saved and when the person signs out.
    document.querySelectorAll("textarea[data-draft-key]").forEach(box => {
        const key = "draft:" + box.dataset.draftKey;
        const counter = document.getElementById(box.id + "-count");
        const max = Number(box.dataset.max) || 0;
        const count = () => { if (counter) counter.textContent = `${box.value.length.toLocaleString()} of ${max.toLocaleString()} characters`; };
        if (!box.value && localStorage.getItem(key)) box.value = localStorage.getItem(key);
        count();
        box.addEventListener("input", () => {
            // NUL is invisible in prose, and ASP.NET Core refuses any form that contains one: drop it here.
            if (box.value.includes("\0")) box.value = box.value.replaceAll("\0", "");
            count();
            if (box.value) localStorage.setItem(key, box.value); else localStorage.removeItem(key);
        });
        box.form?.addEventListener("submit", () => sessionStorage.setItem("submitted-draft", key));
    });
    if (document.querySelector("[data-saved]")) {
        const key = sessionStorage.getItem("submitted-draft");
        if (key) { localStorage.removeItem(key); sessionStorage.removeItem("submitted-draft"); }
    }
    document.querySelectorAll("form[action='/account/sign-out']").forEach(form =>
        form.addEventListener("submit", () => Object.keys(localStorage)
            .filter(k => k.startsWith("draft:")).forEach(k => localStorage.removeItem(k))));

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
