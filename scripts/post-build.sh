#!/bin/sh
# Trunk post-build hook (runs in the staging dir's project root, before dist/ is
# replaced). With HEALTHHUB_CONFIG=<file> the build ships that file as config.json —
# `make serve` uses it to point the app at the local simulator without touching
# public/config.json (which keeps the placeholder for deployments).
set -eu
: "${TRUNK_STAGING_DIR:?run by trunk}"
if [ -n "${HEALTHHUB_CONFIG:-}" ]; then
  cp "$HEALTHHUB_CONFIG" "$TRUNK_STAGING_DIR/config.json"
fi
