#!/bin/sh
# Writes the demo of "Try the demo" into the build: 90 days of the simulator's made-up
# person (oura-sim, deterministic), ending on the build day (UTC; HEALTHHUB_DEMO_END=
# YYYY-MM-DD to choose), as a healthHub export, gzip-compressed (the app inflates it
# with DecompressionStream, so any static host serves it small without configuration).
# Usage: scripts/demo-export.sh <output dir>   (called by scripts/post-build.sh)
set -eu
out_dir="${1:?output dir}"
cd "$(dirname "$0")/.."
end="${HEALTHHUB_DEMO_END:-$(date -u +%F)}"
# The simulator is a native binary of this workspace: build it when missing or stale
# (a no-op in well under a second when it is up to date).
cargo build --quiet --release -p oura-sim
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
# 288 heart-rate samples a day (one every 5 minutes, as the ring records at rest).
"${CARGO_TARGET_DIR:-target}/release/oura-sim" --days 90 --end-date "$end" --hr-per-day 288 --seed 1 \
  --write-export "$tmp"
gzip -9 -n -c "$tmp" > "$out_dir/demo.json.gz"
