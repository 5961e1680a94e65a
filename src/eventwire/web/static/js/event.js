/* An event's page (#/event/CANONICAL_ID): one real-world event and every report merged into it (GET
 * /events/{id}): who says what (the competing tolls side by side, with the outlet and the source each report
 * gives), why each report was merged (the dedup's reason, as `eventwire explain` prints it), where it happened
 * and how precisely each report places it, and each report's evidence sentence highlighted in its article
 * (GET /documents/{id}, a few at a time).
 */
import {
  $, chip, api, clear, codePointIndex, dayLabel, empty, formatNumber, h, present, problem, show, showError, sliceText,
  typeSwatch,
} from "./core.js";
import { baseMap } from "./geo.js";

const FIRST_DOCS = 24;  // articles read at once; the rest on request
const RADIUS_KM = { city: 3, landmark: 1, other: 10, water: 30, region: 80, country: 300 };
let map = null, layer = null, seq = 0;

function outlet(r) {
  return r.outlet || r.doc_title || r.source_id || String(r.doc_id).slice(0, 12);
}

/** The reasons a report was merged, one clause each ("same type ASSAULT; dates …" -> items). */
function reasonList(reason) {
  if (!reason) return h("p", { className: "hint" }, "no reason recorded");
  if (reason === "first report") return h("p", { className: "reason-first" }, "The event's first report (the others were merged into it).");
  return h("ul", { className: "reasons" }, reason.split(/;\s*/).filter(Boolean).map((part) => h("li", null, part)));
}

/** The paragraph around a report's evidence sentence, the sentence marked and its trigger in bold. */
function excerpt(text, r) {
  const map = codePointIndex(text);
  const n = map.length - 1;
  const cp = Array.from(text);
  const es = Number(r.evidence_start);
  let ee = Number(r.evidence_end);
  if (!Number.isFinite(es) || !Number.isFinite(ee) || ee <= es || ee > n) return null;
  while (ee > es + 1 && /\s/.test(cp[ee - 1])) ee--;  // a sentence's trailing blank lines are not evidence
  let a = es, b = ee;
  while (a > 0 && cp[a - 1] !== "\n" && es - a < 600) a--;
  while (b < n && cp[b] !== "\n" && b - ee < 600) b++;
  const ts = Number(r.trigger_start), te = Number(r.trigger_end);
  const mark = h("mark", { className: "evidence" });
  if (Number.isFinite(ts) && Number.isFinite(te) && ts >= es && te <= ee && te > ts) {
    mark.append(sliceText(text, map, es, ts), h("strong", { className: "trigger" }, sliceText(text, map, ts, te)), sliceText(text, map, te, ee));
  } else {
    mark.append(sliceText(text, map, es, ee));
  }
  return h("p", { className: "excerpt" }, a > 0 && cp[a - 1] !== "\n" ? "… " : "", sliceText(text, map, a, es), mark,
    sliceText(text, map, ee, b), b < n && cp[b] !== "\n" ? " …" : "");
}

function fact(label, value, note) {
  return h("div", { className: "fact" }, h("div", { className: "fact-label" }, label), h("div", { className: "fact-value" }, value),
    note ? h("div", { className: "hint" }, note) : null);
}

function tollFact(ev, name, label) {
  const latest = ev[name], lo = ev[name + "_min"], hi = ev[name + "_max"];
  if (!present(latest) && !present(hi)) return fact(label, "—", "no report gives a number");
  const disagree = present(lo) && present(hi) && lo !== hi;
  return fact(label, formatNumber(present(latest) ? latest : hi), disagree
    ? h("span", { className: "disagree" }, "the reports disagree: " + formatNumber(lo) + " to " + formatNumber(hi) + " (the latest report's first)")
    : "as the latest report gives it");
}

