/* The explore view, map first: the stored story events that match the filters, drawn together as a map
 * (GET /map: points by type, clustered when dense), a timeline with a brush (GET /timeline) and a table
 * (GET /events, paged by cursor). The filters live in the URL (#/explore?country=SDN&from=...), so a view can
 * be shared; the download links (GET /export) carry the same filters: they give exactly the events that match.
 */
import {
  $, chip, $$, ACLED_TYPES, PLOVER, api, clear, dayLabel, downloadWithToken, empty, formatNumber, h, monthLabel,
  onActivate, present, problem, show, showError, typeSwatch, typeGroup,
} from "./core.js";
import { Clusters, baseMap, pointMarker, typeLegend } from "./geo.js";
import { Timeline } from "./timeline.js";

const FIELDS = ["from", "to", "country", "type", "acled_type", "actor", "source", "bbox"];
const LIMITS = [25, 50, 100, 200];
const MAP_LIMIT = 2000;
const EXPORTS = [["csv", "CSV"], ["geojson", "GeoJSON"], ["jsonl", "JSONL (reports)"], ["plover-json", "PLOVER JSON"],
  ["acled-csv", "ACLED CSV"], ["parquet", "Parquet"]];

/** The view's state from the URL's query: the filters, one row per canonical event (default on), rows per page,
 * and the map's view (`at` = zoom/lat/lon, kept only while the map is not refitted to new data). */
export function parseState(params) {
  const st = { dedup: params.get("dedup") !== "0", at: params.get("at") || "" };
  const limit = Number(params.get("limit"));
  st.limit = LIMITS.includes(limit) ? limit : 50;
  for (const k of FIELDS) st[k] = (params.get(k) || "").trim();
  if (st.country) st.country = st.country.toUpperCase();
  if (st.type) st.type = st.type.toUpperCase();
  return st;
}

/** The URL query of a state: only what differs from the defaults, in a fixed order. */
export function stateQuery(st) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (st[k]) p.set(k, st[k]);
  if (!st.dedup) p.set("dedup", "0");
  if (st.limit !== 50) p.set("limit", String(st.limit));
  if (st.at) p.set("at", st.at);
  return p;
}

/** The API's query for a state (without the dates: the timeline shows the whole range for the other filters). */
function apiQuery(st, dates) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (st[k] && (dates !== false || (k !== "from" && k !== "to"))) p.set(k, st[k]);
  if (st.dedup) p.set("dedup", "true");
  return p;
}

let state = parseState(new URLSearchParams());
let facets = null;  // GET /facets: {countries, types, total}
let facetsReady = Promise.resolve();
let map = null, clusters = null, highlight = null, timeline = null;
let seq = 0, pageSeq = 0;
let cursors = [null];  // the cursor of every page read so far (Previous goes back one)
let fitting = false;

// -- the filter form -----------------------------------------------------------------------------------------

function countryName(code) {
  const c = facets && facets.countries.find((x) => x.code === code);
  return c && c.name ? c.name + " (" + code + ")" : code;
}

/** The ISO3 code meant by what was typed ("Sudan", "sudan (SDN)", "sdn"), or null with a note saying why. */
function resolveCountry(text) {
  const t = text.trim();
  if (!t) return "";
  const code = /\(([A-Za-z]{3})\)\s*$/.exec(t);
  if (code) return code[1].toUpperCase();
  const named = facets ? facets.countries.filter((c) => c.name && c.name.toLowerCase().startsWith(t.toLowerCase())) : [];
  const exact = named.find((c) => c.name.toLowerCase() === t.toLowerCase());
  if (exact || named.length === 1) return (exact || named[0]).code;
  if (/^[A-Za-z]{3}$/.test(t)) return t.toUpperCase();
  return null;
}

