/* The page's entry: the views and the router. Every view has a URL (the part after #), so a view can be
 * bookmarked, shared and reached with Back:
 *
 *   #/explore?country=SDN&from=2023-06-01&to=2023-06-30   the store, map first (explore.js)
 *   #/event/CANONICAL_ID                                  one real-world event and every report of it (event.js)
 *   #/article/DOC_ID?event=s1                             a stored article, its text beside its events (article.js)
 *   #/read                                                paste or upload a text, extract or store it (article.js)
 *   #/totals?category=killed&source=ministry              running totals per source (totals.js)
 */
import { $, $$, TOKEN_KEY, clearError, setStatus } from "./core.js";
import { initArticle, showArticle, showReader, showReports } from "./article.js";
import { showEvent } from "./event.js";
import { initExplore, parseState, refreshFacets, showExplore, stateQuery } from "./explore.js";
import { splitAntimeridian, splitRing } from "./geo.js";
import { initTotals, showTotals } from "./totals.js";

const VIEWS = { explore: "#view-explore", event: "#view-event", article: "#view-article", read: "#view-article", totals: "#view-totals" };
const TITLES = { explore: "Explore", read: "Read an article", totals: "Running totals" };
let lastExplore = "#/explore";
let previous = null;
let routing = 0;

function showView(name) {
  for (const sel of new Set(Object.values(VIEWS))) $(sel).hidden = sel !== VIEWS[name];
  for (const a of $$("#nav a")) {
    if (a.dataset.view === name || (a.dataset.view === "explore" && name === "event")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (TITLES[name]) document.title = TITLES[name] + " — eventwire";
  for (const a of $$(".back-to-explore")) a.setAttribute("href", lastExplore);
}

/** Parse the location's hash and show its view. */
export async function route() {
  const mine = ++routing;
  const raw = location.hash.replace(/^#\/?/, "");
  const cut = raw.indexOf("?");
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? "" : raw.slice(cut + 1));
  const [name, ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  const view = VIEWS[name] ? name : "explore";
  const moved = previous !== view;
  previous = view;
  showView(view);
  if (moved) {
    clearError();
    setStatus("");
    const heading = $$(VIEWS[view] + " h2").find((el) => el.getClientRects().length);
    if (heading && document.activeElement && document.activeElement !== document.body) heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  if (view === "explore") {
    lastExplore = "#/explore" + (cut < 0 ? "" : "?" + stateQuery(Object.assign(parseState(params), { at: "" })));
    await showExplore(params);
  } else if (view === "event") {
    await showEvent(arg);
  } else if (view === "article") {
    await showArticle(arg, params);
  } else if (view === "read") {
    showReader();
  } else if (view === "totals") {
    await showTotals(params);
  }
  if (mine !== routing) return;  // a later route is under way: it says when it is ready
  document.body.dataset.view = view;
  document.body.dataset.ready = "true";  // the view has what it loaded (tests and screenshots wait for this)
}

function initToken() {
  $("#auth-toggle").addEventListener("click", () => { const b = $("#auth-box"); b.hidden = !b.hidden; if (!b.hidden) $("#token-input").focus(); });
  $("#token-input").value = sessionStorage.getItem(TOKEN_KEY) || "";
  $("#auth-box").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = $("#token-input").value.trim();
    if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
    setStatus(v ? "Token set for this tab" : "Token cleared");
    clearError();
    route();
  });
  $("#token-clear").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $("#token-input").value = "";
    setStatus("Token cleared");
  });
}

function init() {
  // the skip link: the addresses after # are the views', so it moves the focus instead of following its href
  $(".skip").addEventListener("click", (ev) => {
    ev.preventDefault();
    const view = [...new Set(Object.values(VIEWS))].map((sel) => $(sel)).find((el) => !el.hidden);
    const target = view && ($$("h2", view).find((el) => el.getClientRects().length) || view);
    if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
  });
  initToken();
  initExplore();
  initTotals();
  initArticle(() => refreshFacets());
  window.addEventListener("hashchange", () => { document.body.dataset.ready = "false"; route(); });
  route();
}

// For tests and the console: render a report without the server; the antimeridian geometry; the maps.
window.eventwire = { showReports, splitAntimeridian, splitRing, maps: {} };
init();
