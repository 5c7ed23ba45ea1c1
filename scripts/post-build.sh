#!/bin/sh
# Trunk post-build hook (runs in the project root, on the staging dir before dist/ is
# replaced; Trunk has already computed the SRI hashes, so the .js/.wasm are never
# touched here).
# 1. With HEALTHHUB_CONFIG=<file> the build ships that file as config.json —
#    `make serve` uses it to point the app at the local simulator without touching
#    public/config.json (which keeps the placeholder for deployments).
# 2. scripts/post-build.mjs writes the service worker's precache list and version into
#    sw.js, the Content-Security-Policy with the loader's hash (csp.txt), and Netlify's
#    _headers and _redirects.
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
if [ -n "${HEALTHHUB_CONFIG:-}" ]; then
  cp "$HEALTHHUB_CONFIG" "$TRUNK_STAGING_DIR/config.json"
fi
node "$(dirname "$0")/post-build.mjs" "$TRUNK_STAGING_DIR"
