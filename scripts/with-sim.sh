#!/usr/bin/env bash
# scripts/with-sim.sh COMMAND [ARGS...]
#
# Runs COMMAND with the local Oura simulators the browser tests (tests/client.rs)
# expect, then stops them and exits with COMMAND's status:
#
#   target/release/oura-sim --port 18091 --token e2e-token --days 60 --hr-per-day 100 \
#       --page-size 7 --end-date 2026-11-20 --seed 7
#   (the same data with --no-cors on port 18092, for the CORS-detection test)
#
# Build the simulator first: cargo build --release -p oura-sim
# Example: scripts/with-sim.sh cargo test -p healthhub --target wasm32-unknown-unknown --tests
set -uo pipefail
cd "$(dirname "$0")/.."

SIM=target/release/oura-sim
PORT=18091
NOCORS_PORT=18092
FLAGS=(--token e2e-token --days 60 --hr-per-day 100 --page-size 7 --end-date 2026-11-20 --seed 7)

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
if [ ! -x "$SIM" ]; then
  echo "with-sim: $SIM not found; run: cargo build --release -p oura-sim" >&2
  exit 2
fi

pids=()
stop() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  pids=()
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

"$SIM" --port "$PORT" "${FLAGS[@]}" &
pids+=("$!")
"$SIM" --port "$NOCORS_PORT" --no-cors "${FLAGS[@]}" &
pids+=("$!")

wait_ready() {
  local url="http://127.0.0.1:$1/__sim/stats"
  for _ in $(seq 1 150); do
    if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$url" 2>/dev/null; then
      return 0
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "with-sim: the simulator exited early" >&2; return 1; }
    done
    sleep 0.2
  done
  echo "with-sim: $url did not answer within 30 s" >&2
  return 1
}
wait_ready "$PORT" && wait_ready "$NOCORS_PORT" || exit 1

# The app is not served cross-origin isolated, so neither are the tests: under
# wasm-bindgen-test-runner's default COEP require-corp, the no-cors probe that tells a
# CORS failure from a network failure cannot reach a server that sends no CORP header.
export WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION=1
export HH_SIM_URL="${HH_SIM_URL:-http://127.0.0.1:$PORT}"
export HH_SIM_NOCORS_URL="${HH_SIM_NOCORS_URL:-http://127.0.0.1:$NOCORS_PORT}"
"$@"
status=$?
stop
exit "$status"
