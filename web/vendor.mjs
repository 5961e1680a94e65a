// Copies the pinned browser assets from node_modules into the Python package.
// Usage (from this folder): npm ci && npm run vendor    -- see docs/web.md
import { copyFileSync, mkdirSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "eventwire", "web", "static", "vendor");

const files = {
  leaflet: [
    "dist/leaflet.js", "dist/leaflet.css", "LICENSE",
    "dist/images/layers.png", "dist/images/layers-2x.png",
    "dist/images/marker-icon.png", "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png",
  ],
  "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
  "world-atlas": ["countries-110m.json", "LICENSE"],
};

rmSync(vendor, { recursive: true, force: true });
const versions = {};
for (const [pkg, paths] of Object.entries(files)) {
  const meta = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  versions[pkg] = { version: meta.version, license: meta.license, files: [] };
  for (const p of paths) {
    const out = join(vendor, pkg, p.replace(/^dist\//, ""));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(join(modules, pkg, p), out);
    versions[pkg].files.push(p.replace(/^dist\//, ""));
  }
}
versions["world-atlas"].data = "countries-110m.json: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON";
writeFileSync(join(vendor, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(JSON.stringify(versions, null, 2));
