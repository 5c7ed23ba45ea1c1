#!/usr/bin/env bash
# make serve: the local Oura simulator on :8081 (unless SIM=0) and the app, built in
# release mode by `trunk serve`, on http://127.0.0.1:8080 — with a config.json that
# points the app at the simulator, so sign-in, sync and every view work with no Oura
# account. To run against your own config instead: HEALTHHUB_CONFIG=/path/config.json SIM=0.
#
# Knobs (environment): APP_PORT (8080), SIM_PORT (8081), SIM (1), SIM_ARGS (extra
# simulator flags, e.g. "--days 90 --latency-ms 200"), HEALTHHUB_CONFIG, SERVE_DIST.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

APP_PORT=${APP_PORT:-8080}
SIM_PORT=${SIM_PORT:-8081}
SIM=${SIM:-1}
# trunk serve gets its own dist so it never clobbers the release dist/ the tests use.
SERVE_DIST=${SERVE_DIST:-target/serve-dist}
mkdir -p target/serve

if [ -z "${HEALTHHUB_CONFIG:-}" ]; then
  HEALTHHUB_CONFIG="$PWD/target/serve/config.json"
  cat > "$HEALTHHUB_CONFIG" <<JSON
{
  "client_id": "healthhub-dev",
  "authorize_url": "http://127.0.0.1:${SIM_PORT}/oauth/authorize",
  "api_base": "http://127.0.0.1:${SIM_PORT}"
}
JSON
fi
export HEALTHHUB_CONFIG

sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

if [ "$SIM" = 1 ]; then
  cargo build --release -p oura-sim
  # shellcheck disable=SC2086
  target/release/oura-sim --port "$SIM_PORT" --client-id healthhub-dev ${SIM_ARGS:-} &
  sim_pid=$!
  echo "Oura simulator: http://127.0.0.1:${SIM_PORT} (sign in with the consent page it shows)"
fi

echo "healthHub: http://127.0.0.1:${APP_PORT}/  (building first; Ctrl-C stops both)"
trunk serve --release --no-autoreload --address 127.0.0.1 --port "$APP_PORT" --dist "$SERVE_DIST"