/** The competing figures side by side: one row per report, the highest and lowest of each toll marked. */
function figuresTable(reports) {
  const cols = [["fatalities", "killed"], ["injured", "injured"]];
  const range = {};
  for (const [k] of cols) {
    const vals = reports.map((r) => r[k]).filter(present).map(Number);
    range[k] = vals.length ? [Math.min(...vals), Math.max(...vals)] : null;
  }
  const tb = h("tbody");
  for (const r of reports) {
    tb.appendChild(h("tr", { "data-doc-id": r.doc_id },
      h("th", { scope: "row" }, outlet(r)), h("td", { className: "nowrap" }, r.doc_published ? dayLabel(r.doc_published) : "—"),
      h("td", null, show(r.reported_by_name || (r.reported_by ? r.reported_by : "the outlet itself"))),
      ...cols.map(([k]) => {
        const v = r[k];
        const [lo, hi] = range[k] || [null, null];
        const td = h("td", { className: "num toll" });
        if (!present(v)) return append(td, "—");
        const bar = h("span", { className: "toll-bar" });
        bar.style.width = (hi ? Math.max(4, 100 * Number(v) / hi) : 0) + "%";  // CSSOM: the CSP allows no style attribute
        td.append(h("span", { className: "toll-track", "aria-hidden": "true" }, bar), h("span", { className: "toll-value" }, formatNumber(v)));
        if (lo !== hi && Number(v) === hi) td.append(...chip("highest", "high"));
        if (lo !== hi && Number(v) === lo) td.append(...chip("lowest", "low"));
        return td;
      }),
      h("td", null, show(r.place_name), r.place_precision ? chip(r.place_precision) : null),
      h("td", { className: "nowrap" }, r.date ? dayLabel(r.date) : "—")));
  }
  return h("div", { className: "table-wrap" }, h("table", { className: "data figures-table", id: "event-figures" },
    h("caption", null, "Who says what: each report's own figures, in publication order"),
    h("thead", null, h("tr", null, ["outlet", "published", "according to", "killed", "injured", "place given", "day given"]
      .map((t) => h("th", { scope: "col" }, t)))), tb));
}

function append(el, ...children) {
  el.append(...children);
  return el;
}

function placeFact(ev, reports) {
  const precisions = new Map();
  for (const r of reports) if (r.place_precision) precisions.set(r.place_precision, (precisions.get(r.place_precision) || 0) + 1);
  const first = reports.find((r) => present(r.place_lat)) || {};
  const where = [ev.place_name || first.place_name, first.place_admin1, ev.country || first.place_country].filter(present);
  const note = [present(ev.lat) ? Number(ev.lat).toFixed(3) + ", " + Number(ev.lon).toFixed(3) : "no coordinates",
    first.place_feature ? "a " + first.place_feature : null, first.place_geonameid ? "GeoNames " + first.place_geonameid : null,
    precisions.size ? "placed " + [...precisions.entries()].map(([p, n]) => p + (reports.length > 1 ? " by " + n : "")).join(", ") : null]
    .filter(present).join(" · ");
  return fact("Where", where.length ? where.join(", ") : "no place", note);
}

function drawPlaces(reports) {
  if (!map) return;
  if (layer) layer.remove();
  layer = L.layerGroup().addTo(map);
  const pts = [];
  for (const r of reports) {
    if (!present(r.place_lat) || !present(r.place_lon)) continue;
    const ll = [Number(r.place_lat), Number(r.place_lon)];
    const guessed = r.place_precision === "sentence" || r.place_precision === "dateline";
    L.circle(ll, { radius: 1000 * (RADIUS_KM[r.place_feature] || 10), weight: 1, color: "#444", fillOpacity: 0.08,
      dashArray: guessed ? "4 4" : null, interactive: false, className: "precision-ring" }).addTo(layer);
    L.circleMarker(ll, { radius: 6, weight: 2, color: "#1a1a1a", fillColor: "#D55E00", fillOpacity: guessed ? 0.2 : 0.9,
      className: "report-marker" }).bindTooltip(outlet(r) + ": " + show(r.place_name) + (r.place_precision ? " (" + r.place_precision + ")" : ""))
      .addTo(layer);
    pts.push(ll);
  }
  if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.5), { maxZoom: 5, animate: false });
  else map.setView([20, 10], 1, { animate: false });
}

function reportCard(r, i) {
  return h("li", { className: "report-card", "data-doc-id": r.doc_id, "data-event-id": r.event_id, id: "report-" + i },
    h("div", { className: "report-head" }, h("strong", null, outlet(r)), " · ", r.doc_published ? dayLabel(r.doc_published) : "no date",
      r.doc_title ? h("span", { className: "hint" }, " · " + r.doc_title) : null),
    h("div", { className: "report-sub hint" }, "story event " + r.event_id + (r.mentions ? " (mentions " + r.mentions + ")" : "")
      + (present(r.fatalities) ? " · " + r.fatalities + " killed" : "") + (r.reported_by_name ? " · according to " + r.reported_by_name : "")),
    h("div", { className: "report-body" }, h("p", { className: "excerpt pending" }, h("mark", { className: "evidence" }, show(r.evidence_text)))),
    h("details", { className: "why", open: r.reason !== "first report" }, h("summary", null, r.reason === "first report" ? "Why it is here: the first report" : "Why it was merged"),
      reasonList(r.reason)),
    h("a", { href: "#/article/" + encodeURIComponent(r.doc_id) + "?event=" + encodeURIComponent(r.event_id), className: "read-link" },
      "Read the whole article →"));
}

