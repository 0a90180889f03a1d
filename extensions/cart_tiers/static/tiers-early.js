/* cart_tiers, in the page's head: set the reader's reading level on <html> before the page
 * is drawn, so tiers.css shows the switcher and only the chosen tier from the first paint
 * (no layout shift when tiers.js runs at the end of the page). The same choice tiers.js
 * makes: ?tier= in the address, else the stored choice, else the site's default.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) {
    return;
  }
  const names = (script.dataset.tiers || "").split(" ");
  const valid = (name) => names.includes(name);
  let chosen = new URLSearchParams(window.location.search).get("tier");
  if (!valid(chosen)) {
    try {
      chosen = window.localStorage.getItem(script.dataset.storageKey);
    } catch {
      chosen = null;
    }
  }
  if (!valid(chosen)) {
    chosen = script.dataset.defaultTier;
  }
  if (!valid(chosen)) {
    return;
  }
  const root = document.documentElement;
  root.dataset.cartTier = chosen;
  root.classList.add("cart-tiers-js", "cart-tiers-early");
})();
