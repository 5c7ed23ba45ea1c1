#!/usr/bin/env bash
# make setup: installs, on a fresh Debian machine of this kind, everything healthHub
# needs to build and test, and skips what is already there (idempotent, offline-safe:
# only the crates, npm and Debian registries are used, never GitHub).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# 1. Rust's wasm target.
command -v rustup >/dev/null || die "rustup not found: this machine needs the Rust toolchain (rustup)"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# The release build rebuilds the standard library for size (scripts/trunk.sh).
if ! rustup component list --installed | grep -qx rust-src; then
  log "adding the rust-src component (the size-tuned release build rebuilds std)"
  rustup component add rust-src
fi

# 2. wasm-bindgen: the CLI must be exactly the crate version in Cargo.lock, and the
#    pins in Cargo.toml and Trunk.toml must agree, or the offline build stops.
lock_ver=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
toml_ver=$(sed -n 's/^wasm-bindgen = "=\([^"]*\)".*/\1/p' Cargo.toml)
trunk_ver=$(sed -n 's/^wasm_bindgen = "\([^"]*\)".*/\1/p' Trunk.toml)
[ -n "$lock_ver" ] || die "wasm-bindgen not found in Cargo.lock"
if [ "$lock_ver" != "$toml_ver" ] || [ "$lock_ver" != "$trunk_ver" ]; then
  die "wasm-bindgen versions drift: Cargo.lock has $lock_ver, Cargo.toml pins '=$toml_ver', Trunk.toml [tools] wasm_bindgen is '$trunk_ver'. Make all three equal (and keep wasm-bindgen-cli at that version)."
fi
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$lock_ver" ]; then
  log "installing wasm-bindgen-cli $lock_ver (was: ${have_wb:-none}; about 3 minutes)"
  # No --locked: its lockfile pins a webpki-roots version this registry lacks.
  cargo install wasm-bindgen-cli --version "$lock_ver" --force
fi

# 2b. wasm-split-cli (crate wasm_split_cli_support, pinned): cuts the release wasm at
#     Leptos's #[lazy] split points (scripts/build-wasm.sh).
WASM_SPLIT_VERSION=0.2.4
have_split=$(cargo install --list | awk '/^wasm_split_cli_support v/ {sub(/^v/, "", $2); sub(/:$/, "", $2); print $2}')
if [ "$have_split" != "$WASM_SPLIT_VERSION" ] || ! command -v wasm-split-cli >/dev/null; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (was: ${have_split:-none}; about 1 minute)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --force
fi

# 3. Trunk, pinned (0.22 needs a newer rustc).
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (was: ${have_trunk:-none}; about 12 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# 4. Chromium and ChromeDriver from Debian (Playwright and wasm-bindgen-test drive them;
#    nothing ever downloads a browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian chromium and chromium-driver"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi

# 4b. Debian's nginx: the deployment end-to-end test runs it (as a plain process on a
#     free port with its own config; the system service is never started).
if [ ! -x /usr/sbin/nginx ]; then
  log "installing Debian nginx (for the deployment test; the service is not started)"
  as_root apt-get update -q
  # RUNLEVEL=1: invoke-rc.d does not start the service the package installs.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -q nginx
fi

# 5. Node tools from the committed lockfile: wasm-opt (npm binaryen 132 — Debian's v108
#    silently breaks the app) and playwright-core.
command -v npm >/dev/null || die "npm not found: install Node.js 20+"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node tools (npm ci)"
  npm ci --no-audit --no-fund
fi
wasm_opt_ver=$(wasm-opt --version 2>/dev/null || true)
case "$wasm_opt_ver" in
  *"version 132"*) ;;
  *) die "wasm-opt on PATH is not binaryen 132 ('$wasm_opt_ver'): run npm ci; never use Debian's binaryen" ;;
esac

log "ready: rustc $(rustc --version | awk '{print $2}'), trunk $TRUNK_VERSION, wasm-bindgen $lock_ver, $(chromium --version 2>/dev/null | awk '{print $1, $2}'), wasm-opt 132"