/** Read the articles (a few at a time) and put each report's evidence back into its paragraph. */
async function fillExcerpts(reports, mine, from, to) {
  const docs = [...new Set(reports.slice(from, to).map((r) => r.doc_id))];
  const texts = new Map();
  let next = 0;
  const worker = async () => {
    while (next < docs.length && mine === seq) {
      const id = docs[next++];
      try {
        texts.set(id, (await api("documents/" + encodeURIComponent(id))).text);
      } catch (err) {
        texts.set(id, null);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (mine !== seq) return;
  reports.slice(from, to).forEach((r, k) => {
    const text = texts.get(r.doc_id);
    const body = $("#report-" + (from + k) + " .report-body");
    if (!body) return;
    const ex = typeof text === "string" ? excerpt(text, r) : null;
    if (ex) body.replaceChildren(ex);
    else $(".excerpt", body).classList.remove("pending");
  });
}

export async function showEvent(id) {
  const mine = ++seq;
  const box = clear($("#event-body"));
  box.setAttribute("aria-busy", "true");
  let data;
  try {
    data = await api("events/" + encodeURIComponent(id));
  } catch (err) {
    if (mine !== seq) return;
    box.removeAttribute("aria-busy");
    $("#event-title").textContent = "Event " + id;
    box.appendChild(err.status === 404 ? empty("No event " + id + " in the store",
      "The link may be from another store, or the store was re-clustered since (event ids change when `eventwire dedup` rebuilds).",
      h("a", { href: "#/explore", className: "button" }, "Explore the store")) : problem("Loading event " + id, err));
    if (err.status !== 404) showError("Event " + id, err);
    return;
  }
  if (mine !== seq) return;
  box.removeAttribute("aria-busy");
  const ev = data.event || {};
  const reports = (Array.isArray(data.reports) ? data.reports : []).slice()
    .sort((a, b) => String(a.doc_published || "").localeCompare(String(b.doc_published || "")));
  const title = show(ev.type) + (ev.mode ? " / " + ev.mode : "") + (ev.place_name ? " in " + ev.place_name : "");
  $("#event-title").replaceChildren(typeSwatch(ev.type, "big"), " ", title);
  document.title = title + " — eventwire";
  const docs = new Set(reports.map((r) => r.doc_id)).size;
  box.appendChild(h("p", { className: "lead" }, ev.date ? dayLabel(ev.date) : "no day", " · told by ",
    h("strong", null, reports.length + " report" + (reports.length === 1 ? "" : "s")), " in " + docs + " article" + (docs === 1 ? "" : "s"),
    ev.first_published ? ", published " + dayLabel(ev.first_published) + (ev.last_published && ev.last_published !== ev.first_published
      ? " to " + dayLabel(ev.last_published) : "") : "", h("span", { className: "hint" }, " · event " + show(ev.id))));
  const top = h("div", { className: "event-top" });
  top.appendChild(h("div", { className: "facts" }, tollFact(ev, "fatalities", "Killed"), tollFact(ev, "injured", "Injured"), placeFact(ev, reports),
    fact("Actors", [show(reports.map((r) => r.actor1_name).find(present)), show(reports.map((r) => r.actor2_name).find(present))].join(" → "),
      "as the first report naming them gives them")));
  const mapEl = h("div", { id: "event-map", className: "map small", role: "region", "aria-label": "Where each report places it" });
  top.appendChild(h("div", { className: "event-map-wrap" }, mapEl, h("p", { className: "hint" },
    "One dot per report; the ring is how precise the place is (a city, a region, a country); dashed when the place is only where the event was told.")));
  box.appendChild(top);
  box.appendChild(h("h3", null, "Who says what"));
  box.appendChild(reports.length ? figuresTable(reports) : empty("No reports", "The dedup linked no story event to this event."));
  box.appendChild(h("h3", null, "The reports, and why they were merged"));
  const list = h("ol", { className: "reports", id: "event-reports" });
  reports.forEach((r, i) => list.appendChild(reportCard(r, i)));
  box.appendChild(list);
  if (reports.length > FIRST_DOCS) {
    const more = h("button", { type: "button", id: "more-excerpts" }, "Show the other " + (reports.length - FIRST_DOCS) + " reports in their articles");
    more.addEventListener("click", () => { more.remove(); fillExcerpts(reports, mine, FIRST_DOCS, reports.length); });
    box.appendChild(more);
  }
  map = typeof L === "undefined" ? null : baseMap(mapEl, { maxZoom: 10 });
  drawPlaces(reports);
  fillExcerpts(reports, mine, 0, FIRST_DOCS);
}
