/* cart_tiers: show one reading level at a time, remember it, and explain glossary terms.
 *
 * Settings and strings come from data attributes that Sphinx renders (so they follow the
 * site's language). No inline script or style is created, so a strict
 * Content-Security-Policy holds. Without this script every tier stays visible under
 * its label.
 */
(() => {
  "use strict";

  const root = document.documentElement;
  const DISMISSED = "cart-term--dismissed";
  const ABOVE = "cart-term__tip--above";

  // Read now: sphinx_highlight.js clears them when the document has loaded.
  const searchTerms = readSearchTerms();

  function readSearchTerms() {
    let terms = new URLSearchParams(window.location.search).get("highlight") || "";
    try {
      terms += " " + (window.localStorage.getItem("sphinx_highlight_terms") || "");
    } catch {
      // Storage is blocked: only the URL can carry search words.
    }
    return terms.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage is blocked: the choice lasts for this page only.
    }
  }

  /* Tiers written one after another form a group: one section at several depths. */
  function tierGroups(blocks) {
    const groups = [];
    for (const block of blocks) {
      const last = groups[groups.length - 1];
      if (last && last.includes(block.previousElementSibling)) {
        last.push(block);
      } else {
        groups.push([block]);
      }
    }
    return groups;
  }

  /* The chosen tier first, then plainer ones, then deeper ones. */
  function preferenceOrder(chosen, names) {
    const index = names.indexOf(chosen);
    return [...names.slice(0, index + 1).reverse(), ...names.slice(index + 1)];
  }

  /* The element the URL fragment names, or null. A fragment is whatever the reader or a link
     put there: it may be malformed percent-encoding ("#%"), so decoding must never throw. */
  function fragmentTarget() {
    const raw = window.location.hash.slice(1);
    if (!raw) {
      return null;
    }
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Not valid percent-encoding: look the fragment up as it is written.
    }
    return document.getElementById(decoded) || document.getElementById(raw);
  }

  /* Text a reader sees in a block: without its label and tooltip definitions. */
  function readableText(block) {
    const copy = block.cloneNode(true);
    copy.querySelectorAll(".cart-tier__label, .cart-term__tip").forEach((node) => node.remove());
    return copy.textContent.toLowerCase();
  }

  function initSwitcher(switcher) {
    const radios = Array.from(switcher.querySelectorAll('input[type="radio"]'));
    const names = radios.map((radio) => radio.value);
    const status = switcher.querySelector('[role="status"]');
    const storageKey = switcher.dataset.storageKey;
    const blocks = Array.from(document.querySelectorAll(".cart-tier"));
    const groups = tierGroups(blocks);
    const valid = (name) => names.includes(name);

    function labelOf(name) {
      const radio = radios.find((candidate) => candidate.value === name);
      return radio ? radio.parentElement.textContent.trim() : name;
    }

    function show(chosen) {
      const order = preferenceOrder(chosen, names);
      for (const group of groups) {
        const shown = order.find((name) => group.some((block) => block.dataset.tier === name));
        for (const block of group) {
          block.hidden = block.dataset.tier !== shown;
          block.classList.toggle("cart-tier--fallback", !block.hidden && shown !== chosen);
        }
      }
      for (const radio of radios) {
        radio.checked = radio.value === chosen;
      }
      root.dataset.cartTier = chosen;
    }

    /* The tier that holds what the reader came for, when the chosen one hides it. */
    function tierToReveal(chosen) {
      const target = fragmentTarget();
      const targetBlock = target ? target.closest(".cart-tier") : null;
      if (targetBlock && targetBlock.hidden) {
        return targetBlock.dataset.tier;
      }
      if (searchTerms.length === 0) {
        return null;
      }
      // Each block's text once, however many words the query holds.
      const texts = new Map(blocks.map((block) => [block, readableText(block)]));
      const hasHit = (name) =>
        blocks.some(
          (block) =>
            block.dataset.tier === name &&
            searchTerms.some((term) => texts.get(block).includes(term)),
        );
      return hasHit(chosen) ? null : names.find(hasHit) || null;
    }

    function revealTarget() {
      const reveal = tierToReveal(root.dataset.cartTier);
      if (reveal) {
        show(reveal);
        const target = fragmentTarget();
        if (target) {
          target.scrollIntoView();
        }
      }
    }

    let chosen = new URLSearchParams(window.location.search).get("tier");
    if (valid(chosen)) {
      save(storageKey, chosen);
    } else {
      chosen = load(storageKey);
    }
    if (!valid(chosen)) {
      chosen = switcher.dataset.defaultTier;
    }
    show(chosen);
    revealTarget();
    switcher.hidden = false;
    root.classList.add("cart-tiers-js");
    // From here the hidden attributes set by show() decide (tiers-early.js and tiers.css
    // drew the same state before this script ran, so nothing moves).
    root.classList.remove("cart-tiers-early");

    switcher.addEventListener("change", (event) => {
      const name = event.target.value;
      if (!valid(name)) {
        return;
      }
      show(name);
      save(storageKey, name);
      status.textContent = switcher.dataset.announce.replace("{tier}", labelOf(name));
    });
    window.addEventListener("hashchange", revealTarget);
    // Back and forward can restore this page from memory after the reader chose
    // another tier elsewhere: follow the stored choice.
    window.addEventListener("pageshow", (event) => {
      const stored = load(storageKey);
      if (event.persisted && valid(stored) && stored !== root.dataset.cartTier) {
        show(stored);
      }
    });
  }

  /* Keep a tooltip inside the article and the screen: open it towards the side with room,
     and above the term when the screen has no room below it (tiers.css places it). */
  function fitTooltip(tip) {
    tip.classList.remove("cart-term__tip--end", ABOVE);
    window.requestAnimationFrame(() => {
      const area = tip.closest("article, [role='main']") || root;
      const limit = Math.min(area.getBoundingClientRect().right, root.clientWidth);
      if (tip.getBoundingClientRect().right > limit) {
        tip.classList.add("cart-term__tip--end");
      }
      if (tip.getBoundingClientRect().bottom <= window.innerHeight) {
        return;
      }
      tip.classList.add(ABOVE);
      const above = tip.getBoundingClientRect();
      if (above.top < 0 || above.bottom > tip.parentElement.getBoundingClientRect().top) {
        tip.classList.remove(ABOVE); // no room above either: below, where it can be scrolled to
      }
    });
  }

  function initTooltips(terms) {
    for (const term of terms) {
      const link = term.querySelector("a");
      const tip = term.querySelector(".cart-term__tip");
      if (!link || !tip) {
        continue;
      }
      link.setAttribute("aria-describedby", tip.id);
      term.addEventListener("mouseenter", () => fitTooltip(tip));
      term.addEventListener("focusin", () => fitTooltip(tip));
      term.addEventListener("mouseleave", () => {
        if (!term.matches(":focus-within")) {
          term.classList.remove(DISMISSED);
        }
      });
      term.addEventListener("focusout", (event) => {
        if (!term.contains(event.relatedTarget) && !term.matches(":hover")) {
          term.classList.remove(DISMISSED);
        }
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") {
        return;
      }
      for (const term of document.querySelectorAll(".cart-term:hover, .cart-term:focus-within")) {
        term.classList.add(DISMISSED);
      }
    });
  }

  function init() {
    const switcher = document.querySelector(".cart-tier-switcher");
    if (switcher) {
      initSwitcher(switcher);
    }
    const terms = document.querySelectorAll(".cart-term");
    if (terms.length > 0) {
      initTooltips(terms);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
