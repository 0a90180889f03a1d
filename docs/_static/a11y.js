/* Keyboard fixes for furo's markup (README: "Accessibility"). Progressive enhancement:
   without JavaScript the page still works, only the drawer toggles stay mouse-only. */
"use strict";

(() => {
  /** Furo's off-canvas drawers: the hidden checkbox that opens each one, and the drawer. */
  const DRAWERS = [
    { inputId: "__navigation", drawerSelector: ".sidebar-drawer", drawerId: "site-navigation" },
    { inputId: "__toc", drawerSelector: ".toc-drawer", drawerId: "page-contents" },
  ];
  const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";

  const isShown = (element) => element.getClientRects().length > 0;

  /** Turn furo's <label for=checkbox> drawer toggles into keyboard-operable buttons. */
  function setUpDrawer({ inputId, drawerSelector, drawerId }) {
    const input = document.getElementById(inputId);
    const drawer = document.querySelector(drawerSelector);
    const toggles = [...document.querySelectorAll(`label[for="${inputId}"]:not(.overlay)`)];
    if (!input || !drawer || toggles.length === 0) return;
    drawer.id ||= drawerId;

    const sync = () => {
      for (const toggle of toggles) toggle.setAttribute("aria-expanded", String(input.checked));
    };
    const visibleToggle = () => toggles.find(isShown);
    const close = (returnFocus) => {
      if (!input.checked) return;
      input.click();
      if (returnFocus) visibleToggle()?.focus();
    };

    for (const toggle of toggles) {
      toggle.setAttribute("role", "button");
      toggle.tabIndex = 0;
      toggle.setAttribute("aria-label", input.getAttribute("aria-label") || drawerId);
      toggle.setAttribute("aria-controls", drawer.id);
      toggle.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        input.click();
        if (input.checked) {
          [...drawer.querySelectorAll(FOCUSABLE)].find((el) => el.tabIndex >= 0 && isShown(el))?.focus();
        }
      });
    }
    input.addEventListener("change", sync);
    sync();

    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && input.checked) close(true);
    });
    // Leaving the open drawer with Tab or Shift+Tab closes it, so focus never hides behind it.
    drawer.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next && !drawer.contains(next) && !toggles.includes(next)) close(false);
    });
  }

  /** A table wider than the page scrolls in its wrapper; make such a wrapper reachable by
   *  keyboard and name it by the table's caption (WCAG 2.1.1, axe scrollable-region-focusable). */
  function setUpScrollableTables() {
    const update = (wrapper) => {
      const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      const caption = wrapper.querySelector("caption");
      if (scrolls) {
        wrapper.tabIndex = 0;
        if (caption) {
          caption.id ||= `${wrapper.id || "table"}-caption`;
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-labelledby", caption.id);
        }
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-labelledby");
      }
    };
    const wrappers = document.querySelectorAll("article .table-wrapper");
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) update(entry.target);
    });
    for (const wrapper of wrappers) {
      update(wrapper);
      observer.observe(wrapper);
    }
  }

  const start = () => {
    DRAWERS.forEach(setUpDrawer);
    setUpScrollableTables();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
