#!/usr/bin/env bash
# End-to-end tests of the real app: the debug binary under Xvfb, driven through
# tauri-driver and WebKitWebDriver. Screenshots land in target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run --auto-servernum --server-args="-screen 0 1440x900x24" "$0" "$@"
fi

export SERVICEFOLIO_APP="$PWD/target/debug/servicefolio"
export SERVICEFOLIO_E2E_OUT="$PWD/target/e2e"
export TAURI_DRIVER="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
[ -x "$SERVICEFOLIO_APP" ] || { echo "build the app first: make app" >&2; exit 1; }
mkdir -p "$SERVICEFOLIO_E2E_OUT"
cd ui
exec npx vitest run --config vitest.e2e.config.ts "$@"
