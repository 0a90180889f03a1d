/* cart_static: Sphinx's search-word highlighting, loaded only for a reader who comes from a
 * search result.
 *
 * Sphinx links documentation_options.js, doctools.js and sphinx_highlight.js (about 4 KB
 * gzipped) from every page, although on a page other than search they only highlight the
 * words of the search the reader came from. cart_static.lean links this loader instead,
 * naming them in `data-scripts`; when the search left its words (in localStorage, or
 * `?highlight=` in the address), it adds them, in order, so the words are highlighted as
 * before. Nothing inline is created, so a strict Content-Security-Policy holds.
 */
(() => {
  "use strict";

  const loader = document.currentScript;
  if (!loader) {
    return;
  }
  let stored = null;
  try {
    stored = window.localStorage.getItem("sphinx_highlight_terms");
  } catch {
    // Storage is blocked: only the address can carry search words.
  }
  const inAddress = new URLSearchParams(window.location.search).has("highlight");
  if (!stored && !inAddress) {
    return;
  }
  for (const name of (loader.dataset.scripts || "").split(" ").filter(Boolean)) {
    const script = document.createElement("script");
    script.src = new URL(name, loader.src).href;
    script.async = false; // run in the order Sphinx links them
    document.head.appendChild(script);
  }
})();
