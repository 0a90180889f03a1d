/* Keyboard fixes for furo's markup (README: "Accessibility"). Progressive enhancement:
   without JavaScript the page still works, only the drawer toggles stay mouse-only. */
"use strict";

(() => {
  /** Furo's off-canvas drawers: the hidden checkbox that opens each one, the drawer, and
   *  the id the drawer gets when it has none. */
  const DRAWERS = [
    ["__navigation", ".sidebar-drawer", "site-navigation"],
    ["__toc", ".toc-drawer", "page-contents"],
  ];
  const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";

  const isShown = (element) => element.getClientRects().length > 0;

  /** Turn furo's <label for=checkbox> drawer toggles into real buttons (a label may not
   *  take role="button": ARIA in HTML, axe's aria-allowed-role), same class and icon. */
  function asButton(label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.append(...label.childNodes);
    label.replaceWith(button);
    return button;
  }

  /** Make furo's drawer toggles keyboard-operable buttons that say whether they are open. */
  function setUpDrawer([inputId, drawerSelector, drawerId]) {
    const input = document.getElementById(inputId);
    const drawer = document.querySelector(drawerSelector);
    const labels = [...document.querySelectorAll(`label[for="${inputId}"]:not(.overlay)`)];
    if (!input || !drawer || labels.length === 0) return;
    drawer.id ||= drawerId;
    const toggles = labels.map(asButton);

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
      toggle.setAttribute("aria-label", input.getAttribute("aria-label") || drawerId);
      toggle.setAttribute("aria-controls", drawer.id);
      toggle.addEventListener("click", (event) => {
        input.click();
        // Opened from the keyboard (Enter or Space give a click with no pointer detail):
        // move focus into the drawer.
        if (input.checked && event.detail === 0) {
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

  /** A table or code block wider than the page scrolls in its own box; make such a box
   *  reachable by keyboard, named by the table's caption if it has one (WCAG 2.1.1, axe
   *  scrollable-region-focusable). Boxes that fit are left out of the tab order. */
  function setUpScrollableBoxes() {
    const update = (box) => {
      const caption = box.querySelector("caption");
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        if (caption) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", caption.id);
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    };
    const boxes = document.querySelectorAll("article .table-wrapper, article .highlight > pre");
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) update(entry.target);
    });
    boxes.forEach((box, index) => {
      const caption = box.querySelector("caption");
      if (caption) caption.id ||= `scrollable-caption-${index + 1}`;
      update(box);
      observer.observe(box);
    });
  }

  const start = () => {
    DRAWERS.forEach(setUpDrawer);
    setUpScrollableBoxes();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
