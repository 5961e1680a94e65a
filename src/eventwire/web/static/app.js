/* eventwire page: read an article, show what was extracted, browse the store.
 *
 * Rule: text from the server or the user is only ever put into the page as text
 * (document.createTextNode / textContent / setAttribute on non-URL attributes).
 * Nothing here uses innerHTML, outerHTML, insertAdjacentHTML or document.write.
 *
 * Offsets: the server's offsets are Python string indices (Unicode code points);
 * JavaScript strings are indexed in UTF-16 code units.  `codePointIndex` maps the one
 * onto the other before any slicing.
 */
(function () {
  "use strict";

  // -- small helpers ------------------------------------------------------------------------

  const $ = (sel) => document.querySelector(sel);

  /** An element; children are nodes or strings (strings become text nodes, never markup). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "className") el.className = v;
        else if (k === "text") el.textContent = String(v);
        else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  const SVG = "http://www.w3.org/2000/svg";
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const present = (v) => v !== null && v !== undefined && v !== "";
  const show = (v) => (present(v) ? String(v) : "—");

  /** UTF-16 index of every code-point index 0..n (n = number of code points). */
  function codePointIndex(text) {
    const map = [0];
    let u = 0;
    for (const ch of text) {  // iterates by code point
      u += ch.length;
      map.push(u);
    }
    return map;
  }

  // -- the API ------------------------------------------------------------------------------

  const TOKEN_KEY = "eventwire.token";

  class ApiError extends Error {
    constructor(status, code, message, body) {
      super(message);
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  /** Relative URLs: the page is served at the API's root ("/"), assets under static/. */
  async function api(path, options) {
    const opts = Object.assign({ method: "GET", headers: {} }, options || {});
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) opts.headers.Authorization = "Bearer " + token;
    let resp;
    try {
      resp = await fetch(path, opts);
    } catch (err) {
      throw new ApiError(0, "network", "the server could not be reached (" + err.message + ")");
    }
    let body = null;
    const type = resp.headers.get("content-type") || "";
    if (type.includes("json")) {
      try { body = await resp.json(); } catch (e) { body = null; }
    } else {
      try { body = await resp.text(); } catch (e) { body = null; }
    }
    if (!resp.ok) {
      if (body && typeof body === "object" && body.error && typeof body.error === "object") {
        throw new ApiError(resp.status, String(body.error.code || "http_" + resp.status),
          String(body.error.message || resp.statusText), body);
      }
      let message = resp.statusText || "request failed";
      if (body && typeof body === "object" && body.detail !== undefined) {
        message = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      } else if (body && typeof body === "object" && Array.isArray(body.errors) && body.errors.length) {
        message = body.errors.map(describeError).join("; ");
      } else if (typeof body === "string" && body.trim()) {
        message = body.trim().slice(0, 500);
      }
      throw new ApiError(resp.status, "http_" + resp.status, message, body);
    }
    return body;
  }

  function describeError(e) {
    if (!e || typeof e !== "object") return String(e);
    const inner = e.error && typeof e.error === "object" ? e.error : e;
    const who = e.id || e.source || e.source_id;
    return (who ? who + ": " : "") + (inner.code ? inner.code + ": " : "") + (inner.message || "");
  }

  // -- errors and status --------------------------------------------------------------------

  function clearError() {
    const box = $("#error");
    clear(box);
    box.hidden = true;
  }

  /** Show an API error (code and message) in #error; `context` says what was being done. */
  function showError(context, err) {
    const box = $("#error");
    const code = err instanceof ApiError ? err.code : "client_error";
    const status = err instanceof ApiError && err.status ? " (HTTP " + err.status + ")" : "";
    const item = h("div", { className: "error-item" },
      h("strong", null, context + ": "),
      h("code", { className: "error-code" }, code),
      status + " — ",
      h("span", { className: "error-message" }, err && err.message ? err.message : String(err)));
    box.appendChild(item);
    box.hidden = false;
    if (err instanceof ApiError && err.status === 401) openAuth();
  }

  function showReportErrors(errors) {
    for (const r of errors) {
      const err = new ApiError(0, (r.error && r.error.code) || "error", (r.error && r.error.message) || "");
      showError("Document " + show(r.id), err);
    }
  }

  function setStatus(text) {
    $("#status").textContent = text || "";
  }

  function openAuth() {
    const box = $("#auth-box");
    box.hidden = false;
    $("#token-input").focus();
  }

  // -- reading an article -------------------------------------------------------------------

  /** What was loaded from the file input: null, or {kind: "text"|"html"|"jsonl"|"json", name, raw}. */
  let loadedFile = null;

  function fileKind(file) {
    const name = file.name.toLowerCase();
    if (/\.(html?|xhtml)$/.test(name) || file.type === "text/html") return "html";
    if (/\.(jsonl|ndjson)$/.test(name)) return "jsonl";
    if (/\.json$/.test(name)) return "json";
    return "text";
  }

  function onFile(ev) {
    const file = ev.target.files && ev.target.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const raw = String(reader.result);
      const kind = fileKind(file);
      if (kind === "text") {
        loadedFile = null;
        $("#article-input").value = raw;
        $("#file-note").textContent = file.name + " loaded into the text box";
        $("#file-clear").hidden = true;
      } else {
        loadedFile = { kind, name: file.name, raw };
        const what = kind === "html" ? "HTML page (the server extracts its article text)"
          : kind === "jsonl" ? "JSONL, " + raw.split(/\r?\n/).filter((l) => l.trim()).length + " line(s)"
            : "JSON document(s)";
        $("#file-note").textContent = file.name + ": " + what + " — will be sent instead of the text box";
        $("#file-clear").hidden = false;
      }
    };
    reader.onerror = () => showError("Reading " + file.name, new ApiError(0, "file_error", String(reader.error)));
    reader.readAsText(file);
  }

  function forgetFile() {
    loadedFile = null;
    $("#file-input").value = "";
    $("#file-note").textContent = "";
    $("#file-clear").hidden = true;
  }

  /** The request body (and its content type) for /extract and /documents. */
  function requestBody() {
    const published = $("#published-input").value || null;
    const title = $("#title-input").value.trim() || null;
    const extras = (rec) => {
      if (published && !present(rec.published)) rec.published = published;
      if (title && !present(rec.title)) rec.title = title;
      return rec;
    };
    if (loadedFile && loadedFile.kind === "html") {
      return { type: "application/json", body: JSON.stringify(extras({ html: loadedFile.raw })) };
    }
    if (loadedFile && loadedFile.kind === "jsonl") {
      // Each line is one document; add the form's date/title where a line has none.  A line that
      // is not a JSON object goes as written, for the server to report.
      const lines = loadedFile.raw.split(/\r?\n/).filter((l) => l.trim()).map((line) => {
        try {
          const rec = JSON.parse(line);
          return rec && typeof rec === "object" && !Array.isArray(rec) ? JSON.stringify(extras(rec)) : line;
        } catch (e) {
          return line;
        }
      });
      return { type: "application/x-ndjson", body: lines.join("\n") + "\n" };
    }
    if (loadedFile && loadedFile.kind === "json") {
      return { type: "application/json", body: loadedFile.raw };
    }
    const text = $("#article-input").value;
    if (!text.trim()) return null;
    return { type: "application/json", body: JSON.stringify(extras({ text })) };
  }

  let busy = false;
  async function withBusy(fn) {
    if (busy) return;
    busy = true;
    $("#extract-button").disabled = true;
    $("#store-button").disabled = true;
    try {
      await fn();
    } finally {
      busy = false;
      $("#extract-button").disabled = false;
      $("#store-button").disabled = false;
    }
  }

  async function onExtract() {
    clearError();
    const req = requestBody();
    if (!req) {
      showError("Extract", new ApiError(0, "empty", "paste an article or choose a file first"));
      return;
    }
    await withBusy(async () => {
      setStatus("Extracting…");
      try {
        const data = await api("extract", { method: "POST", headers: { "Content-Type": req.type }, body: req.body });
        const reports = (data && Array.isArray(data.reports)) ? data.reports : [];
        showReports(reports);
        const ok = reports.filter((r) => !r.error).length;
        setStatus("Extracted " + ok + " report(s)" + (ok < reports.length ? ", " + (reports.length - ok) + " failed" : ""));
      } catch (err) {
        setStatus("");
        showError("Extract", err);
      }
    });
  }

  async function onStore() {
    clearError();
    const req = requestBody();
    if (!req) {
      showError("Store", new ApiError(0, "empty", "paste an article or choose a file first"));
      return;
    }
    const out = clear($("#store-result"));
    await withBusy(async () => {
      setStatus("Storing…");
      try {
        const data = await api("documents", { method: "POST", headers: { "Content-Type": req.type }, body: req.body });
        showStoreResult(data);
        setStatus("Stored " + show(data.stored) + ", skipped " + show(data.skipped));
        loadTotals(true);
        browse(0, true);
      } catch (err) {
        setStatus("");
        if (err.body && typeof err.body === "object" && Array.isArray(err.body.errors)) showStoreResult(err.body);
        showError("Store", err);
      }
    });
    return out;
  }

  function showStoreResult(data) {
    const out = clear($("#store-result"));
    out.appendChild(h("span", null, "stored " + show(data.stored) + ", skipped " + show(data.skipped)));
    const docs = Array.isArray(data.documents) ? data.documents : [];
    if (docs.length) {
      out.appendChild(document.createTextNode(" — documents: "));
      docs.forEach((id, i) => {
        if (i) out.appendChild(document.createTextNode(", "));
        out.appendChild(h("button", { type: "button", className: "link doc-link", "data-doc-id": id,
          onclick: () => openDocument(id) }, String(id)));
      });
    }
    const errors = Array.isArray(data.errors) ? data.errors : [];
    if (errors.length) {
      out.appendChild(h("ul", { className: "store-errors" }, errors.map((e) => h("li", null, describeError(e)))));
    }
  }

  async function openDocument(id) {
    clearError();
    try {
      const report = await api("documents/" + encodeURIComponent(id));
      showReports([report]);
      $("#report-section").scrollIntoView({ behavior: "smooth", block: "start" });
    } catch (err) {
      showError("Document " + id, err);
    }
  }

  // -- a report -----------------------------------------------------------------------------

  const KINDS = [
    { kind: "quote", label: "quotes" },
    { kind: "place", label: "places" },
    { kind: "time", label: "times" },
    { kind: "actor", label: "actors" },
    { kind: "figure", label: "figures" },
    { kind: "trigger", label: "event triggers" },
  ];
  // Nesting order for spans with the same extent: the first is outermost.
  const RANK = { quote: 0, actor: 1, place: 2, figure: 3, time: 4, trigger: 5 };

  let reports = [];  // the reports on show (from /extract or /documents/{id})
  let current = null;  // {report, map: code point -> UTF-16, actors: id -> actor}

  function showReports(list) {
    reports = list.filter((r) => r && !r.error && typeof r.text === "string");
    const failed = list.filter((r) => r && r.error);
    if (failed.length) showReportErrors(failed);
    const picker = $("#report-picker");
    const select = clear($("#report-select"));
    reports.forEach((r, i) => select.appendChild(h("option", { value: String(i) },
      (r.title ? r.title + " — " : "") + show(r.doc_id || r.id))));
    picker.hidden = reports.length < 2;
    showReport(reports.length ? reports[0] : null);
  }

  function showReport(report) {
    hideTooltip();
    if (!report) {
      current = null;
      clear($("#article"));
      clear($("#report-meta"));
      clear($("#events-table tbody"));
      drawReportMarkers([]);
      return;
    }
    const actors = {};
    for (const a of report.actors || []) actors[a.id] = a;
    // mention id -> its index in report.events, and -> the story event (index) it belongs to
    const mentionIndex = {};
    (report.events || []).forEach((e, i) => { mentionIndex[e.id] = i; });
    const storyOf = {};
    (report.story_events || []).forEach((se, i) => (se.mentions || []).forEach((m) => { storyOf[m] = i; }));
    current = { report, map: codePointIndex(report.text), actors, mentionIndex, storyOf };
    renderMeta(report);
    renderArticle(report);
    renderEvents(report);
    drawReportMarkers(report.story_events || []);
  }

  /** The UTF-16 slice of the text for code-point offsets [start, end). */
  function slice(start, end) {
    const { report, map } = current;
    const n = map.length - 1;
    const a = Math.max(0, Math.min(n, start | 0));
    const b = Math.max(a, Math.min(n, end | 0));
    return report.text.slice(map[a], map[b]);
  }

  function renderMeta(report) {
    const meta = clear($("#report-meta"));
    const parts = [];
    if (report.title) parts.push(h("strong", null, report.title));
    parts.push(h("span", null, "id " + show(report.doc_id || report.id)));
    if (report.published) parts.push(h("span", null, "published " + report.published));
    if (report.site) parts.push(h("span", null, report.site));
    const counts = ["places", "times", "actors", "quotes", "figures"]
      .map((k) => (report[k] || []).length + " " + k)
      .concat([(report.story_events || []).length + " story events", (report.events || []).length + " event mentions"])
      .join(", ");
    parts.push(h("span", null, counts));
    parts.forEach((p, i) => { if (i) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(p); });
  }

  /** Every span of the report: {kind, index, start, end, sub} with code-point offsets. */
  function collectSpans(report) {
    const spans = [];
    const n = codePointIndex(report.text).length - 1;
    const add = (kind, index, obj, sub) => {
      if (!obj || typeof obj.start !== "number" || typeof obj.end !== "number") return;
      const start = Math.max(0, obj.start), end = Math.min(n, obj.end);
      if (end <= start) return;
      spans.push({ kind, index, start, end, sub: sub === undefined ? null : sub });
    };
    (report.places || []).forEach((p, i) => add("place", i, p));
    (report.times || []).forEach((t, i) => add("time", i, t));
    (report.actors || []).forEach((a, i) => (a.mentions || []).forEach((m, j) => add("actor", i, m, j)));
    (report.quotes || []).forEach((q, i) => add("quote", i, q));
    (report.figures || []).forEach((f, i) => add("figure", i, f));
    (report.events || []).forEach((e, i) => add("trigger", i, e.trigger));
    return spans;
  }

  function spanOrder(a, b) {
    return a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind] || a.index - b.index;
  }

  /**
   * The article as text nodes inside nested <span>s.  A span that crosses the end of the span
   * it starts in is split there: its pieces share kind and index, and the later pieces carry
   * data-part="cont" (so quotes hold the places, actors and figures inside them).
   */
  function renderArticle(report) {
    const root = clear($("#article"));
    const todo = collectSpans(report).sort(spanOrder);
    const stack = [{ el: root, end: Infinity }];
    let pos = 0;
    const emit = (upto) => {
      if (upto > pos) {
        stack[stack.length - 1].el.appendChild(document.createTextNode(slice(pos, upto)));
        pos = upto;
      }
    };
    while (todo.length) {
      const sp = todo.shift();
      while (stack.length > 1 && stack[stack.length - 1].end <= sp.start) {
        emit(stack[stack.length - 1].end);
        stack.pop();
      }
      emit(sp.start);
      const top = stack[stack.length - 1];
      let end = sp.end;
      if (end > top.end) {  // crosses its parent's end: the rest becomes a new piece there
        const rest = Object.assign({}, sp, { start: top.end, cont: true });
        let k = 0;
        while (k < todo.length && spanOrder(todo[k], rest) <= 0) k++;
        todo.splice(k, 0, rest);
        end = top.end;
      }
      const el = h("span", {
        className: "span kind-" + sp.kind,
        "data-kind": sp.kind,
        "data-index": String(sp.index),
        "data-sub": sp.sub === null ? null : String(sp.sub),
        "data-part": sp.cont ? "cont" : null,
        tabindex: "0",
      });
      top.el.appendChild(el);
      stack.push({ el, end });
    }
    while (stack.length > 1) {
      emit(stack[stack.length - 1].end);
      stack.pop();
    }
    emit(current.map.length - 1);
    applyToggles();
  }

  function renderLegend() {
    const box = $("#legend");
    for (const { kind, label } of KINDS) {
      const id = "toggle-" + kind;
      box.appendChild(h("label", { className: "legend-item", for: id },
        h("input", { type: "checkbox", id, "data-kind": kind, checked: true, onchange: applyToggles }),
        h("span", { className: "swatch kind-" + kind, "aria-hidden": "true" }),
        label));
    }
  }

  function applyToggles() {
    const article = $("#article");
    for (const { kind } of KINDS) {
      const on = $("#toggle-" + kind).checked;
      article.classList.toggle("hide-" + kind, !on);
    }
  }

  // -- describing what was extracted --------------------------------------------------------

  function actorName(id) {
    if (!present(id)) return null;
    const a = current && current.actors[id];
    return a ? a.name : String(id);
  }

  function placeLabel(p) {
    if (!p) return null;
    return p.name || p.text;
  }

  function eventPlace(e) {
    const places = current.report.places || [];
    if (Number.isInteger(e.place) && places[e.place]) return { place: places[e.place], guess: false };
    if (Number.isInteger(e.place_guess) && places[e.place_guess]) return { place: places[e.place_guess], guess: true };
    return null;
  }

  /** A story event's place and its precision; `near` when it is only where the event was told. */
  function storyPlace(se) {
    const places = current.report.places || [];
    if (!Number.isInteger(se.place) || !places[se.place]) return null;
    const precision = present(se.place_precision) ? se.place_precision : null;
    return { place: places[se.place], precision, near: precision === "sentence" || precision === "dateline" };
  }

  function storyPlaceLabel(sp) {
    return placeLabel(sp.place) + (sp.precision ? " (" + sp.precision + ")" : "");
  }

  /** Killed / injured of an event: sum of its linked incident figures, as the csv export counts. */
  function eventCounts(e) {
    const out = { killed: null, injured: null };
    const figures = current.report.figures || [];
    for (const i of e.figures || []) {
      const f = figures[i];
      if (!f || !(f.category in out) || f.scope === "cumulative") continue;
      const n = present(f.value) ? f.value : f.low;
      if (present(n)) out[f.category] = (out[f.category] || 0) + n;
    }
    return out;
  }

  /** [label, value] rows describing one span's record. */
  function describe(kind, index, sub) {
    const r = current.report;
    const rows = [];
    const add = (k, v) => { if (present(v)) rows.push([k, typeof v === "object" ? JSON.stringify(v) : String(v)]); };
    let title = kind;
    if (kind === "place") {
      const p = r.places[index];
      title = "Place";
      add("text", p.text); add("GeoNames name", p.name); add("GeoNames id", p.geonameid);
      add("country", p.country); add("admin1", p.admin1); add("feature", p.feature);
      if (present(p.lat) && present(p.lon)) add("lat, lon", Number(p.lat).toFixed(4) + ", " + Number(p.lon).toFixed(4));
      add("confidence", p.confidence);
      if (!present(p.geonameid) && !present(p.name)) add("linked", "not resolved in the gazetteer");
    } else if (kind === "time") {
      const t = r.times[index];
      title = "Time";
      add("text", t.text); add("type", t.type); add("value", t.value); add("mod", t.mod);
    } else if (kind === "actor") {
      const a = r.actors[index];
      title = "Actor";
      add("mention", a.mentions && a.mentions[sub] ? a.mentions[sub].text : null);
      add("name", a.name); add("id", a.id); add("type", a.type); add("country", a.country);
      for (const [k, v] of Object.entries(a.attributes || {})) add(k, v);
      add("mentions", (a.mentions || []).length);
    } else if (kind === "quote") {
      const q = r.quotes[index];
      title = q.kind === "indirect" ? "Indirect quote" : q.kind === "mixed" ? "Partial quote" : "Direct quote";
      add("speaker", actorName(q.speaker)); add("speaker as written", q.speaker_text); add("cue", q.cue);
    } else if (kind === "figure") {
      const f = r.figures[index];
      title = "Figure";
      add("text", f.text); add("category", f.category);
      add("value", present(f.value) ? f.value : (present(f.low) || present(f.high) ? show(f.low) + "–" + show(f.high) : null));
      add("qualifier", f.qualifier); add("who", f.who); add("scope", f.scope); add("since", f.since);
      add("source", actorName(f.reported_by)); add("date", f.date);
      if (Number.isInteger(f.place) && r.places[f.place]) add("place", placeLabel(r.places[f.place]));
    } else if (kind === "trigger") {
      const e = r.events[index];
      title = "Event " + show(e.id);
      add("type", e.type); add("mode", e.mode);
      add("actor1", actorName(e.actor1)); add("actor2", actorName(e.actor2));
      const ep = eventPlace(e);
      if (ep) add(ep.guess ? "place (guess)" : "place", placeLabel(ep.place));
      add("date", e.date); add("modality", e.modality); add("reported by", actorName(e.reported_by));
      if (e.acled) add("ACLED", [e.acled.event_type, e.acled.sub_event_type].filter(present).join(" / "));
      const c = eventCounts(e);
      add("killed", c.killed); add("injured", c.injured);
      if (e.main) add("main", "the sentence's main event");
      add("same as", e.same_as); add("canonical", e.canonical_id);
      const si = current.storyOf[e.id];
      const se = si === undefined ? null : (r.story_events || [])[si];
      if (se) add("story event", se.id + " (" + se.type + (se.mode ? "/" + se.mode : "") + ", "
        + (se.mentions || []).length + " mention(s))");
      else add("story event", "none (not coded as an event of the story)");
    }
    return { title, rows };
  }

  // -- the tooltip --------------------------------------------------------------------------

  let tipFor = null;

  function showTooltip(target) {
    if (!current) return;
    const article = $("#article");
    const chain = [];
    for (let el = target; el && el !== article; el = el.parentElement) {
      if (el.classList && el.classList.contains("span") && !article.classList.contains("hide-" + el.dataset.kind)) {
        chain.push(el);
      }
    }
    if (!chain.length) { hideTooltip(); return; }
    const tip = clear($("#tooltip"));
    for (const el of chain) {
      const sub = el.dataset.sub === undefined ? null : Number(el.dataset.sub);
      const d = describe(el.dataset.kind, Number(el.dataset.index), sub);
      const section = h("div", { className: "tip-section kind-" + el.dataset.kind, "data-kind": el.dataset.kind },
        h("div", { className: "tip-title" }, d.title));
      const dl = h("dl");
      for (const [k, v] of d.rows) dl.appendChild(h("div", { className: "tip-row" }, h("dt", null, k), h("dd", null, v)));
      section.appendChild(dl);
      tip.appendChild(section);
    }
    tip.hidden = false;
    tipFor = chain[0];
    chain[0].setAttribute("aria-describedby", "tooltip");
    const rect = chain[0].getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    tip.style.maxWidth = width + "px";
    let left = rect.left + window.scrollX;
    left = Math.max(window.scrollX + 8, Math.min(left, window.scrollX + window.innerWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }

  function hideTooltip() {
    const tip = $("#tooltip");
    if (tip) tip.hidden = true;
    if (tipFor) tipFor.removeAttribute("aria-describedby");
    tipFor = null;
  }

  function bindTooltip() {
    const article = $("#article");
    article.addEventListener("mouseover", (ev) => {
      const el = ev.target.closest && ev.target.closest(".span");
      if (el) showTooltip(el); else hideTooltip();
    });
    article.addEventListener("mouseleave", hideTooltip);
    article.addEventListener("focusin", (ev) => {
      if (ev.target.classList && ev.target.classList.contains("span")) showTooltip(ev.target);
    });
    article.addEventListener("focusout", hideTooltip);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hideTooltip(); });
  }

  // -- the events table ---------------------------------------------------------------------

  /** The events table: one row per story event (the row an analyst codes), its mentions counted. */
  function renderEvents(report) {
    const body = clear($("#events-table tbody"));
    (report.story_events || []).forEach((se, i) => {
      const sp = storyPlace(se);
      const ev = se.evidence ? slice(se.evidence.start, se.evidence.end) : null;
      const mentions = se.mentions || [];
      const row = h("tr", { "data-event-index": String(i), "data-event-id": se.id, tabindex: "0" },
        h("td", null, show(se.id),
          h("div", { className: "hint" }, mentions.length + " mention" + (mentions.length === 1 ? "" : "s")
            + (mentions.length ? ": " + mentions.join(" ") : ""))),
        h("td", null, show(se.type)),
        h("td", null, show(se.mode)),
        h("td", null, show(actorName(se.actor1)), " → ", show(actorName(se.actor2))),
        h("td", null, sp ? storyPlaceLabel(sp) : "—"),
        h("td", null, show(se.date), se.date_from ? h("div", { className: "hint" }, "from " + se.date_from) : null),
        h("td", null, show(se.modality)),
        h("td", { className: "num" }, show(se.fatalities)),
        h("td", { className: "num" }, show(se.injured)),
        h("td", null, se.trigger ? se.trigger.text : "—"),
        h("td", { className: "evidence" }, show(ev)));
      row.addEventListener("click", () => selectEvent(i));
      row.addEventListener("keydown", (k) => { if (k.key === "Enter" || k.key === " ") { k.preventDefault(); selectEvent(i); } });
      body.appendChild(row);
    });
  }

  /** Highlight story event i: its row, the triggers of all its mentions in the text, its marker. */
  function selectEvent(i, fromMap) {
    for (const el of document.querySelectorAll(".selected")) el.classList.remove("selected");
    const row = $('#events-table tbody tr[data-event-index="' + i + '"]');
    if (row) row.classList.add("selected");
    const se = ((current && current.report.story_events) || [])[i];
    const pieces = [];
    for (const m of (se && se.mentions) || []) {
      const k = current.mentionIndex[m];
      if (k === undefined) continue;
      document.querySelectorAll('#article .span.kind-trigger[data-index="' + k + '"]').forEach((el) => {
        el.classList.add("selected");
        pieces.push(el);
      });
    }
    if (pieces.length) {
      pieces[0].scrollIntoView({ behavior: "smooth", block: "center" });
      pieces[0].focus({ preventScroll: true });
    }
    const marker = reportMarkers.get(i);
    if (marker && !fromMap) marker.openPopup();
  }

  // -- the map ------------------------------------------------------------------------------

  let map = null;
  let reportLayer = null;
  let browseLayer = null;
  const reportMarkers = new Map();

  async function initMap() {
    if (typeof L === "undefined") return;
    map = L.map("map", { worldCopyJump: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.5, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    map.setView([20, 10], 1.5);
    reportLayer = L.layerGroup().addTo(map);
    browseLayer = L.layerGroup().addTo(map);
    try {
      const resp = await fetch("static/vendor/world-atlas/countries-110m.json");
      if (!resp.ok) throw new Error("HTTP " + resp.status);
      const topo = await resp.json();
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#8a8f98", weight: 0.7, fillColor: "#eceae4", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    } catch (err) {
      showError("Map outlines", new ApiError(0, "asset_missing", "countries-110m.json could not be loaded: " + err.message));
    }
  }

  /** One marker per story event with coordinates; hollow when its place is only where it was told. */
  function drawReportMarkers(storyEvents) {
    if (!map) return;
    reportLayer.clearLayers();
    reportMarkers.clear();
    const points = [];
    storyEvents.forEach((e, i) => {
      const sp = current ? storyPlace(e) : null;
      if (!sp || !present(sp.place.lat) || !present(sp.place.lon)) return;
      const ll = [Number(sp.place.lat), Number(sp.place.lon)];
      const marker = L.circleMarker(ll, {
        radius: 7, weight: 2, color: "#b3261e", fillColor: "#e4572e", fillOpacity: sp.near ? 0.15 : 0.85,
        dashArray: sp.near ? "3 3" : null,
        className: "event-marker" + (sp.near ? " guessed" : ""),
      });
      const popup = h("div", { className: "popup" },
        h("div", { className: "popup-type" }, show(e.id) + " " + show(e.type) + (e.mode ? " / " + e.mode : "")),
        h("div", null, "trigger: ", h("q", null, e.trigger ? e.trigger.text : "—")),
        h("div", null, storyPlaceLabel(sp)),
        e.date ? h("div", null, e.date) : null,
        present(e.fatalities) ? h("div", null, "killed: " + e.fatalities) : null,
        h("button", { type: "button", className: "link", onclick: () => selectEvent(i, true) }, "show in text"));
      marker.bindPopup(popup);
      marker.on("click", () => selectEvent(i, true));
      marker.addTo(reportLayer);
      reportMarkers.set(i, marker);
      points.push(ll);
    });
    if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.6), { maxZoom: 4 });
  }

  function drawBrowseMarkers(rows) {
    if (!map) return;
    browseLayer.clearLayers();
    for (const r of rows) {
      if (!present(r.place_lat) || !present(r.place_lon)) continue;
      const m = L.circleMarker([Number(r.place_lat), Number(r.place_lon)], {
        radius: 5, weight: 1, color: "#1f4e79", fillColor: "#4a90d9", fillOpacity: 0.6, className: "dataset-marker",
      });
      m.bindPopup(h("div", { className: "popup" },
        h("div", { className: "popup-type" }, show(r.type) + (r.mode ? " / " + r.mode : "")),
        h("div", null, "trigger: ", h("q", null, show(r.trigger_text))),
        h("div", null, show(r.place_name) + (r.date ? ", " + r.date : "")),
        h("div", { className: "hint" }, show(r.doc_title || r.doc_id))));
      m.addTo(browseLayer);
    }
  }

  // -- running totals -----------------------------------------------------------------------

  const PALETTE = ["#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#00798c", "#8c564b", "#e377c2"];

  let totalsSeq = 0;

  async function loadTotals(quiet) {
    const seq = ++totalsSeq;
    const params = new URLSearchParams();
    params.set("category", $("#totals-category").value);
    const src = $("#totals-source").value.trim();
    if (src) params.set("source", src);
    const box = $("#totals-chart");
    try {
      const data = await api("totals?" + params.toString());
      if (seq !== totalsSeq) return;
      drawTotals(box, Array.isArray(data.series) ? data.series : []);
    } catch (err) {
      if (seq !== totalsSeq) return;
      clear(box).appendChild(h("p", { className: "hint" }, "No totals: " + err.code + " — " + err.message));
      if (!quiet) showError("Totals", err);
    }
  }

  function dayNumber(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : null;
  }

  function isoDay(n) {
    return new Date(n * 86400000).toISOString().slice(0, 10);
  }

  function drawTotals(box, series) {
    clear(box);
    const lines = series.map((se, i) => ({
      se, color: PALETTE[i % PALETTE.length],
      pts: (se.points || []).map((p) => ({ p, x: dayNumber(p.published), y: Number(p.value) }))
        .filter((q) => q.x !== null && Number.isFinite(q.y)).sort((a, b) => a.x - b.x),
    })).filter((l) => l.pts.length);
    if (!lines.length) {
      box.appendChild(h("p", { className: "hint" }, "No running totals for this category in the store."));
      return;
    }
    const W = 720, H = 300, M = { l: 64, r: 16, t: 12, b: 36 };
    let x0 = Infinity, x1 = -Infinity, y1 = 0;
    for (const l of lines) for (const q of l.pts) { x0 = Math.min(x0, q.x); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y); }
    if (x1 === x0) { x0 -= 1; x1 += 1; }
    y1 = niceMax(y1 || 1);
    const X = (x) => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
    const Y = (y) => H - M.b - y / y1 * (H - M.t - M.b);
    const svg = s("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", class: "totals-svg",
      "aria-label": "Running totals, one line per source" });
    svg.appendChild(s("title", null, "Running totals per source"));
    const axes = s("g", { class: "axes" });
    for (let k = 0; k <= 4; k++) {
      const v = y1 * k / 4;
      axes.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: Y(v), y2: Y(v), class: "grid" }));
      axes.appendChild(s("text", { x: M.l - 6, y: Y(v) + 4, "text-anchor": "end" }, formatNumber(v)));
    }
    const ticks = Math.min(6, Math.max(2, Math.round(x1 - x0) + 1));
    for (let k = 0; k < ticks; k++) {
      const d = Math.round(x0 + (x1 - x0) * k / (ticks - 1));
      const anchor = k === 0 ? "start" : k === ticks - 1 ? "end" : "middle";
      axes.appendChild(s("text", { x: X(d), y: H - M.b + 18, "text-anchor": anchor }, isoDay(d)));
    }
    axes.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, class: "axis" }));
    axes.appendChild(s("line", { x1: M.l, x2: M.l, y1: M.t, y2: H - M.b, class: "axis" }));
    svg.appendChild(axes);
    lines.forEach((l, i) => {
      const g = s("g", { class: "series", "data-series": String(i) });
      const d = l.pts.map((q, k) => (k ? "L" : "M") + X(q.x).toFixed(1) + " " + Y(q.y).toFixed(1)).join(" ");
      g.appendChild(s("path", { d, fill: "none", stroke: l.color, "stroke-width": 2 }));
      for (const q of l.pts) {
        const tip = (q.p.published || "") + ": " + (q.p.qualifier ? q.p.qualifier + " " : "") + formatNumber(q.y)
          + (q.p.text ? " — \u201c" + q.p.text + "\u201d" : "") + (q.p.doc_id ? " [" + q.p.doc_id + "]" : "");
        g.appendChild(s("circle", { cx: X(q.x), cy: Y(q.y), r: 4, fill: l.color, class: "point" }, s("title", null, tip)));
      }
      svg.appendChild(g);
    });
    box.appendChild(svg);
    const legend = h("ul", { className: "chart-legend" });
    for (const l of lines) {
      const se = l.se;
      const label = se.label || [se.category, se.who, se.since ? "since " + se.since : null,
        se.reported_by ? "according to " + se.reported_by : null].filter(present).join(", ");
      const swatch = h("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.background = l.color;  // CSSOM, not a style attribute: the page's CSP allows no inline styles
      legend.appendChild(h("li", { "data-series": String(lines.indexOf(l)) }, swatch,
        show(label) + " — " + l.pts.length + " report(s)"));
    }
    box.appendChild(legend);
  }

  function niceMax(v) {
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function formatNumber(v) {
    return Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 });
  }

  // -- browsing the dataset -----------------------------------------------------------------

  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  let browseOffset = 0;

  function filterParams() {
    const p = new URLSearchParams();
    const put = (k, v) => { if (present(v)) p.set(k, v); };
    put("from", $("#browse-from").value);
    put("to", $("#browse-to").value);
    put("type", $("#browse-type").value);
    put("country", $("#browse-country").value.trim().toUpperCase());
    put("bbox", $("#browse-bbox").value.replace(/\s+/g, ""));
    put("acled_type", $("#browse-acled").value.trim());
    put("actor", $("#browse-actor").value.trim());
    put("source", $("#browse-source").value.trim());
    if ($("#browse-dedup").checked) p.set("dedup", "1");
    return p;
  }

  function updateExportLinks() {
    const base = filterParams();
    for (const a of document.querySelectorAll(".exports a[data-format]")) {
      const p = new URLSearchParams(base);
      p.set("format", a.dataset.format);
      a.setAttribute("href", "export?" + p.toString());
    }
  }

  /** An export link with a token set: a plain link cannot send the Authorization header, so fetch it. */
  async function onExportClick(ev) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;  // no token: the link downloads by itself
    ev.preventDefault();
    const a = ev.currentTarget;
    try {
      const resp = await fetch(a.getAttribute("href"), { headers: { Authorization: "Bearer " + token } });
      if (!resp.ok) throw new ApiError(resp.status, "http_" + resp.status, resp.statusText || "export failed");
      const url = URL.createObjectURL(await resp.blob());
      const save = h("a", { href: url, download: "events." + (a.dataset.format || "csv").split("-").pop() });
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      showError("Export", err);
    }
  }

  let browseSeq = 0;  // only the latest request's answer is shown
  const MAX_OFFSET = 10000;  // GET /events' largest offset (deeper pages need its cursor)

  async function browse(offset, quiet) {
    const seq = ++browseSeq;
    const limit = Number($("#browse-limit").value) || 50;
    const p = filterParams();
    p.set("limit", String(limit));
    p.set("offset", String(Math.max(0, offset)));
    updateExportLinks();
    if (!quiet) clearError();
    try {
      const data = await api("events?" + p.toString());
      if (seq !== browseSeq) return;
      const rows = Array.isArray(data.events) ? data.events : [];
      browseOffset = Number(data.offset) || 0;
      const total = Number(data.total) || 0;
      const lim = Number(data.limit) || limit;
      renderBrowse(rows);
      // a total past the server's cap is "at least" (total_exact false); next_cursor says whether more follow
      $("#browse-count").textContent = total
        ? "events " + (browseOffset + 1) + "–" + (browseOffset + rows.length) + " of " + total
          + (data.total_exact === false ? "+" : "") : "no events";
      const more = data.next_cursor ? true : browseOffset + rows.length < total;
      $("#browse-prev").disabled = browseOffset <= 0;
      $("#browse-next").disabled = !more || browseOffset + lim > MAX_OFFSET;
      $("#browse-prev").dataset.offset = String(Math.max(0, browseOffset - lim));
      $("#browse-next").dataset.offset = String(browseOffset + lim);
      drawBrowseMarkers(rows);
    } catch (err) {
      if (seq !== browseSeq) return;
      $("#browse-count").textContent = "";
      if (!quiet) showError("Browse", err);
    }
  }

  function renderBrowse(rows) {
    const body = clear($("#browse-table tbody"));
    for (const r of rows) {
      const canon = present(r.canonical_id)
        ? h("button", { type: "button", className: "link canonical-link", "data-canonical-id": r.canonical_id,
          onclick: () => openCanonical(r.canonical_id) }, String(r.canonical_id))
        : "—";
      const doc = h("button", { type: "button", className: "link doc-link", "data-doc-id": r.doc_id,
        title: "open the stored report", onclick: () => openDocument(r.doc_id) },
      show(r.doc_title || r.doc_id));
      body.appendChild(h("tr", { "data-event-id": r.event_id, "data-doc-id": r.doc_id },
        h("td", null, show(r.date)),
        h("td", null, show(r.type)),
        h("td", null, show(r.mode)),
        h("td", null, show(r.modality)),
        h("td", null, show(r.actor1_name), " → ", show(r.actor2_name)),
        h("td", null, show(r.place_name), present(r.place_precision)
          ? h("div", { className: "hint" }, String(r.place_precision)) : null),
        h("td", null, show(r.place_country)),
        h("td", { className: "num" }, show(present(r.fatalities) ? r.fatalities : r.killed)),
        h("td", { className: "num" }, show(r.injured)),
        h("td", null, show(r.trigger_text)),
        h("td", null, show(r.reported_by_name)),
        h("td", null, doc, r.doc_published ? h("div", { className: "hint" }, r.doc_published) : null),
        h("td", null, canon)));
    }
  }

  async function openCanonical(id) {
    clearError();
    const box = $("#event-detail");
    try {
      const data = await api("events/" + encodeURIComponent(id));
      clear(box);
      box.appendChild(h("h3", null, "Canonical event " + id));
      const ev = data.event || {};
      const dl = h("dl", { className: "fields" });
      for (const [k, v] of Object.entries(ev)) {
        if (!present(v)) continue;
        dl.appendChild(h("div", null, h("dt", null, k), h("dd", null, typeof v === "object" ? JSON.stringify(v) : String(v))));
      }
      box.appendChild(dl);
      const reps = Array.isArray(data.reports) ? data.reports : [];
      box.appendChild(h("h4", null, reps.length + " report(s) behind it"));
      const table = h("table", { className: "data", id: "canonical-reports" },
        h("thead", null, h("tr", null, ["document", "published", "reported by", "story event", "type",
          "actor1 → actor2", "place", "date", "fatalities", "injured", "trigger", "evidence", "link"]
          .map((t) => h("th", null, t)))));
      const tb = h("tbody");
      for (const r of reps) {
        tb.appendChild(h("tr", { "data-doc-id": r.doc_id, "data-event-id": r.event_id },
          h("td", null, h("button", { type: "button", className: "link doc-link", onclick: () => openDocument(r.doc_id) },
            show(r.doc_title || r.doc_id))),
          h("td", null, show(r.doc_published)),
          h("td", null, show(r.reported_by_name)),
          h("td", null, show(r.event_id), present(r.mentions) ? h("div", { className: "hint" }, "mentions " + r.mentions) : null),
          h("td", null, show(r.type) + (r.mode ? " / " + r.mode : "")),
          h("td", null, show(r.actor1_name), " → ", show(r.actor2_name)),
          h("td", null, show(r.place_name)),
          h("td", null, show(r.date)),
          h("td", { className: "num" }, show(present(r.fatalities) ? r.fatalities : r.killed)),
          h("td", { className: "num" }, show(r.injured)),
          h("td", null, show(r.trigger_text)),
          h("td", { className: "evidence" }, show(r.evidence_text)),
          h("td", null, show(r.reason))));
      }
      table.appendChild(tb);
      box.appendChild(h("div", { className: "table-wrap" }, table));
      box.appendChild(h("button", { type: "button", onclick: () => { box.hidden = true; } }, "Close"));
      box.hidden = false;
      box.scrollIntoView({ behavior: "smooth", block: "start" });
    } catch (err) {
      showError("Canonical event " + id, err);
    }
  }

  // -- start --------------------------------------------------------------------------------

  function init() {
    renderLegend();
    bindTooltip();
    const typeSelect = $("#browse-type");
    for (const t of PLOVER) typeSelect.appendChild(h("option", { value: t }, t));
    $("#file-input").addEventListener("change", onFile);
    $("#file-clear").addEventListener("click", forgetFile);
    $("#article-input").addEventListener("input", () => { if (loadedFile) forgetFile(); });
    $("#extract-button").addEventListener("click", onExtract);
    $("#store-button").addEventListener("click", onStore);
    $("#report-select").addEventListener("change", (ev) => showReport(reports[Number(ev.target.value)] || null));
    $("#auth-toggle").addEventListener("click", () => { const b = $("#auth-box"); b.hidden = !b.hidden; });
    $("#token-input").value = sessionStorage.getItem(TOKEN_KEY) || "";
    $("#auth-box").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const v = $("#token-input").value.trim();
      if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
      setStatus(v ? "Token set for this tab" : "Token cleared");
      clearError();
    });
    $("#token-clear").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $("#token-input").value = "";
      setStatus("Token cleared");
    });
    $("#totals-form").addEventListener("submit", (ev) => { ev.preventDefault(); clearError(); loadTotals(false); });
    $("#browse-form").addEventListener("submit", (ev) => { ev.preventDefault(); browse(0, false); });
    $("#browse-form").addEventListener("change", updateExportLinks);
    $("#browse-prev").addEventListener("click", (ev) => browse(Number(ev.target.dataset.offset) || 0, false));
    $("#browse-next").addEventListener("click", (ev) => browse(Number(ev.target.dataset.offset) || 0, false));
    $("#browse-bbox-map").addEventListener("click", () => {
      if (!map) return;
      const b = map.getBounds();
      const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
      $("#browse-bbox").value = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",");
      updateExportLinks();
    });
    for (const a of document.querySelectorAll(".exports a[data-format]")) a.addEventListener("click", onExportClick);
    updateExportLinks();
    initMap();
    // The store may be empty or absent (an extraction-only server): load quietly.
    loadTotals(true);
    browse(0, true);
  }

  // For tests and the console: render a report without the server.
  window.eventwire = { showReports, showReport, codePointIndex };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
