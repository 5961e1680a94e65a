/* An article's page (#/article/DOC_ID, a stored report: GET /documents/{id}) and the reader (#/read: paste a
 * text or choose a file, then Extract — nothing stored — or Store). Both show the highlighted text beside the
 * story events (issue 8: one per real-world event of the story), each with its place, day, tolls and the
 * figures linked to it; hovering or focusing an event lights its evidence sentences and triggers in the text.
 */
import {
  $, chip, ApiError, api, clear, clearError, dayLabel, describeError, empty, h, onActivate, present, problem, setStatus,
  show, showError, typeSwatch,
} from "./core.js";
import { baseMap, pointMarker } from "./geo.js";
import {
  actorName, bindTooltip, current, figureValue, hideTooltip, lightFigures, lightStory, placeLabel, renderLegend,
  renderText, setReport, storyPlace,
} from "./spans.js";

let reports = [];  // the reports on show (several after extracting a JSONL file)
let links = {};  // story event id -> {canonical_id, reports, documents} (stored articles only)
let map = null, markers = new Map();
let selected = null;
let onStored = () => {};

// -- the view ---------------------------------------------------------------------------------------------------

/** #/article/DOC_ID[?event=s2] */
export async function showArticle(docId, params) {
  $("#read-panel").hidden = true;
  $("#view-article .crumbs").hidden = false;
  clear($("#article-problem"));
  setStatus("Loading the article…");
  try {
    const [report, found] = await Promise.all([api("documents/" + encodeURIComponent(docId)),
      api("documents/" + encodeURIComponent(docId) + "/links").catch(() => ({ links: [] }))]);
    links = {};
    for (const l of found.links || []) links[l.event_id] = l;
    showReports([report]);
    const want = params.get("event");
    const i = (report.story_events || []).findIndex((se) => se.id === want);
    if (i >= 0) selectEvent(i, { scroll: true });
    setStatus("");
  } catch (err) {
    setStatus("");
    showReports([]);
    $("#article-problem").appendChild(problem("Opening the article " + docId, err));
    showError("Article " + docId, err);
  }
}

/** #/read */
export function showReader() {
  $("#read-panel").hidden = false;
  $("#view-article .crumbs").hidden = true;
  if (!current) showReports([]);
}

/** The story's map, made when first drawn on (Leaflet measures its box: it must be on show). */
function ensureMap() {
  if (!map && typeof L !== "undefined") map = baseMap($("#article-map"), { maxZoom: 10 });
  if (map) map.invalidateSize();
  return map;
}

export function showReports(list) {
  reports = list.filter((r) => r && !r.error && typeof r.text === "string");
  for (const r of list.filter((x) => x && x.error)) {
    showError("Document " + show(r.id), new ApiError(0, (r.error && r.error.code) || "error", (r.error && r.error.message) || ""));
  }
  const select = clear($("#report-select"));
  reports.forEach((r, i) => select.appendChild(h("option", { value: String(i) }, (r.title ? r.title + " — " : "") + show(r.doc_id || r.id))));
  $("#report-picker").hidden = reports.length < 2;
  showReport(reports.length ? reports[0] : null);
}

function showReport(report) {
  hideTooltip();
  selected = null;
  $("#article").classList.remove("spotlight");
  setReport(report);
  $("#article-view").hidden = !report;
  $("#article-empty").hidden = !!report || !$("#read-panel").hidden;
  if (!report) {
    clear($("#article"));
    clear($("#story-events"));
    drawMarkers([]);
    return;
  }
  const name = report.title || "Article " + show(report.id || report.doc_id) + (report.site ? " (" + report.site + ")" : "");
  $("#article-title").textContent = name;
  document.title = name + " — eventwire";
  renderMeta(report);
  renderText($("#article"));
  renderStoryEvents(report);
  drawMarkers(report.story_events || []);
}

function renderMeta(report) {
  const parts = [];
  if (report.dateline && report.dateline.agency) parts.push(report.dateline.agency);
  if (report.site) parts.push(report.site);
  if (report.published) parts.push("published " + dayLabel(report.published));
  parts.push("id " + show(report.doc_id || report.id));
  const counts = ["places", "times", "actors", "quotes", "figures"].map((k) => (report[k] || []).length + " " + k)
    .concat([(report.story_events || []).length + " story events", (report.events || []).length + " event mentions"]).join(", ");
  $("#report-meta").replaceChildren(h("span", null, parts.join(" · ")), h("span", { className: "hint" }, " — " + counts));
}

// -- the story events ---------------------------------------------------------------------------------------

function figureLine(i) {
  const f = (current.report.figures || [])[i];
  if (!f) return null;
  const who = actorName(f.reported_by);
  return h("li", { className: "figure-line", "data-figure": String(i) },
    h("strong", null, show(f.category) + " " + show(figureValue(f))), f.qualifier && f.qualifier !== "exact" ? " (" + f.qualifier + ")" : "",
    f.scope === "cumulative" ? " since " + show(f.since) : "", who ? " — according to " + who : "",
    f.text ? h("span", { className: "hint" }, " “" + f.text + "”") : null);
}

