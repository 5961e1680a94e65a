/* Running totals (#/totals?category=killed&source=): one line per series — a source and what it counts ("killed
 * since 7 Oct, according to the health ministry") — over publication dates (GET /totals). Sources are never
 * reconciled. A figure lower than the one before it is a revision: marked on the line (▼) and in the legend.
 * The axes are fitted to the data (the value axis need not start at zero; the chart says so when it does not).
 */
import {
  $, api, clear, dayLabel, dayNumber, empty, formatNumber, h, isoDay, niceStep, present, problem, s, show, showError,
} from "./core.js";

// Okabe–Ito, then dashes: series are told apart by colour and by line style
const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const DASHES = [null, "6 3", "2 3", "8 3 2 3"];
const CATEGORIES = ["killed", "injured", "missing", "abducted", "released", "detained", "displaced", "evacuated", "affected", "other"];
let seq = 0;
const hidden = new Set();

export function initTotals() {
  const sel = $("#totals-category");
  for (const c of CATEGORIES) sel.appendChild(h("option", { value: c }, c));
  $("#totals-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams({ category: sel.value });
    const src = $("#totals-source").value.trim();
    if (src) p.set("source", src);
    location.hash = "#/totals?" + p;
  });
  sel.addEventListener("change", () => $("#totals-form").requestSubmit());
}

export async function showTotals(params) {
  const mine = ++seq;
  const category = CATEGORIES.includes(params.get("category")) ? params.get("category") : "killed";
  const source = params.get("source") || "";
  $("#totals-category").value = category;
  $("#totals-source").value = source;
  const box = clear($("#totals-chart"));
  box.setAttribute("aria-busy", "true");
  const q = new URLSearchParams({ category });
  if (source) q.set("source", source);
  try {
    const data = await api("totals?" + q);
    if (mine !== seq) return;
    draw(box, Array.isArray(data.series) ? data.series : [], category, source);
  } catch (err) {
    if (mine !== seq) return;
    box.appendChild(problem("Loading the running totals", err));
    if (err.code !== "no_store") showError("Totals", err);
  } finally {
    box.removeAttribute("aria-busy");
  }
}

function label(se) {
  return se.label || [se.category, se.who, se.since ? "since " + se.since : null,
    se.reported_by ? "according to " + se.reported_by : null].filter(present).join(", ");
}

/** Date ticks on whole days, weeks or months, about `n` of them. */
function dateTicks(x0, x1, n) {
  const span = x1 - x0;
  if (span <= 3 * 31) {
    const step = Math.max(1, Math.ceil(span / n));
    const out = [];
    for (let d = Math.ceil(x0); d <= x1; d += step) out.push(d);
    return out;
  }
  const out = [];
  const a = new Date(x0 * 86400000);
  const months = Math.max(1, Math.ceil(span / 30.5 / n));
  for (let y = a.getUTCFullYear(), m = a.getUTCMonth() + 1; ; m += months) {
    const d = Date.UTC(y, m, 1) / 86400000;
    if (d > x1) break;
    out.push(d);
  }
  return out;
}

