/* The language switch: remembers the reader's choice on this device (localStorage, when
   allowed) and, on a later visit to a page in the other language, offers the chosen one by
   going there. Links are plain relative links, so the switch works without this script. */
(() => {
  "use strict";
  const KEY = "cart-language";
  const nav = document.querySelector("[data-cart-language-switch]");
  if (!nav) return;
  // Storage blocked or full: each step is skipped, the links still work.
  const attempt = (step) => {
    try {
      return step();
    } catch {
      return null;
    }
  };
  for (const link of nav.querySelectorAll("a[hreflang]")) {
    link.addEventListener("click", () => {
      attempt(() => window.localStorage.setItem(KEY, link.getAttribute("hreflang")));
    });
  }
  const wanted = attempt(() => window.localStorage.getItem(KEY));
  const here = document.documentElement.getAttribute("lang") || "en";
  if (!wanted || wanted === here.split("-")[0]) return;
  const other = nav.querySelector(`a[hreflang="${wanted.replace(/[^a-z-]/gi, "")}"]`);
  if (!other) return;
  /* A reader who follows the switch back is never bounced twice in one tab (and never
     bounced when the tab's storage cannot say so). */
  const movedBefore = attempt(() => {
    const moved = window.sessionStorage.getItem(`${KEY}-moved`) === "1";
    window.sessionStorage.setItem(`${KEY}-moved`, "1");
    return moved;
  });
  if (movedBefore === false) window.location.replace(other.href);
})();
