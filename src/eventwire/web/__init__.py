"""The browser page (static/index.html, app.js, style.css) and its vendored assets; see docs/web.md."""
