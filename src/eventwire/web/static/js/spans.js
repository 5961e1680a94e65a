/* An article's text with every extracted span highlighted (places, times, actors, quotes, figures, event
 * triggers), nested as they nest, and the evidence sentence of every event mention marked (unhighlighted until
 * an event asks: `lightStory`). Hover or focus a span for what was extracted; Escape hides it.
 *
 * Offsets are Python string indices (code points): every slice goes through codePointIndex.
 */
import { $, $$, clear, codePointIndex, h, present, show, sliceText } from "./core.js";

export const KINDS = [
  { kind: "quote", label: "quotes" },
  { kind: "place", label: "places" },
  { kind: "time", label: "times" },
  { kind: "actor", label: "actors" },
  { kind: "figure", label: "figures" },
  { kind: "trigger", label: "event triggers" },
];
// Nesting order for spans with the same extent: the first is outermost (evidence sentences hold the rest).
const RANK = { evidence: -1, quote: 0, actor: 1, place: 2, figure: 3, time: 4, trigger: 5 };

/** The report on show: {report, map (code point -> UTF-16), actors (id -> actor), mentionIndex, storyOf}. */
export let current = null;

export function setReport(report) {
  if (!report) {
    current = null;
    return null;
  }
  const actors = {};
  for (const a of report.actors || []) if (!(a.id in actors)) actors[a.id] = a;
  const mentionIndex = {};
  (report.events || []).forEach((e, i) => { mentionIndex[e.id] = i; });
  const storyOf = {};
  (report.story_events || []).forEach((se, i) => (se.mentions || []).forEach((m) => { storyOf[m] = i; }));
  current = { report, map: codePointIndex(report.text), actors, mentionIndex, storyOf };
  return current;
}

export const slice = (start, end) => sliceText(current.report.text, current.map, start, end);

/** Every span of the report: {kind, index, start, end, sub} with code-point offsets. */
function collectSpans(report) {
  const spans = [];
  const n = current.map.length - 1;
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
  const cps = Array.from(report.text);
  (report.events || []).forEach((e, i) => {
    if (!e.evidence) return;
    let end = e.evidence.end;  // a sentence's trailing blank lines are not evidence
    while (end > e.evidence.start + 1 && /\s/.test(cps[end - 1] || "")) end--;
    add("evidence", i, { start: e.evidence.start, end });
  });
  return spans;
}

function spanOrder(a, b) {
  return a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind] || a.index - b.index;
}

function spanElement(sp) {
  if (sp.kind === "evidence") {
    return h("span", { className: "evidence-span", "data-mention": String(sp.index), "data-part": sp.cont ? "cont" : null });
  }
  return h("span", {
    className: "span kind-" + sp.kind, "data-kind": sp.kind, "data-index": String(sp.index),
    "data-sub": sp.sub === null ? null : String(sp.sub), "data-part": sp.cont ? "cont" : null, tabindex: "0",
  });
}

/**
 * The article as text nodes inside nested <span>s, in `root`. A span that crosses the end of the span it starts
 * in is split there: its pieces share kind and index, and the later pieces carry data-part="cont".
 */
export function renderText(root) {
  clear(root);
  const todo = collectSpans(current.report).sort(spanOrder);
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
    const el = spanElement(sp);
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

export function renderLegend(box) {
  for (const { kind, label } of KINDS) {
    const id = "toggle-" + kind;
    box.appendChild(h("label", { className: "legend-item", for: id },
      h("input", { type: "checkbox", id, "data-kind": kind, checked: true, onchange: applyToggles }),
      h("span", { className: "swatch kind-" + kind, "aria-hidden": "true" }), label));
  }
}

function applyToggles() {
  const article = $("#article");
  for (const { kind } of KINDS) article.classList.toggle("hide-" + kind, !$("#toggle-" + kind).checked);
}

/** Light (or, with `on` false, unlight) story event i's evidence sentences and triggers in the text; with
 * `scroll`, bring the first into view inside the article's own scroll box (the page does not move). */
export function lightStory(i, on, cls, scroll) {
  const name = cls || "lit";
  for (const el of $$("#article ." + name)) el.classList.remove(name);
  const se = on && current ? (current.report.story_events || [])[i] : null;
  if (!se) return [];
  const lit = [];
  for (const m of se.mentions || []) {
    const k = current.mentionIndex[m];
    if (k === undefined) continue;
    for (const el of $$('#article .evidence-span[data-mention="' + k + '"], #article .span.kind-trigger[data-index="' + k + '"]')) {
      el.classList.add(name);
      lit.push(el);
    }
  }
  if (scroll && lit.length) {
    const box = $("#article");
    const top = lit[0].getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40) {
      box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: "smooth" });
    }
  }
  return lit;
}

