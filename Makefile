# Two commands do everything on a fresh Debian 12 machine:
#   make run    install what is missing, build, and open Servicefolio
#   make test   install what is missing and run every check, the real app included
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
APP := target/debug/servicefolio

.PHONY: run test setup setup-test ui app lint unit e2e bindings schema fuzz

run: setup ui
	$(CARGO) build -p servicefolio-app
	$(APP) $(ARGS)

test: setup-test ui lint unit app e2e
	@echo "make test: every check passed"

setup:
	scripts/setup.sh run

setup-test:
	scripts/setup.sh test

# The Tauri crate embeds ui/dist at compile time, so the UI is built before any cargo build.
ui:
	cd ui && npm run --silent build -- --logLevel warn

lint:
	$(CARGO) fmt --all --check
	cd ui && npm run --silent check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Rust tests include the bindings drift check (src-tauri/src/bindings.rs).
unit:
	$(CARGO) test --workspace
	cd ui && npm test --silent

app:
	$(CARGO) build -p servicefolio-app

e2e:
	scripts/e2e.sh

# The fuzzing harness, not part of `make test` (whose `cargo test` runs the fuzz
# corpus briefly, tests/fuzz_corpus.rs): every cargo-fuzz target for FUZZ_SECONDS,
# one after another; FUZZ_TARGETS picks some. Installs cargo-fuzz if missing.
# See docs/fuzzing.md.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_TARGETS)

# Rewrites src/store/schema.sql, the schema the migrations make (tests/schema.rs checks it).
schema:
	UPDATE_SCHEMA=1 $(CARGO) test -p servicefolio --test schema

# Rewrites ui/src/lib/bindings.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p servicefolio-app bindings_are_current
