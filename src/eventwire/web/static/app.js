/* eventwire page: the entry point. The page is ES modules under static/js/ (no build step, no framework);
 * this classic script loads the first of them, relative to itself. See docs/web.md. */
(function () {
  "use strict";
  const src = document.currentScript && document.currentScript.src;
  import((src ? new URL("js/main.js", src) : new URL("static/js/main.js", location.href)).href).catch(function (err) {
    const box = document.getElementById("error");
    if (!box) return;
    box.textContent = "The page's scripts did not load (" + err.message + "); reload the page.";
    box.hidden = false;
  });
})();
