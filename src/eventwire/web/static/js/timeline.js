/* The explore view's timeline: story events per day, week or month (GET /timeline, the filters less the dates),
 * with a brush. Drag across it (or click a bar) to choose a date range; with the keyboard, focus it and use
 * ←/→ (move the range by a bar), Shift+←/→ (widen or narrow it), Home/End, and Escape (clear).
 */
import { clear, dayLabel, dayNumber, formatNumber, h, isoDay, monthLabel, niceStep, s } from "./core.js";

const H = 120, M = { l: 44, r: 12, t: 10, b: 24 };

function weekStart(n) {
  const wd = new Date(n * 86400000).getUTCDay();  // 0 Sunday
  return n - ((wd + 6) % 7);
}

function monthStart(n) {
  const d = new Date(n * 86400000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86400000;
}

function nextMonth(n) {
  const d = new Date(n * 86400000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86400000;
}

/** Contiguous buckets {start, end (inclusive day numbers), count} over the days, one unit wide each. */
export function buckets(days, extra) {
  const known = days.map((d) => ({ n: dayNumber(d.day), count: Number(d.count) || 0 })).filter((d) => d.n !== null);
  const all = known.map((d) => d.n).concat((extra || []).filter((n) => n !== null));
  if (!all.length) return { unit: "day", list: [] };
  const lo = Math.min(...all), hi = Math.max(...all);
  const span = hi - lo + 1;
  const unit = span <= 92 ? "day" : span <= 3 * 366 ? "week" : "month";
  const startOf = unit === "day" ? (n) => n : unit === "week" ? weekStart : monthStart;
  const after = unit === "day" ? (n) => n + 1 : unit === "week" ? (n) => n + 7 : nextMonth;
  const list = [];
  const index = new Map();
  for (let b = startOf(lo); b <= hi; b = after(b)) {
    index.set(b, list.length);
    list.push({ start: b, end: after(b) - 1, count: 0 });
  }
  for (const d of known) list[index.get(startOf(d.n))].count += d.count;
  return { unit, list };
}

function bucketLabel(unit, b) {
  if (unit === "month") return monthLabel(isoDay(b.start), true);
  if (unit === "week") return "week of " + dayLabel(isoDay(b.start));
  return dayLabel(isoDay(b.start));
}

export class Timeline {
  /** `onSelect(from, to)`: ISO days, or nulls to clear. */
  constructor(el, onSelect) {
    this.el = el;
    this.onSelect = onSelect;
    this.days = [];
    this.undated = 0;
    this.range = { from: null, to: null };
    this.drag = null;
    if (typeof ResizeObserver !== "undefined") {
      let width = 0;
      new ResizeObserver(() => {
        if (this.el.clientWidth !== width) { width = this.el.clientWidth; this.render(); }
      }).observe(el);
    }
  }

  set(days, undated, range) {
    this.days = days || [];
    this.undated = undated || 0;
    this.range = range || { from: null, to: null };
    this.render();
  }

  render() {
    const el = clear(this.el);
    const from = dayNumber(this.range.from), to = dayNumber(this.range.to);
    const { unit, list } = buckets(this.days, [from, to]);
    this.unit = unit;
    this.list = list;
    if (!list.length) {
      el.appendChild(h("p", { className: "hint timeline-empty" }, this.undated
        ? "No dated events match: " + formatNumber(this.undated) + " have no day." : "No events to show over time."));
      return;
    }
    const W = Math.max(320, el.clientWidth || 800);
    const x0 = list[0].start, x1 = list[list.length - 1].end + 1;
    const X = (n) => M.l + (n - x0) / (x1 - x0) * (W - M.l - M.r);
    this.X = X;
    this.dayAt = (px) => x0 + (px - M.l) / (W - M.l - M.r) * (x1 - x0);
    const top = Math.max(1, ...list.map((b) => b.count));
    const step = Math.max(1, niceStep(0, top, 3));  // counts: whole ticks
    const ymax = Math.ceil(top / step) * step;
    const Y = (v) => H - M.b - v / ymax * (H - M.t - M.b);
    const total = list.reduce((t, b) => t + b.count, 0);
    const svg = s("svg", { width: W, height: H, class: "timeline-svg", tabindex: "0", role: "group",
      "aria-label": "Timeline: " + formatNumber(total) + " dated events per " + unit + ", " + dayLabel(isoDay(x0))
        + " to " + dayLabel(isoDay(x1 - 1)) + ". Drag or use the arrow keys to choose a range; Escape clears it." });
    for (let v = 0; v <= ymax; v += step) {
      svg.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: Y(v), y2: Y(v), class: "grid" }));
      svg.appendChild(s("text", { x: M.l - 6, y: Y(v) + 4, "text-anchor": "end", class: "tick" }, formatNumber(v)));
    }
    const bars = s("g", { class: "bars" });
    list.forEach((b, i) => {
      const inside = from === null || to === null ? null : b.end >= from && b.start <= to;
      const w = Math.max(1, X(b.end + 1) - X(b.start) - (list.length > 60 ? 0 : 1));
      bars.appendChild(s("rect", { x: X(b.start), y: Y(b.count), width: w, height: Math.max(0, Y(0) - Y(b.count)),
        class: "bar" + (inside === true ? " in" : inside === false ? " out" : ""), "data-index": i,
        "data-start": isoDay(b.start), "data-count": b.count },
      s("title", null, bucketLabel(unit, b) + ": " + formatNumber(b.count) + " event" + (b.count === 1 ? "" : "s"))));
    });
    svg.appendChild(bars);
    svg.appendChild(s("line", { x1: M.l, x2: W - M.r, y1: Y(0), y2: Y(0), class: "axis" }));
    const labels = Math.max(2, Math.floor((W - M.l - M.r) / 90));
    const every = Math.max(1, Math.ceil(list.length / labels));
    let year = null;  // a label names the year when it is not the previous label's
    for (let i = 0; i < list.length; i += every) {
      const b = list[i];
      const day = isoDay(b.start);
      const text = unit === "month" ? monthLabel(day, day.slice(0, 4) !== year) : dayLabel(day).replace(/ \d{4}$/, day.slice(0, 4) !== year ? "$&" : "");
      year = day.slice(0, 4);
      svg.appendChild(s("text", { x: X(b.start), y: H - 6, "text-anchor": i === 0 ? "start" : "middle", class: "tick" }, text));
    }
    if (from !== null && to !== null) {
      svg.appendChild(s("rect", { x: X(Math.max(from, x0)), y: M.t - 4, width: Math.max(2, X(Math.min(to, x1 - 1) + 1)
        - X(Math.max(from, x0))), height: H - M.t - M.b + 4, class: "brush" }));
    }
    this.ghost = s("rect", { x: 0, y: M.t - 4, width: 0, height: H - M.t - M.b + 4, class: "brush ghost", visibility: "hidden" });
    svg.appendChild(this.ghost);
    this.bind(svg);
    el.appendChild(svg);
    if (this.undated) el.appendChild(h("p", { className: "hint timeline-undated" }, "+ " + formatNumber(this.undated)
      + " event" + (this.undated === 1 ? "" : "s") + " with no day (left out by any date range)"));
  }

  /** The bucket index at an x position (clamped). */
  at(px) {
    const n = this.dayAt(px);
    let i = this.list.findIndex((b) => n < b.end + 1);
    if (i < 0) i = this.list.length - 1;
    return Math.max(0, i);
  }

  select(i, j) {
    const a = this.list[Math.max(0, Math.min(i, j))], b = this.list[Math.min(this.list.length - 1, Math.max(i, j))];
    this.onSelect(isoDay(a.start), isoDay(b.end));
  }

  bind(svg) {
    const local = (ev) => ev.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      this.drag = { x: local(ev) };
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", (ev) => {
      if (!this.drag) return;
      const x = local(ev);
      const a = Math.min(x, this.drag.x), b = Math.max(x, this.drag.x);
      this.ghost.setAttribute("x", a);
      this.ghost.setAttribute("width", b - a);
      this.ghost.setAttribute("visibility", "visible");
    });
    svg.addEventListener("pointerup", (ev) => {
      if (!this.drag) return;
      const x = local(ev), start = this.drag.x;
      this.drag = null;
      this.ghost.setAttribute("visibility", "hidden");
      this.select(this.at(start), this.at(Math.abs(x - start) < 4 ? start : x));
    });
    svg.addEventListener("dblclick", () => this.onSelect(null, null));
    svg.addEventListener("keydown", (ev) => {
      const last = this.list.length - 1;
      const from = dayNumber(this.range.from), to = dayNumber(this.range.to);
      let i = from === null ? null : this.at(this.X(Math.max(from, this.list[0].start)) + 0.5);
      let j = to === null ? null : this.at(this.X(Math.min(to, this.list[last].end)) + 0.5);
      if (ev.key === "Escape") { this.onSelect(null, null); ev.preventDefault(); return; }
      if (ev.key === "Home") { i = j = 0; } else if (ev.key === "End") { i = j = last; } else if (ev.key === "ArrowLeft" || ev.key === "ArrowRight") {
        const d = ev.key === "ArrowLeft" ? -1 : 1;
        if (i === null || j === null) { i = j = last; } else if (ev.shiftKey) { j = Math.max(i, Math.min(last, j + d)); } else if (i + d >= 0 && j + d <= last) { i += d; j += d; }
      } else {
        return;
      }
      ev.preventDefault();
      this.refocus = true;
      this.select(i, j);
    });
  }

  /** After a redraw caused by the keyboard, keep the focus on the timeline. */
  restoreFocus() {
    if (this.refocus) {
      this.refocus = false;
      const svg = this.el.querySelector("svg");
      if (svg) svg.focus();
    }
  }
}