function renderStoryEvents(report) {
  const list = clear($("#story-events"));
  const events = report.story_events || [];
  if (!events.length) {
    list.appendChild(h("li", { className: "hint" }, "No story events: nothing in this text was coded as an event."));
    return;
  }
  events.forEach((se, i) => {
    const sp = storyPlace(se);
    const link = links[se.id];
    const item = h("li", { className: "story-event", tabindex: "0", "data-event-index": String(i), "data-event-id": se.id,
      "aria-label": se.id + " " + show(se.type) + (se.date ? " on " + se.date : "") + ": focus to see its evidence, Enter to select" },
    h("div", { className: "se-head" }, typeSwatch(se.type), " ", h("strong", null, show(se.type)),
      se.mode ? " / " + se.mode : "", se.modality && se.modality !== "asserted" ? chip(se.modality) : null,
      h("span", { className: "se-id hint" }, se.id + " · " + (se.mentions || []).length + " mention" + ((se.mentions || []).length === 1 ? "" : "s"))),
    h("div", null, show(actorName(se.actor1)), " → ", show(actorName(se.actor2))),
    h("div", { className: "hint" }, sp ? placeLabel(sp.place) : "no place", sp && sp.precision ? chip(sp.precision) : null,
      " · ", se.date ? dayLabel(se.date) : "no day",
      present(se.fatalities) ? " · " + se.fatalities + " killed" : "", present(se.injured) ? " · " + se.injured + " injured" : ""),
    (se.figures || []).length ? h("ul", { className: "figure-list", "aria-label": "figures linked to it" }, (se.figures || []).map(figureLine)) : null,
    link ? h("div", { className: "se-link" }, h("a", { href: "#/event/" + encodeURIComponent(link.canonical_id) },
      link.reports > 1 ? "Told by " + link.reports + " reports — compare them →" : "Its event page →")) : null);
    item.addEventListener("mouseenter", () => hover(i, true));
    item.addEventListener("mouseleave", () => hover(i, false));
    item.addEventListener("focus", () => hover(i, true));
    item.addEventListener("blur", () => hover(i, false));
    item.addEventListener("click", (ev) => { if (!ev.target.closest("a")) selectEvent(i, { scroll: true, popup: true }); });
    onActivate(item, () => selectEvent(i, { scroll: true, popup: true }));
    list.appendChild(item);
  });
}

/** Hovering (or focusing) story event i lights its evidence in the text; leaving it brings back the selection. */
function hover(i, on) {
  const se = (current.report.story_events || [])[i];
  $("#article").classList.toggle("spotlight", on || selected !== null);
  if (on) {
    lightStory(i, true, "lit", true);
    lightFigures(se ? se.figures : []);
  } else {
    lightStory(selected === null ? -1 : selected, selected !== null, "lit", false);
    lightFigures(selected === null ? [] : (current.report.story_events[selected] || {}).figures);
  }
}

/** Select story event i: its card, its evidence and triggers (kept lit); `scroll` brings them into view,
 * `popup` opens its marker's popup, `focus` moves the focus to its first trigger in the text. */
export function selectEvent(i, opts) {
  const { scroll = false, popup = false, focus = false } = opts || {};
  selected = i;
  $("#article").classList.add("spotlight");
  for (const el of document.querySelectorAll("#story-events .selected, #article .selected")) el.classList.remove("selected");
  const card = $('#story-events li[data-event-index="' + i + '"]');
  if (card) card.classList.add("selected");
  const lit = lightStory(i, true, "selected", scroll);
  lightStory(i, true, "lit", false);
  if (card && scroll) card.scrollIntoView({ block: "nearest" });
  const trigger = lit.find((el) => el.classList.contains("span"));
  if (trigger && focus) trigger.focus({ preventScroll: true });
  const marker = markers.get(i);
  if (marker && popup) marker.openPopup();
}

function drawMarkers(storyEvents) {
  if ($("#article-view").hidden || !ensureMap()) return;
  if (map.storyLayer) map.storyLayer.remove();
  map.storyLayer = L.layerGroup().addTo(map);
  markers = new Map();
  const points = [];
  storyEvents.forEach((se, i) => {
    const sp = current ? storyPlace(se) : null;
    if (!sp || !present(sp.place.lat) || !present(sp.place.lon)) return;
    const item = { lat: sp.place.lat, lon: sp.place.lon, type: se.type, place_name: placeLabel(sp.place), date: se.date,
      place_precision: sp.precision };
    const marker = pointMarker(item, () => h("div", { className: "popup" },
      h("div", { className: "popup-type" }, typeSwatch(se.type), " ", se.id + " " + show(se.type) + (se.mode ? " / " + se.mode : "")),
      h("div", null, "trigger: ", h("q", null, se.trigger ? se.trigger.text : "—")),
      h("div", null, placeLabel(sp.place) + (sp.precision ? " (" + sp.precision + ")" : "")),
      se.date ? h("div", null, dayLabel(se.date)) : null,
      present(se.fatalities) ? h("div", null, "killed: " + se.fatalities) : null,
      h("button", { type: "button", className: "link", onclick: () => selectEvent(i, { scroll: true, focus: true }) }, "show in text")));
    marker.on("click", () => selectEvent(i, { scroll: true }));
    marker.addTo(map.storyLayer);
    markers.set(i, marker);
    points.push([Number(sp.place.lat), Number(sp.place.lon)]);
  });
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.6), { maxZoom: 5, animate: false });
  else map.setView([20, 10], 1, { animate: false });
}

