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
})();
