#!/usr/bin/env bash
# Runs Trunk (`scripts/trunk.sh build --release …`, `… serve --release …`) with the
# settings of the size-tuned browser build, which only Trunk's builds get:
# - the standard library is rebuilt for the app (`-Zbuild-std`, with its
#   `optimize_for_size` feature) with `panic = immediate-abort`: a panic stops the app
#   at once instead of formatting a message, which removes every panic message, source
#   path and the formatting code behind them (measured −29 KB brotli of the first
#   load; see BENCHMARKS.md);
# - these are unstable Cargo/rustc options on the stable toolchain, enabled for this
#   build only with RUSTC_BOOTSTRAP=1 (needs the `rust-src` component: make setup);
# - `--cfg erase_components` as in .cargo/config.toml (these flags replace its
#   rustflags for this build).
# Native tests, clippy and the wasm-bindgen browser tests use the ordinary toolchain
# with normal panics (their messages help when a test fails).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
exec trunk "$@"