/** Light figure spans (the figures linked to a story event), or none. */
export function lightFigures(indices) {
  for (const el of $$("#article .fig-lit")) el.classList.remove("fig-lit");
  for (const i of indices || []) {
    for (const el of $$('#article .span.kind-figure[data-index="' + i + '"]')) el.classList.add("fig-lit");
  }
}

// -- describing what was extracted --------------------------------------------------------------------------

export function actorName(id) {
  if (!present(id)) return null;
  const a = current && current.actors[id];
  return a ? a.name : String(id);
}

export const placeLabel = (p) => (p ? p.name || p.text : null);

function eventPlace(e) {
  const places = current.report.places || [];
  if (Number.isInteger(e.place) && places[e.place]) return { place: places[e.place], guess: false };
  if (Number.isInteger(e.place_guess) && places[e.place_guess]) return { place: places[e.place_guess], guess: true };
  return null;
}

/** A story event's place and its precision; `near` when it is only where the event was told. */
export function storyPlace(se) {
  const places = current.report.places || [];
  if (!Number.isInteger(se.place) || !places[se.place]) return null;
  const precision = present(se.place_precision) ? se.place_precision : null;
  return { place: places[se.place], precision, near: precision === "sentence" || precision === "dateline" };
}

/** Killed / injured of an event mention: its linked incident figures, as the csv export counts them. */
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

export function figureValue(f) {
  if (present(f.value)) return String(f.value);
  if (present(f.low) && present(f.high)) return f.low + "–" + f.high;
  if (present(f.low)) return f.low + " or more";
  return present(f.high) ? "up to " + f.high : null;
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
    add("text", f.text); add("category", f.category); add("value", figureValue(f));
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
    if (se) add("story event", se.id + " (" + se.type + (se.mode ? "/" + se.mode : "") + ", " + (se.mentions || []).length + " mention(s))");
    else add("story event", "none (not coded as an event of the story)");
  }
  return { title, rows };
}

// -- the tooltip ------------------------------------------------------------------------------------------------

let tipFor = null;

function showTooltip(target) {
  if (!current) return;
  const article = $("#article");
  const chain = [];
  for (let el = target; el && el !== article; el = el.parentElement) {
    if (el.classList && el.classList.contains("span") && !article.classList.contains("hide-" + el.dataset.kind)) chain.push(el);
  }
  if (!chain.length) { hideTooltip(); return; }
  const tip = clear($("#tooltip"));
  for (const el of chain) {
    const sub = el.dataset.sub === undefined ? null : Number(el.dataset.sub);
    const d = describe(el.dataset.kind, Number(el.dataset.index), sub);
    const dl = h("dl");
    for (const [k, v] of d.rows) dl.appendChild(h("div", { className: "tip-row" }, h("dt", null, k), h("dd", null, v)));
    tip.appendChild(h("div", { className: "tip-section kind-" + el.dataset.kind, "data-kind": el.dataset.kind },
      h("div", { className: "tip-title" }, d.title), dl));
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

export function hideTooltip() {
  const tip = $("#tooltip");
  if (tip) tip.hidden = true;
  if (tipFor) tipFor.removeAttribute("aria-describedby");
  tipFor = null;
}

export function bindTooltip() {
  const article = $("#article");
  article.addEventListener("mouseover", (ev) => {
    const el = ev.target.closest && ev.target.closest(".span");
    if (el) showTooltip(el); else hideTooltip();
  });
  article.addEventListener("mouseleave", hideTooltip);
  article.addEventListener("focusin", (ev) => { if (ev.target.classList && ev.target.classList.contains("span")) showTooltip(ev.target); });
  article.addEventListener("focusout", hideTooltip);
  article.addEventListener("scroll", hideTooltip);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hideTooltip(); });
}
