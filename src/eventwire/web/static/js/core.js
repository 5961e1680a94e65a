/* eventwire page: what every view shares — building DOM, calling the API, errors, colours, numbers, dates.
 *
 * Rule: text from the server or the user is only ever put into the page as text (document.createTextNode,
 * textContent, setAttribute on attributes that are not URLs). Nothing here uses innerHTML, outerHTML,
 * insertAdjacentHTML or document.write; styles are set through the CSSOM (el.style.x = ...), never as a
 * style attribute, which the page's Content-Security-Policy blocks.
 */

export const $ = (sel, root) => (root || document).querySelector(sel);
export const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

/** An element; children are nodes or strings (strings become text nodes, never markup). */
export function h(tag, attrs, ...children) {
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
  return append(el, children);
}

export function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
/** An SVG element (attributes set as given; children as h()). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  return append(el, children);
}

export const present = (v) => v !== null && v !== undefined && v !== "";
export const show = (v) => (present(v) ? String(v) : "—");

/** UTF-16 index of every code-point index 0..n: the server's offsets are Python (code point) indices. */
export function codePointIndex(text) {
  const map = [0];
  let u = 0;
  for (const ch of text) {  // iterates by code point
    u += ch.length;
    map.push(u);
  }
  return map;
}

/** The text between code-point offsets [start, end), through a codePointIndex map. */
export function sliceText(text, map, start, end) {
  const n = map.length - 1;
  const a = Math.max(0, Math.min(n, start | 0));
  const b = Math.max(a, Math.min(n, end | 0));
  return text.slice(map[a], map[b]);
}

// -- the API ------------------------------------------------------------------------------------------------

export const TOKEN_KEY = "eventwire.token";

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** A request to the API (relative URLs: the page is served at the API's root); the answer's JSON or text,
 * or an ApiError with the API's code and message. */
export async function api(path, options) {
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
  try {
    body = type.includes("json") ? await resp.json() : await resp.text();
  } catch (e) {
    body = null;
  }
  if (!resp.ok) {
    if (body && typeof body === "object" && body.error && typeof body.error === "object") {
      throw new ApiError(resp.status, String(body.error.code || "http_" + resp.status),
        String(body.error.message || resp.statusText), body);
    }
    let message = resp.statusText || "request failed";
    if (body && typeof body === "object" && Array.isArray(body.errors) && body.errors.length) {
      message = body.errors.map(describeError).join("; ");
    } else if (typeof body === "string" && body.trim()) {
      message = body.trim().slice(0, 500);
    }
    throw new ApiError(resp.status, "http_" + resp.status, message, body);
  }
  return body;
}

export function describeError(e) {
  if (!e || typeof e !== "object") return String(e);
  const inner = e.error && typeof e.error === "object" ? e.error : e;
  const who = e.id || e.source || e.source_id;
  return (who ? who + ": " : "") + (inner.code ? inner.code + ": " : "") + (inner.message || "");
}

// -- errors, status, empty states ---------------------------------------------------------------------------

export function clearError() {
  const box = $("#error");
  clear(box);
  box.hidden = true;
}

/** Show an error (code and message) in #error; `context` says what was being done. */
export function showError(context, err) {
  const box = $("#error");
  const code = err instanceof ApiError ? err.code : "client_error";
  const status = err instanceof ApiError && err.status ? " (HTTP " + err.status + ")" : "";
  box.appendChild(h("div", { className: "error-item" },
    h("strong", null, context + ": "), h("code", { className: "error-code" }, code), status + " — ",
    h("span", { className: "error-message" }, err && err.message ? err.message : String(err)),
    h("button", { type: "button", className: "link error-close", "aria-label": "dismiss", onclick: clearError }, "×")));
  box.hidden = false;
  if (err instanceof ApiError && err.status === 401) openAuth();
}

export function setStatus(text) {
  $("#status").textContent = text || "";
}

export function openAuth() {
  $("#auth-box").hidden = false;
  $("#token-input").focus();
}

/** A view's own explanation of a failed load (beside #error): what failed and what to do. */
export function problem(context, err) {
  const advice = !(err instanceof ApiError) ? "Reload the page to try again."
    : err.code === "no_store" ? "This server was started without a store: run `eventwire serve --db FILE`."
      : err.status === 401 ? "This server needs a read token: set it with “API token…” at the top."
        : err.status === 0 || err.status >= 500 ? "The server or its store did not answer; try again shortly."
          : "Change the input named above and try again.";
  return h("div", { className: "problem", role: "note" },
    h("strong", null, context + " failed"), " ",
    h("code", { className: "error-code" }, err instanceof ApiError ? err.code : "client_error"), " ",
    h("span", null, err && err.message ? err.message : String(err)), h("p", { className: "hint" }, advice));
}

/** A small label after some text (its place's precision, "highest"): a space, then the chip (so read aloud
 * or copied, "Omdurman attached" stays two words). */
export function chip(text, extra) {
  return [" ", h("span", { className: "chip" + (extra ? " " + extra : "") }, text)];
}

/** An empty state: a title, a sentence saying why, and actions (nodes). */
export function empty(title, text, ...actions) {
  return h("div", { className: "empty" }, h("p", { className: "empty-title" }, title),
    text ? h("p", { className: "hint" }, text) : null, actions.length ? h("div", { className: "empty-actions" }, actions) : null);
}

// -- event types and their colours ---------------------------------------------------------------------------

export const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

/* The sixteen PLOVER types in seven groups, one Okabe–Ito colour each (distinguishable with the common
 * colour-vision deficiencies); points carry a dark outline so the yellow reads on the pale map. */
export const TYPE_GROUPS = [
  { key: "assault", label: "Assault", color: "#D55E00", types: ["ASSAULT"] },
  { key: "coerce", label: "Coerce", color: "#CC79A7", types: ["COERCE"] },
  { key: "protest", label: "Protest", color: "#E69F00", types: ["PROTEST"] },
  { key: "pressure", label: "Threaten · mobilize · sanction", color: "#F0E442", types: ["THREATEN", "MOBILIZE", "SANCTION"] },
  { key: "verbal-conflict", label: "Accuse · reject · request", color: "#56B4E9", types: ["ACCUSE", "REJECT", "REQUEST"] },
  { key: "verbal-coop", label: "Agree · consult · support", color: "#0072B2", types: ["AGREE", "CONSULT", "SUPPORT"] },
  { key: "material-coop", label: "Cooperate · aid · concede · retreat", color: "#009E73",
    types: ["COOPERATE", "AID", "CONCEDE", "RETREAT"] },
];
const OTHER_GROUP = { key: "other", label: "Other", color: "#000000", types: [] };
const GROUP_OF = {};
for (const g of TYPE_GROUPS) for (const t of g.types) GROUP_OF[t] = g;

export const typeGroup = (type) => GROUP_OF[String(type || "").toUpperCase()] || OTHER_GROUP;

/** A small swatch of a type's colour (aria-hidden: the type is written beside it). */
export function typeSwatch(type, extra) {
  const g = typeGroup(type);
  return h("span", { className: "type-dot g-" + g.key + (extra ? " " + extra : ""), "aria-hidden": "true" });
}

export const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments", "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
  "Grenade", "Remote explosive/landmine/IED", "Attack", "Abduction/forced disappearance", "Sexual violence",
  "Peaceful protest", "Protest with intervention", "Violent demonstration", "Arrests", "Agreement",
  "Looting/property destruction", "Non-violent transfer of territory", "Other"];

