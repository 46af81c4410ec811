// Two-step sign-in set-up: copy and print buttons for the recovery codes. Without JavaScript the buttons stay
// hidden; the codes can still be selected, downloaded as a file, or printed from the browser's menu.
"use strict";
(() => {
    const list = document.getElementById("recovery-codes");
    const copy = document.querySelector("[data-copy]");
    const print = document.querySelector("[data-print]");
    const said = document.querySelector("[data-copied]");
    if (!list || !copy || !print) {
        return;
    }
    if (navigator.clipboard) {
        copy.hidden = false;
        copy.addEventListener("click", async () => {
            const codes = [...list.querySelectorAll("code")].map(code => code.textContent).join("\n");
            try {
                await navigator.clipboard.writeText(codes);
                said.textContent = "Copied. Paste them somewhere safe and private.";
            } catch {
                said.textContent = "Your browser did not allow copying. Select the codes and copy them, or download the file.";
            }
        });
    }
    print.hidden = false;
    print.addEventListener("click", () => window.print());
})();