function draw(box, series, category, source) {
  clear(box);
  const lines = series.map((se, i) => ({
    se, i, color: COLORS[i % COLORS.length], dash: DASHES[Math.floor(i / COLORS.length) % DASHES.length],
    revised: new Set(se.revisions || []),
    pts: (se.points || []).map((p, k) => ({ p, k, x: dayNumber(p.published), y: Number(p.value) }))
      .filter((q) => q.x !== null && Number.isFinite(q.y)),
  })).filter((l) => l.pts.length);
  if (!lines.length) {
    box.appendChild(empty("No running totals for “" + category + "”" + (source ? " from “" + source + "”" : ""),
      "A running total is a cumulative count with a start (“14,800 killed since 7 October”). Try another category, "
      + "clear the source, or store articles that report one."));
    return;
  }
  const shown = lines.filter((l) => !hidden.has(label(l.se)));
  const W = Math.max(480, Math.min(1100, box.clientWidth || 900)), H = 360, M = { l: 72, r: 24, t: 16, b: 40 };
  const all = (shown.length ? shown : lines).flatMap((l) => l.pts);
  let x0 = Math.min(...all.map((q) => q.x)), x1 = Math.max(...all.map((q) => q.x));
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  const pad = (x1 - x0) * 0.04;
  x0 -= pad; x1 += pad;
  let y0 = Math.min(...all.map((q) => q.y)), y1 = Math.max(...all.map((q) => q.y));
  const yPad = Math.max((y1 - y0) * 0.12, Math.abs(y1) * 0.005, 1);
  const step = niceStep(y0 - yPad, y1 + yPad, 5);
  y0 = Math.max(0, Math.floor((y0 - yPad) / step) * step);
  y1 = Math.ceil((y1 + yPad) / step) * step;
  const X = (x) => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
  const Y = (y) => H - M.b - (y - y0) / (y1 - y0) * (H - M.t - M.b);
  const svg = s("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", class: "totals-svg",
    "aria-label": "Running totals of " + category + ", one line per source; the numbers are in the table below" });
  const axes = s("g", { class: "axes" });
  for (let v = y0; v <= y1 + step / 2; v += step) {
    axes.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: Y(v), y2: Y(v), class: "grid" }));
    axes.appendChild(s("text", { x: M.l - 8, y: Y(v) + 4, "text-anchor": "end", class: "tick" }, formatNumber(v)));
  }
  for (const d of dateTicks(x0, x1, Math.floor((W - M.l - M.r) / 110))) {
    axes.appendChild(s("line", { x1: X(d), x2: X(d), y1: H - M.b, y2: H - M.b + 5, class: "axis" }));
    axes.appendChild(s("text", { x: X(d), y: H - M.b + 20, "text-anchor": "middle", class: "tick" }, dayLabel(isoDay(d))));
  }
  axes.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, class: "axis" }));
  axes.appendChild(s("line", { x1: M.l, x2: M.l, y1: M.t, y2: H - M.b, class: "axis" }));
  if (y0 > 0) axes.appendChild(s("text", { x: M.l + 6, y: H - M.b - 6, class: "tick axis-note" }, "axis starts at " + formatNumber(y0)));
  svg.appendChild(axes);
  for (const l of shown) {
    const g = s("g", { class: "series", "data-series": String(l.i) });
    const d = l.pts.map((q, k) => (k ? "L" : "M") + X(q.x).toFixed(1) + " " + Y(q.y).toFixed(1)).join(" ");
    g.appendChild(s("path", { d, fill: "none", stroke: l.color, "stroke-width": 2.5, "stroke-dasharray": l.dash }));
    for (const q of l.pts) {
      const revision = l.revised.has(q.k);
      const prev = revision ? l.pts.find((o) => o.k === q.k - 1) : null;
      const tip = dayLabel(q.p.published) + ": " + (q.p.qualifier && q.p.qualifier !== "exact" ? q.p.qualifier + " " : "")
        + formatNumber(q.y) + (revision ? " — revised down" + (prev ? " from " + formatNumber(prev.y) : "") : "")
        + (q.p.text ? " — “" + q.p.text + "”" : "") + (q.p.source ? " [" + q.p.source + "]" : "");
      const cx = X(q.x), cy = Y(q.y);
      const mark = revision
        ? s("path", { d: "M" + (cx - 7) + " " + (cy - 5) + " L" + (cx + 7) + " " + (cy - 5) + " L" + cx + " " + (cy + 7) + " Z",
          fill: l.color, class: "point revision", "data-revision": "true" }, s("title", null, tip))
        : s("circle", { cx, cy, r: 4.5, fill: l.color, class: "point" }, s("title", null, tip));
      g.appendChild(mark);
      const right = cx > W - M.r - 70;
      if (revision) g.appendChild(s("text", { x: right ? cx - 9 : cx + 9, y: cy + 16, "text-anchor": right ? "end" : "start",
        class: "revision-label" }, "revised down"));
    }
    svg.appendChild(g);
  }
  box.appendChild(h("div", { className: "chart-scroll" }, svg));
  box.appendChild(legend(lines, category, source));
  box.appendChild(numbers(lines));
}

function legend(lines, category, source) {
  const list = h("ul", { className: "chart-legend", "aria-label": "series (press to hide or show)" });
  for (const l of lines) {
    const name = label(l.se);
    const swatch = h("span", { className: "swatch", "aria-hidden": "true" });
    swatch.style.background = l.color;  // CSSOM: the page's CSP allows no style attributes
    if (l.dash) swatch.classList.add("dashed");
    const revisions = l.revised.size;
    const on = !hidden.has(name);
    list.appendChild(h("li", { "data-series": String(l.i) }, h("button", { type: "button", className: "legend-button",
      "aria-pressed": on ? "true" : "false", onclick: () => {
        if (hidden.has(name)) hidden.delete(name); else hidden.add(name);
        const p = new URLSearchParams({ category });
        if (source) p.set("source", source);
        showTotals(p);
      } }, swatch, show(name), h("span", { className: "hint" }, " — " + l.pts.length + " report" + (l.pts.length === 1 ? "" : "s")
      + (revisions ? ", " + revisions + " revised down ▼" : "")))));
  }
  return list;
}

/** The chart's numbers as a table (for reading exact values, and for screen readers). */
function numbers(lines) {
  const tb = h("tbody");
  for (const l of lines) {
    for (const q of l.pts) {
      tb.appendChild(h("tr", { className: l.revised.has(q.k) ? "revision" : null },
        h("td", null, label(l.se)), h("td", { className: "nowrap" }, dayLabel(q.p.published)),
        h("td", { className: "num" }, formatNumber(q.y)), h("td", null, l.revised.has(q.k) ? "revised down" : ""),
        h("td", null, show(q.p.text)),
        h("td", null, q.p.doc_id ? h("a", { href: "#/article/" + encodeURIComponent(q.p.doc_id) }, show(q.p.source || q.p.doc_id.slice(0, 12))) : "—")));
    }
  }
  return h("details", { className: "numbers" }, h("summary", null, "The numbers"),
    h("div", { className: "table-wrap" }, h("table", { className: "data" }, h("thead", null, h("tr", null,
      ["series", "published", "value", "", "as written", "article"].map((t) => h("th", { scope: "col" }, t)))), tb)));
}
