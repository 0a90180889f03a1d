/* The language switch: remembers the reader's choice on this device (localStorage, when
   allowed) and, on a later visit to a page in the other language, offers the chosen one by
   going there. Links are plain relative links, so the switch works without this script. */
(function () {
  "use strict";
  var KEY = "cart-language";
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  var nav = document.querySelector("[data-cart-language-switch]");
  if (!nav) { return; }
  var here = document.documentElement.getAttribute("lang") || "en";
  var links = nav.querySelectorAll("a[hreflang]");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) {
      try { if (store) { store.setItem(KEY, event.currentTarget.getAttribute("hreflang")); } } catch (e) { /* storage full or blocked */ }
    });
  }
  var wanted = null;
  try { wanted = store ? store.getItem(KEY) : null; } catch (e) { wanted = null; }
  if (wanted && wanted !== here.split("-")[0]) {
    var other = nav.querySelector('a[hreflang="' + wanted.replace(/[^a-z-]/gi, "") + '"]');
    if (other && !sessionStorageSays()) { window.location.replace(other.href); }
  }
  function sessionStorageSays() {
    /* A reader who follows the switch back is never bounced twice in one tab. */
    try {
      var s = window.sessionStorage;
      if (s.getItem(KEY + "-moved") === "1") { return true; }
      s.setItem(KEY + "-moved", "1");
    } catch (e) { return true; }
    return false;
  }
}());