function fillForm(st) {
  $("#f-from").value = st.from;
  $("#f-to").value = st.to;
  $("#f-country").value = st.country ? countryName(st.country) : "";
  $("#f-type").value = PLOVER.includes(st.type) ? st.type : "";
  $("#f-acled").value = st.acled_type;
  $("#f-actor").value = st.actor;
  $("#f-source").value = st.source;
  $("#f-dedup").checked = st.dedup;
  $("#f-limit").value = String(st.limit);
  $("#f-bbox-row").hidden = !st.bbox;
  $("#f-bbox-text").textContent = st.bbox.split(",").map((v) => Number(v).toFixed(2)).join(", ");
  $("#f-country-note").hidden = true;
  $("#timeline-clear").hidden = !(st.from || st.to);
  syncMonth(st);
}

function formState() {
  const country = resolveCountry($("#f-country").value);
  const note = $("#f-country-note");
  if (country === null) {
    note.textContent = "No country called “" + $("#f-country").value.trim() + "” has events here: pick one from the "
      + "list, or type its ISO 3166-1 alpha-3 code (SDN, PSE, UKR).";
    note.hidden = false;
    $("#f-country").setAttribute("aria-invalid", "true");
    $("#f-country").focus();
    return null;
  }
  note.hidden = true;
  $("#f-country").removeAttribute("aria-invalid");
  return Object.assign({}, state, {
    from: $("#f-from").value, to: $("#f-to").value, country, type: $("#f-type").value,
    acled_type: $("#f-acled").value.trim(), actor: $("#f-actor").value.trim(), source: $("#f-source").value.trim(),
    dedup: $("#f-dedup").checked, limit: Number($("#f-limit").value) || 50,
  });
}

/** Go to a state: a new URL (a step in the history, so Back undoes it); the router then loads it. */
function go(next, keepMapView) {
  const st = Object.assign({}, next, keepMapView ? {} : { at: "" });
  const hash = "#/explore?" + stateQuery(st).toString();
  document.body.dataset.ready = "false";
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));  // the same view again: reload it
  else location.hash = hash;
}

function apply() {
  const st = formState();
  if (st) go(st);
}

function syncMonth(st) {
  const sel = $("#f-month");
  const m = /^(\d{4})-(\d{2})-01$/.exec(st.from || "");
  let value = "";
  if (m) {
    const last = new Date(Date.UTC(+m[1], +m[2], 0)).toISOString().slice(0, 10);
    if (st.to === last) value = m[1] + "-" + m[2];
  }
  if (value && !sel.querySelector('option[value="' + value + '"]')) {
    sel.appendChild(h("option", { value }, monthLabel(value, true)));
  }
  sel.value = value;
}

/** The month picker: every month with events (for the other filters), latest first. */
function fillMonths(days) {
  const sel = $("#f-month");
  const months = new Map();
  for (const d of days) months.set(d.day.slice(0, 7), (months.get(d.day.slice(0, 7)) || 0) + d.count);
  clear(sel).appendChild(h("option", { value: "" }, "any month"));
  for (const [m, n] of [...months.entries()].sort().reverse()) {
    sel.appendChild(h("option", { value: m }, monthLabel(m, true) + " (" + formatNumber(n) + ")"));
  }
  syncMonth(state);
}

