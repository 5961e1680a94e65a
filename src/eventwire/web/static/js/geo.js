/* Maps: an offline basemap of country outlines (Natural Earth 1:110m from the vendored world-atlas TopoJSON,
 * no tile server), outlines split at the antimeridian, and markers clustered when dense.
 *
 * Leaflet draws a ring as given: a ring that crosses 180° (Russia's Chukotka, Fiji, Antarctica) has an edge
 * from +179.9 to −179.9 that Leaflet draws the long way round, a stripe across the whole map. So every ring
 * that crosses is cut at ±180° into pieces that each lie on one side (splitAntimeridian).
 */
import { ApiError, h, present, s, show, showError, typeGroup } from "./core.js";

// -- the antimeridian -----------------------------------------------------------------------------------------

/** The ring with its longitudes made continuous: no step between two points is more than 180°. */
function unwrap(ring) {
  const out = [[ring[0][0], ring[0][1]]];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  return out;
}

/** Sutherland–Hodgman against the vertical line lon = x: keep the side east of it (east) or west of it. */
function clipAt(ring, x, east) {
  const inside = (p) => (east ? p[0] >= x : p[0] <= x);
  const out = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i], b = ring[i + 1];
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) {
      const t = (x - a[0]) / (b[0] - a[0]);
      out.push([x, a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length) out.push(out[0]);
  return out;
}

function area(ring) {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

const crosses = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);

/**
 * A closed ring ([lon, lat] points, first = last) as one or more rings none of which crosses the antimeridian.
 * A ring that does not cross comes back as is. A ring that goes round a pole (its longitudes, made continuous,
 * end 360° from where they began: Antarctica) is closed along that pole first.
 */
export function splitRing(ring) {
  if (!Array.isArray(ring) || ring.length < 4 || !crosses(ring)) return [ring];
  let u = unwrap(ring);
  const first = u[0], last = u[u.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = u.reduce((t, p) => t + p[1], 0) < 0 ? -90 : 90;
    const along = [];  // along the pole in steps of 90°, so that no edge spans more than half the world
    for (let k = 1; k < 4; k++) along.push([last[0] + (first[0] - last[0]) * k / 4, pole]);
    u = u.concat([[last[0], pole]], along, [[first[0], pole], first]);
  }
  const lons = u.map((p) => p[0]);
  const lo = Math.min(...lons), hi = Math.max(...lons);
  const pieces = [];
  for (let k = Math.floor((lo + 180) / 360); k <= Math.floor((hi + 180) / 360); k++) {
    const west = -180 + 360 * k;
    const piece = clipAt(clipAt(u, west, true), west + 360, false);
    if (piece.length >= 4 && Math.abs(area(piece)) > 1e-9) pieces.push(piece.map((p) => [p[0] - 360 * k, p[1]]));
  }
  return pieces.length ? pieces : [ring];
}

const inBox = (ring, pt) => {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  return pt[0] >= Math.min(...xs) && pt[0] <= Math.max(...xs) && pt[1] >= Math.min(...ys) && pt[1] <= Math.max(...ys);
};

/** A GeoJSON geometry with every (Multi)Polygon ring split at the antimeridian (others come back as they are). */
export function splitAntimeridian(geometry) {
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) return geometry;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  if (!polygons.some((poly) => poly.some(crosses))) return geometry;
  const out = [];
  for (const poly of polygons) {
    const outers = splitRing(poly[0]).map((r) => [r]);
    for (const hole of poly.slice(1)) {
      for (const piece of splitRing(hole)) {
        const home = outers.find((o) => inBox(o[0], piece[0])) || outers[0];
        home.push(piece);
      }
    }
    out.push(...outers);
  }
  return { type: "MultiPolygon", coordinates: out };
}

// -- the basemap ----------------------------------------------------------------------------------------------

let outlines = null;  // one fetch for every map on the page

export function loadOutlines() {
  if (!outlines) {
    outlines = fetch("static/vendor/world-atlas/countries-110m.json")
      .then((resp) => {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.json();
      })
      .then((topo) => {
        const land = topojson.feature(topo, topo.objects.countries);  // eslint-disable-line no-undef
        for (const f of land.features) f.geometry = splitAntimeridian(f.geometry);
        return land;
      });
    outlines.catch((err) => {
      outlines = null;
      showError("Map outlines", new ApiError(0, "asset_missing", "countries-110m.json could not be loaded: " + err.message));
    });
  }
  return outlines;
}

/** A Leaflet map in `el` over the country outlines; null when Leaflet did not load. */
export function baseMap(el, options) {
  if (typeof L === "undefined") {
    el.appendChild(h("p", { className: "hint map-missing" }, "The map library did not load; the tables still work."));
    return null;
  }
  const map = L.map(el, Object.assign({ worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.5,
    attributionControl: true, keyboard: true }, options || {}));
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  map.setView([20, 10], 1.5);
  loadOutlines().then((land) => {
    map.outlines = L.geoJSON(land, { interactive: false, className: "outline",
      style: { color: "#9aa0a8", weight: 0.7, fillColor: "#eeece6", fillOpacity: 1 } }).addTo(map);
    map.outlines.bringToBack();
  }).catch(() => {});
  return map;
}

// -- markers ----------------------------------------------------------------------------------------------------

