# healthHub — `make serve` to try it, `make test` to check everything (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_PROFILE_DEV_DEBUG := 0

.PHONY: setup serve test bench lint test-native test-wasm dist sim test-e2e

## Install everything the project needs (idempotent; skips what is present).
setup:
	@scripts/setup.sh

## Build the app and serve it on http://127.0.0.1:8080 with the local Oura simulator.
serve: setup
	@scripts/serve.sh

## Everything CI checks: format, lints, native tests, browser tests, end-to-end tests.
test: setup
	@$(MAKE) --no-print-directory lint test-native sim test-wasm dist test-e2e

## What a phone user feels (README, "Benchmarks") → BENCHMARKS.md; exits 1 past a budget.
## BENCH_QUICK=1: one year, fewer runs (≈ 5 min); BENCH_SIZE_ONLY=1: the first load only;
## BENCH_YEARS=1,5 BENCH_LATENCY_MS=300 (defaults).
bench: setup
	@$(MAKE) --no-print-directory dist sim
	node scripts/bench.mjs

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p healthhub --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p healthhub --target wasm32-unknown-unknown --features split -- -D warnings

## Pure logic and the simulator, natively.
test-native:
	cargo test --workspace

## Components and browser code, in headless Chromium (wasm-bindgen-test), with the
## simulator running for the client tests (scripts/with-sim.sh).
test-wasm: sim
	scripts/with-sim.sh cargo test -p healthhub --target wasm32-unknown-unknown --tests

## The release build of the app into dist/ (size profile, wasm-opt -Oz).
dist:
	trunk build --release

## The simulator binary the end-to-end tests start.
sim:
	cargo build --release -p oura-sim

## User journeys in Chromium (Playwright) against dist/ and the simulator.
test-e2e:
	node --test --test-concurrency=1 tests/e2e/*.test.mjs
