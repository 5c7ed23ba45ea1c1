#!/usr/bin/env bash
# Trunk pre-build hook: builds the app's WebAssembly, split into a first-load module and
# modules loaded on first use, into target/wasm-pkg/ (scripts/post-build.mjs then copies
# it into the build with content-hashed names and writes the loader into index.html).
#
# 1. cargo build of the `healthhub` binary with the size profile `wasm-release`, the
#    feature `split` (Leptos `#[lazy]` split points: the pages other than Today, the sync
#    run, export and import), and for size:
#    - the standard library rebuilt for the app (`-Zbuild-std`, feature
#      `optimize_for_size`) with `panic = immediate-abort` (a panic stops the app at once;
#      no panic messages, source paths or the formatting code behind them);
#    - these unstable options run on the stable toolchain for this build only
#      (RUSTC_BOOTSTRAP=1; needs the `rust-src` component: make setup);
#    - `--emit-relocs`, which wasm-split needs; `--cfg erase_components` as in
#      .cargo/config.toml (these flags replace its rustflags for this build).
# 2. wasm-split-cli (crate wasm_split_cli_support, make setup) cuts the module at the
#    split points: healthhub.wasm + split_*.wasm / chunk_*.wasm + __wasm_split.js.
# 3. wasm-bindgen (the pinned CLI) on the main module; wasm-opt -Oz on every module.
# Native tests, clippy and the wasm-bindgen browser tests build without any of this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT=target/wasm-pkg
SPLIT=target/wasm-split
WASM=target/wasm32-unknown-unknown/wasm-release/healthhub.wasm

if [ "${HEALTHHUB_PANIC_MESSAGES:-0}" = 1 ]; then
  # Debugging a crash ("RuntimeError: unreachable" in the console): the same build
  # with the prebuilt std and panic messages in the console (larger).
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs" \
    cargo build --bin healthhub --target wasm32-unknown-unknown --profile wasm-release --features split
else
  RUSTC_BOOTSTRAP=1 \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs" \
    cargo build --bin healthhub --target wasm32-unknown-unknown --profile wasm-release --features split
fi

rm -rf "$SPLIT" "$OUT.tmp"
mkdir -p "$SPLIT" "$OUT.tmp"
wasm-split-cli "$WASM" "$SPLIT" --target web --out-name healthhub
wasm-bindgen "$SPLIT/healthhub.wasm" --target web --keep-lld-exports --no-typescript \
  --out-name healthhub --out-dir "$OUT.tmp" 2> >(grep -v 'unknown name subsection' >&2)
cp "$SPLIT/__wasm_split.js" "$OUT.tmp/"
for f in "$SPLIT"/split_*.wasm "$SPLIT"/chunk_*.wasm; do
  [ -e "$f" ] && cp "$f" "$OUT.tmp/"
done
# The features the wasm uses (Rust's wasm32 defaults); each module is optimised alone.
# HEALTHHUB_WASM_NAMES=1 keeps the function names (a build to profile, larger).
NAMES=()
if [ "${HEALTHHUB_WASM_NAMES:-0}" = 1 ]; then NAMES=(-g); fi
for f in "$OUT.tmp"/*.wasm; do
  wasm-opt -Oz "${NAMES[@]}" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$f" -o "$f.opt" 2> >(grep -v 'unknown name subsection' >&2)
  mv "$f.opt" "$f"
done
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
echo "build-wasm: $(ls "$OUT" | wc -l) files in $OUT"