const IMPRECISE = new Set(["sentence", "dateline"]);

/** A story event's point: a keyboard-focusable marker (Enter opens its popup) in its type's colour; hollow and
 * dashed when its place is only where the event was told (precision sentence or dateline). */
export function pointMarker(item, popup, extraClass) {
  const guessed = IMPRECISE.has(item.place_precision);
  const icon = L.divIcon({ className: "event-marker g-" + typeGroup(item.type).key + (guessed ? " guessed" : "")
    + (extraClass ? " " + extraClass : ""), iconSize: [14, 14] });
  const label = show(item.type) + (item.place_name ? " in " + item.place_name : "") + (item.date ? ", " + item.date : "");
  const marker = L.marker([Number(item.lat), Number(item.lon)], { icon, keyboard: true, title: label, alt: label,
    riseOnHover: true });
  if (popup) marker.bindPopup(() => popup(item), { maxWidth: 320 });
  return marker;
}

function donut(members, total, size) {
  const counts = new Map();
  for (const m of members) {
    const g = typeGroup(m.type);
    counts.set(g, (counts.get(g) || 0) + (m.weight || 1));
  }
  const r = size / 2 - 3, c = 2 * Math.PI * r;
  const svg = s("svg", { width: size, height: size, viewBox: "0 0 " + size + " " + size, "aria-hidden": "true" });
  svg.appendChild(s("circle", { cx: size / 2, cy: size / 2, r: r, class: "cluster-bg" }));
  let offset = 0;
  for (const [g, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    const len = c * n / total;
    svg.appendChild(s("circle", { cx: size / 2, cy: size / 2, r: r, fill: "none", stroke: g.color, "stroke-width": 6,
      "stroke-dasharray": len + " " + (c - len), "stroke-dashoffset": -offset,
      transform: "rotate(-90 " + size / 2 + " " + size / 2 + ")", class: "cluster-ring g-" + g.key }));
    offset += len;
  }
  svg.appendChild(s("text", { x: size / 2, y: size / 2 + 4, "text-anchor": "middle", class: "cluster-count" },
    total >= 10000 ? Math.round(total / 1000) + "k" : String(total)));
  return svg;
}

/**
 * Items ({lat, lon, type, weight?}) drawn on a map, clustered by screen distance at each zoom: a lone item is its
 * point marker, several are one donut (the share of each type's colour) with their count. A cluster zooms in
 * on click; where its members cannot be told apart (one place, or the map's last zoom) it lists them instead.
 */
export class Clusters {
  constructor(map, { point, list, cell = 46 }) {
    this.map = map;
    this.point = point;
    this.list = list;
    this.cell = cell;
    this.items = [];
    this.layer = L.layerGroup().addTo(map);
    map.on("zoomend", () => this.draw());
  }

  set(items) {
    this.items = items.filter((it) => present(it.lat) && present(it.lon) && Number.isFinite(Number(it.lat)));
    this.draw();
  }

  bounds() {
    return this.items.length ? L.latLngBounds(this.items.map((it) => [Number(it.lat), Number(it.lon)])) : null;
  }

  draw() {
    this.layer.clearLayers();
    const zoom = this.map.getZoom();
    const groups = new Map();
    for (const it of this.items) {
      const p = this.map.project([Number(it.lat), Number(it.lon)], zoom);
      const key = Math.floor(p.x / this.cell) + ":" + Math.floor(p.y / this.cell);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(it);
    }
    for (const members of groups.values()) {
      const total = members.reduce((t, m) => t + (m.weight || 1), 0);
      if (members.length === 1 && total === 1) {
        this.layer.addLayer(this.point(members[0]));
        continue;
      }
      let lat = 0, lon = 0;
      for (const m of members) { lat += Number(m.lat) * (m.weight || 1); lon += Number(m.lon) * (m.weight || 1); }
      const size = total < 10 ? 30 : total < 100 ? 38 : 46;
      const icon = L.divIcon({ className: "cluster-marker", html: donut(members, total, size), iconSize: [size, size] });
      const label = total + " events here: zoom in or list them";
      const marker = L.marker([lat / total, lon / total], { icon, keyboard: true, title: label, alt: label });
      const bounds = L.latLngBounds(members.map((m) => [Number(m.lat), Number(m.lon)]));
      const oneSpot = bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 50;
      if (oneSpot || zoom >= this.map.getMaxZoom()) {
        marker.bindPopup(() => this.list(members, total), { maxWidth: 360 });
      } else {
        marker.on("click", () => this.map.fitBounds(bounds.pad(0.3), { maxZoom: this.map.getMaxZoom() }));
      }
      this.layer.addLayer(marker);
    }
  }
}

/** The map's legend of type colours (only the groups given), and the hollow marker. */
export function typeLegend(el, types) {
  const groups = new Map();
  for (const t of types) groups.set(typeGroup(t), true);
  const list = h("ul", { className: "type-legend" });
  for (const g of groups.keys()) {
    list.appendChild(h("li", null, h("span", { className: "type-dot g-" + g.key, "aria-hidden": "true" }), g.label));
  }
  list.appendChild(h("li", null, h("span", { className: "type-dot hollow", "aria-hidden": "true" }),
    "place only where it was told"));
  el.replaceChildren(list);
}

