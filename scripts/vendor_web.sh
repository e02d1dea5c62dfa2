#!/usr/bin/env bash
# Refresh the explorer's vendored browser libraries (src/sitrep/serve/static/vendor/) from
# the npm registry. The page loads nothing from the network, so every file it uses is
# copied into the package here, with its licence. Bump a version below and run again.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/sitrep/serve/static/vendor
packages=(leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0 cytoscape@3.35.0)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "${packages[@]}")
m="$work/node_modules"

rm -rf "$dest" && mkdir -p "$dest"
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$dest/"
cp "$m/leaflet/LICENSE" "$dest/LICENSE.leaflet"
cp "$m/world-atlas/countries-50m.json" "$dest/"  # Natural Earth country borders, 1:50m
cp "$m/world-atlas/LICENSE" "$dest/LICENSE.world-atlas"
cp "$m/topojson-client/dist/topojson-client.min.js" "$dest/"
cp "$m/topojson-client/LICENSE" "$dest/LICENSE.topojson-client"
cp "$m/cytoscape/dist/cytoscape.min.js" "$dest/"
cp "$m/cytoscape/LICENSE" "$dest/LICENSE.cytoscape"
printf '%s\n' "${packages[@]}" > "$dest/VERSIONS.txt"
du -sh "$dest"