// -- numbers and dates --------------------------------------------------------------------------------------

export function formatNumber(v) {
  return Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/** A round step for about `n` ticks over [lo, hi]. */
export function niceStep(lo, hi, n) {
  const raw = Math.max((hi - lo) / Math.max(1, n), 1e-9);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : null;
}

export function isoDay(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export function monthLabel(iso, withYear) {
  const m = /^(\d{4})-(\d{2})/.exec(iso || "");
  return m ? MONTHS[+m[2] - 1] + (withYear ? " " + m[1] : "") : String(iso);
}

/** "14 Jun 2023" from an ISO day. */
export function dayLabel(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? +m[3] + " " + MONTHS[+m[2] - 1] + " " + m[1] : show(iso);
}

// -- downloads ------------------------------------------------------------------------------------------------

/** A download link's click with a token set: a plain link cannot send Authorization, so fetch and save a blob. */
export async function downloadWithToken(ev) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return;  // no token: the link downloads by itself
  ev.preventDefault();
  const a = ev.currentTarget;
  try {
    const resp = await fetch(a.getAttribute("href"), { headers: { Authorization: "Bearer " + token } });
    if (!resp.ok) throw new ApiError(resp.status, "http_" + resp.status, resp.statusText || "export failed");
    const url = URL.createObjectURL(await resp.blob());
    const save = h("a", { href: url, download: a.getAttribute("download") || "events" });
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    showError("Download", err);
  }
}

/** Runs `fn` on Enter or Space (rows and cards that act like buttons). */
export function onActivate(el, fn) {
  el.addEventListener("keydown", (ev) => {
    if (ev.target !== el) return;
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      fn(ev);
    }
  });
}