function onMonth() {
  const v = $("#f-month").value;
  if (!v) {
    $("#f-from").value = "";
    $("#f-to").value = "";
  } else {
    const [y, m] = v.split("-").map(Number);
    $("#f-from").value = v + "-01";
    $("#f-to").value = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  apply();
}

async function loadFacets() {
  try {
    facets = await api("facets");
  } catch (err) {
    facets = { countries: [], types: [], total: null, error: err };
  }
  const list = clear($("#country-list"));
  for (const c of facets.countries) {
    list.appendChild(h("option", { value: c.name ? c.name + " (" + c.code + ")" : c.code },
      formatNumber(c.count) + " events"));
  }
  const counts = new Map(facets.types.map((t) => [t.type, t.count]));
  const sel = clear($("#f-type"));
  sel.appendChild(h("option", { value: "" }, "any type"));
  for (const t of PLOVER) {
    sel.appendChild(h("option", { value: t }, t.toLowerCase() + (counts.has(t) ? " (" + formatNumber(counts.get(t)) + ")" : "")));
  }
  sel.value = state.type;
  if (state.country) $("#f-country").value = countryName(state.country);
  return facets;
}

export function refreshFacets() {
  facetsReady = loadFacets();
  return facetsReady;
}

// -- loading ----------------------------------------------------------------------------------------------------

function ensureMap() {
  if (map || typeof L === "undefined") return;
  map = baseMap($("#explore-map"));
  if (!map) return;
  window.eventwire.maps.explore = map;  // for tests and the console
  clusters = new Clusters(map, { point: (it) => it.aggregate ? aggregateMarker(it) : pointMarker(it, popup), list: listPopup });
  map.on("moveend", () => {
    if (fitting || !location.hash.startsWith("#/explore")) return;
    const c = map.getCenter();
    state.at = [map.getZoom(), c.lat.toFixed(3), c.lng.toFixed(3)].join("/");
    history.replaceState(null, "", "#/explore?" + stateQuery(state).toString());
  });
}

/** Show the view for a URL query (the router calls this on every #/explore URL). */
export async function showExplore(params) {
  state = parseState(params);
  cursors = [null];
  ensureMap();
  if (map) map.invalidateSize();
  fillForm(state);
  if (!facets) facetsReady = loadFacets();
  await load();
}

/** The table, the map and the timeline, each drawn as soon as its answer comes (at scale the timeline's count
 * takes longest); resolves when all three are in. */
async function load() {
  const mine = ++seq;
  const st = state;
  $("#explore").setAttribute("aria-busy", "true");
  clear($("#explore-problem"));
  updateDownloads(st);
  const q = apiQuery(st);
  const table = api("events?" + q + "&limit=" + st.limit).then(async (data) => {
    if (mine !== seq) return;
    if (!(data.events || []).length) await facetsReady;  // the empty state says whether the store is empty
    if (mine === seq) renderPage(data, st);
  }, (err) => {
    if (mine !== seq) return;
    renderPage(null, st);
    $("#explore-problem").appendChild(problem("Loading events", err));
    showError("Events", err);
  });
  const points = api("map?" + q + "&limit=" + MAP_LIMIT).then((data) => {
    if (mine === seq) drawMap(data, st);
  }, () => {
    if (mine === seq && clusters) clusters.set([]);
  });
  const days = api("timeline?" + apiQuery(st, false)).then((data) => {
    if (mine !== seq) return;
    timeline.set(data.days || [], data.undated, { from: st.from, to: st.to });
    fillMonths(data.days || []);
    timeline.restoreFocus();
  }, () => {
    if (mine === seq) timeline.set([], 0, {});
  });
  await Promise.all([table, points, days]);
  if (mine === seq) $("#explore").removeAttribute("aria-busy");
}

async function loadPage(cursor) {
  const mine = ++pageSeq;
  const q = apiQuery(state);
  q.set("limit", String(state.limit));
  if (cursor) q.set("cursor", cursor);
  try {
    const data = await api("events?" + q);
    if (mine === pageSeq) renderPage(data, state);
  } catch (err) {
    if (mine === pageSeq) showError("Events", err);
  }
}

// -- the map ----------------------------------------------------------------------------------------------------

function links(item) {
  return h("div", { className: "popup-links" },
    present(item.canonical_id) ? h("a", { href: "#/event/" + encodeURIComponent(item.canonical_id) }, "Event page →") : null,
    h("a", { href: "#/article/" + encodeURIComponent(item.doc_id) + "?event=" + encodeURIComponent(item.event_id) },
      "Article →"));
}

function popup(item) {
  return h("div", { className: "popup" },
    h("div", { className: "popup-type" }, typeSwatch(item.type), " ", show(item.type) + (item.mode ? " / " + item.mode : "")),
    h("div", null, show(item.place_name) + (item.country ? ", " + item.country : ""),
      item.place_precision ? chip(item.place_precision) : null),
    h("div", null, item.date ? dayLabel(item.date) : "no day", present(item.fatalities) ? " · " + item.fatalities + " killed" : ""),
    links(item));
}

function listPopup(members, total) {
  const list = h("ul", { className: "popup-list" });
  const points = members.filter((m) => !m.aggregate);
  for (const m of points.slice(0, 12)) {
    list.appendChild(h("li", null, typeSwatch(m.type), " ", h("strong", null, show(m.type)), " ",
      show(m.place_name), " · ", m.date ? dayLabel(m.date) : "no day", present(m.fatalities) ? " · " + m.fatalities + " killed" : "",
      links(m)));
  }
  const more = total - Math.min(12, points.length);
  return h("div", { className: "popup" }, h("div", { className: "popup-type" }, formatNumber(total) + " events here"), list,
    more > 0 ? h("p", { className: "hint" }, formatNumber(more) + " more: narrow the filters or the dates to list them") : null);
}

function aggregateMarker(it) {
  const label = formatNumber(it.weight) + " " + it.type + " event(s) around here, not loaded";
  return L.marker([it.lat, it.lon], { keyboard: true, title: label, alt: label,
    icon: L.divIcon({ className: "event-marker aggregate g-" + typeGroup(it.type).key, iconSize: [14, 14] }) })
    .bindPopup(() => listPopup([it], it.weight));
}

/** Points, and (when the server listed only the first MAP_LIMIT) the rest as per-cell counts: a cell's count less
 * the points already drawn in it. */
function mapItems(data) {
  const items = (data.points || []).slice();
  if (data.truncated) {
    const drawn = new Map();
    for (const p of items) {
      const key = Math.floor(p.lat) + ":" + Math.floor(p.lon) + ":" + p.type;
      drawn.set(key, (drawn.get(key) || 0) + 1);
    }
    for (const c of data.cells || []) {
      const left = c.count - (drawn.get(Math.floor(c.lat) + ":" + Math.floor(c.lon) + ":" + c.type) || 0);
      if (left > 0) items.push({ lat: c.lat, lon: c.lon, type: c.type, weight: left, aggregate: true });
    }
  }
  return items;
}

function drawMap(data, st) {
  const items = mapItems(data);
  const located = items.reduce((t, it) => t + (it.weight || 1), 0);
  const note = $("#map-note");
  note.textContent = formatNumber(located) + (data.cells_complete === false ? "+" : "") + " event" + (located === 1 ? "" : "s")
    + " on the map" + (data.truncated ? " (the first " + formatNumber((data.points || []).length) + " one by one, the rest "
      + "counted per 1° square" + (data.cells_complete === false ? ", of the first " + formatNumber(located) + " matches" : "")
      + ": narrow the filters to see them all)" : "") + ".";
  typeLegend($("#explore-legend"), items.length ? items.map((it) => it.type) : facets ? facets.types.map((t) => t.type) : []);
  if (!clusters) return;
  clusters.set(items);
  const at = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(st.at || "");
  fitting = true;
  if (at) map.setView([Number(at[2]), Number(at[3])], Number(at[1]), { animate: false });
  else if (clusters.bounds()) map.fitBounds(clusters.bounds().pad(0.25), { maxZoom: 4, animate: false });
  else map.setView([20, 10], 1.5, { animate: false });
  setTimeout(() => { fitting = false; }, 0);
}

function onRowHover(r, on) {
  if (!map) return;
  if (highlight) { highlight.remove(); highlight = null; }
  if (on && present(r.place_lat) && present(r.place_lon)) {
    highlight = L.circleMarker([Number(r.place_lat), Number(r.place_lon)], { radius: 14, weight: 3, color: "#1a1a1a",
      fill: false, interactive: false, className: "row-highlight" }).addTo(map);
  }
}

// -- the table --------------------------------------------------------------------------------------------------

function openRow(r) {
  location.hash = present(r.canonical_id) ? "#/event/" + encodeURIComponent(r.canonical_id)
    : "#/article/" + encodeURIComponent(r.doc_id) + "?event=" + encodeURIComponent(r.event_id);
}

function renderRows(rows) {
  const body = clear($("#explore-table tbody"));
  for (const r of rows) {
    const killed = present(r.fatalities) ? r.fatalities : r.killed;
    const evidence = String(r.evidence_text || "").trim();
    const tr = h("tr", { tabindex: "0", "data-doc-id": r.doc_id, "data-event-id": r.event_id,
      "data-canonical-id": r.canonical_id || null, "aria-label": show(r.type) + " " + (r.date ? dayLabel(r.date) : "no day")
        + (r.place_name ? " in " + r.place_name : "") + ": Enter opens it" },
    h("td", { className: "nowrap" }, r.date ? dayLabel(r.date) : h("span", { className: "hint" }, "no day")),
    h("td", { className: "nowrap" }, typeSwatch(r.type), " ", show(r.type),
      r.mode ? h("div", { className: "hint" }, r.mode) : null),
    h("td", { className: "what" }, h("div", null, show(r.actor1_name), " → ", show(r.actor2_name),
      r.trigger_text ? h("span", { className: "hint" }, " · “" + r.trigger_text + "”") : null),
    evidence ? h("div", { className: "evidence clamp" }, evidence) : null),
    h("td", null, show(r.place_name), r.place_country ? h("span", { className: "hint" }, " " + r.place_country) : null,
      r.place_precision ? h("div", null, chip(r.place_precision)) : null),
    h("td", { className: "num" }, show(killed)),
    h("td", { className: "num" }, show(r.injured)),
    h("td", { className: "source" }, h("div", null, show(r.doc_title || r.source_id || r.doc_id)),
      h("div", { className: "hint" }, [r.doc_published ? dayLabel(r.doc_published) : null,
        r.reported_by_name ? "according to " + r.reported_by_name : null].filter(present).join(" · "))),
    h("td", { className: "nowrap" }, present(r.canonical_id)
      ? h("a", { href: "#/event/" + encodeURIComponent(r.canonical_id), className: "row-link" }, "event") : null,
    present(r.canonical_id) ? " · " : null,
    h("a", { href: "#/article/" + encodeURIComponent(r.doc_id) + "?event=" + encodeURIComponent(r.event_id),
      className: "row-link" }, "article")));
    tr.addEventListener("click", (ev) => { if (!ev.target.closest("a, button")) openRow(r); });
    onActivate(tr, () => openRow(r));
    tr.addEventListener("mouseenter", () => onRowHover(r, true));
    tr.addEventListener("mouseleave", () => onRowHover(r, false));
    tr.addEventListener("focus", () => onRowHover(r, true));
    tr.addEventListener("blur", () => onRowHover(r, false));
    body.appendChild(tr);
  }
}

function activeFilters(st) {
  const out = [];
  if (st.from || st.to) out.push(["dates", (st.from ? dayLabel(st.from) : "…") + " – " + (st.to ? dayLabel(st.to) : "…"), { from: "", to: "" }]);
  if (st.country) out.push(["country", countryName(st.country), { country: "" }]);
  if (st.type) out.push(["type", st.type, { type: "" }]);
  if (st.acled_type) out.push(["ACLED type", st.acled_type, { acled_type: "" }]);
  if (st.actor) out.push(["actor", st.actor, { actor: "" }]);
  if (st.source) out.push(["source", st.source, { source: "" }]);
  if (st.bbox) out.push(["area", "the map area", { bbox: "" }]);
  return out;
}

function renderPage(data, st) {
  const rows = data && Array.isArray(data.events) ? data.events : [];
  const box = clear($("#explore-empty"));
  renderRows(rows);
  $("#explore-table").hidden = !rows.length;
  const page = cursors.length - 1;
  const first = page * st.limit + 1;
  const total = data ? Number(data.total) || 0 : 0;
  const plus = data && data.total_exact === false ? "+" : "";
  $("#page-info").textContent = rows.length ? "events " + formatNumber(first) + "–" + formatNumber(first + rows.length - 1)
    + " of " + formatNumber(total) + plus : "";
  $("#page-prev").disabled = page === 0;
  $("#page-next").disabled = !(data && data.next_cursor);
  $("#page-next").dataset.cursor = data && data.next_cursor ? data.next_cursor : "";
  const filters = activeFilters(st);
  const what = st.dedup ? "real-world event" : "report";
  $("#explore-summary").replaceChildren(h("strong", null, data ? formatNumber(total) + plus + " " + what
    + (total === 1 ? "" : "s") : "—"), filters.length ? " · " + filters.map((f) => f[1]).join(" · ") : " · everything stored",
  h("span", { className: "hint" }, st.dedup ? " (each listed once, however many outlets told it)"
    : " (every outlet's report of an event, one row each)"));
  if (!data || rows.length) return;
  if (facets && facets.total === 0) {
    box.appendChild(empty("The store is empty", "Nothing has been stored yet. Store an article on the “Read an article” "
      + "page, or load a corpus with `eventwire ingest FILE --db STORE` and reload.",
    h("a", { href: "#/read", className: "button" }, "Read an article")));
  } else {
    box.appendChild(empty("No events match these filters", filters.length
      ? "Remove a filter or widen the dates:" : "The store has no story events to list.",
    ...filters.map(([name, label, reset]) => h("button", { type: "button", className: "chip-button",
      onclick: () => go(Object.assign({}, st, reset)) }, "× " + name + ": " + label)),
    filters.length > 1 ? h("button", { type: "button", onclick: clearAll }, "Clear all filters") : null));
  }
}

function clearAll() {
  go(Object.assign({}, state, { from: "", to: "", country: "", type: "", acled_type: "", actor: "", source: "", bbox: "" }));
}

function updateDownloads(st) {
  const q = apiQuery(st);
  for (const a of $$("a[data-format]", $("#explore-downloads"))) {
    const p = new URLSearchParams(q);
    p.set("format", a.dataset.format);
    a.setAttribute("href", "export?" + p.toString());
  }
}

// -- start ------------------------------------------------------------------------------------------------------

export function initExplore() {
  const downloads = $("#explore-downloads");
  const more = h("span", { className: "more-formats" });
  EXPORTS.forEach(([fmt, label], i) => {
    const a = h("a", { id: "export-" + fmt, "data-format": fmt, href: "export?format=" + fmt,
      download: "events." + fmt.split("-").pop() }, label);
    a.addEventListener("click", downloadWithToken);
    if (i < 2) downloads.insertBefore(a, $("#more-formats"));
    else more.appendChild(a);
  });
  $("#more-formats").appendChild(more);
  const acled = $("#acled-list");
  for (const t of ACLED_TYPES) acled.appendChild(h("option", { value: t }));
  timeline = new Timeline($("#timeline"), (from, to) => go(Object.assign({}, state, { from: from || "", to: to || "" }), true));
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  for (const id of ["#f-from", "#f-to", "#f-type", "#f-dedup", "#f-limit"]) $(id).addEventListener("change", apply);
  for (const id of ["#f-country", "#f-acled"]) {  // a pick from the list applies at once; typing waits for Enter
    $(id).addEventListener("change", () => { if ($(id).value.trim() === "" || /\)$/.test($(id).value) || ACLED_TYPES.includes($(id).value)) apply(); });
  }
  $("#f-month").addEventListener("change", onMonth);
  $("#f-clear").addEventListener("click", clearAll);
  $("#f-bbox-clear").addEventListener("click", () => go(Object.assign({}, state, { bbox: "" })));
  $("#timeline-clear").addEventListener("click", () => go(Object.assign({}, state, { from: "", to: "" }), true));
  $("#f-bbox-map").addEventListener("click", () => {
    if (!map) return;
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
    go(Object.assign({}, state, { bbox: [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",") }), true);
  });
  $("#page-next").addEventListener("click", (ev) => {
    const c = ev.currentTarget.dataset.cursor;
    if (!c) return;
    cursors.push(c);
    loadPage(c);
  });
  $("#page-prev").addEventListener("click", () => {
    if (cursors.length > 1) cursors.pop();
    loadPage(cursors[cursors.length - 1]);
  });
}