// -- the reader: extract or store a text --------------------------------------------------------------------

let loadedFile = null;  // null, or {kind: "text"|"html"|"jsonl"|"json", name, raw}

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
        : kind === "jsonl" ? "JSONL, " + raw.split(/\r?\n/).filter((l) => l.trim()).length + " line(s)" : "JSON document(s)";
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
  if (loadedFile && loadedFile.kind === "html") return { type: "application/json", body: JSON.stringify(extras({ html: loadedFile.raw })) };
  if (loadedFile && loadedFile.kind === "jsonl") {
    // each line one document; the form's date and title added where a line has none (a bad line goes as written)
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
  if (loadedFile && loadedFile.kind === "json") return { type: "application/json", body: loadedFile.raw };
  const text = $("#article-input").value;
  return text.trim() ? { type: "application/json", body: JSON.stringify(extras({ text })) } : null;
}

let busy = false;
async function withBusy(fn) {
  if (busy) return;
  busy = true;
  $("#extract-button").disabled = $("#store-button").disabled = true;
  try {
    await fn();
  } finally {
    busy = false;
    $("#extract-button").disabled = $("#store-button").disabled = false;
  }
}

async function onExtract() {
  clearError();
  const req = requestBody();
  if (!req) return showError("Extract", new ApiError(0, "empty", "paste an article or choose a file first"));
  await withBusy(async () => {
    setStatus("Extracting…");
    try {
      const data = await api("extract", { method: "POST", headers: { "Content-Type": req.type }, body: req.body });
      const list = data && Array.isArray(data.reports) ? data.reports : [];
      links = {};
      showReports(list);
      const ok = list.filter((r) => !r.error).length;
      setStatus("Extracted " + ok + " report(s)" + (ok < list.length ? ", " + (list.length - ok) + " failed" : "") + " — nothing stored");
    } catch (err) {
      setStatus("");
      showError("Extract", err);
    }
  });
}

async function onStore() {
  clearError();
  const req = requestBody();
  if (!req) return showError("Store", new ApiError(0, "empty", "paste an article or choose a file first"));
  await withBusy(async () => {
    setStatus("Storing…");
    try {
      const data = await api("documents", { method: "POST", headers: { "Content-Type": req.type }, body: req.body });
      showStoreResult(data);
      setStatus("Stored " + show(data.stored) + ", skipped " + show(data.skipped));
      onStored();
    } catch (err) {
      setStatus("");
      if (err.body && typeof err.body === "object" && Array.isArray(err.body.errors)) showStoreResult(err.body);
      showError("Store", err);
    }
  });
}

function showStoreResult(data) {
  const out = clear($("#store-result"));
  out.appendChild(h("span", null, "stored " + show(data.stored) + ", skipped " + show(data.skipped)));
  const docs = Array.isArray(data.documents) ? data.documents : [];
  if (docs.length) {
    out.appendChild(document.createTextNode(" — open: "));
    docs.forEach((id, i) => {
      if (i) out.appendChild(document.createTextNode(", "));
      out.appendChild(h("a", { className: "doc-link", "data-doc-id": id, href: "#/article/" + encodeURIComponent(id) }, String(id).slice(0, 12)));
    });
  }
  const errors = Array.isArray(data.errors) ? data.errors : [];
  if (errors.length) out.appendChild(h("ul", { className: "store-errors" }, errors.map((e) => h("li", null, describeError(e)))));
}

export function initArticle(afterStore) {
  onStored = afterStore || onStored;
  renderLegend($("#legend"));
  bindTooltip();
  $("#article-empty").replaceChildren(empty("No article on show", "Paste a text on “Read an article”, or open one from the "
    + "explore table or an event page.", h("a", { href: "#/read", className: "button" }, "Read an article")));
  $("#file-input").addEventListener("change", onFile);
  $("#file-clear").addEventListener("click", forgetFile);
  $("#article-input").addEventListener("input", () => { if (loadedFile) forgetFile(); });
  $("#extract-button").addEventListener("click", onExtract);
  $("#store-button").addEventListener("click", onStore);
  $("#report-select").addEventListener("change", (ev) => showReport(reports[Number(ev.target.value)] || null));
}
