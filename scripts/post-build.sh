#!/bin/sh
# Trunk post-build hook (runs in the project root, on the staging dir before dist/ is
# replaced).
# 1. With HEALTHHUB_CONFIG=<file> the build ships that file as config.json —
#    `make serve` uses it to point the app at the local simulator without touching
#    public/config.json (which keeps the placeholder for deployments).
# 2. scripts/post-build.mjs copies in the app's wasm modules (target/wasm-pkg, from the
#    pre-build hook scripts/build-wasm.sh) with hashed names and writes their loader
#    into index.html, then the service worker's precache list and version into sw.js,
#    the Content-Security-Policy with the loader's hash (csp.txt), and Netlify's
#    _headers and _redirects.
# 3. scripts/demo-export.sh writes the demo data (demo.json.gz) for "Try the demo".
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
if [ -n "${HEALTHHUB_CONFIG:-}" ]; then
  cp "$HEALTHHUB_CONFIG" "$TRUNK_STAGING_DIR/config.json"
fi
sh "$(dirname "$0")/demo-export.sh" "$TRUNK_STAGING_DIR"
node "$(dirname "$0")/post-build.mjs" "$TRUNK_STAGING_DIR"
