#!/usr/bin/env bash
# Installs what Servicefolio needs on Debian 12 and skips what is already there.
#   scripts/setup.sh run    system libraries to build and run the app, the UI's npm packages
#   scripts/setup.sh test   the same, plus Xvfb, WebKitWebDriver, ImageMagick, poppler-utils
#                           (pdftotext reads offer PDFs back in tests/offers.rs) and tauri-driver
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
RUN_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils sqlite3)
TAURI_DRIVER_VERSION=2.1.0

packages=("${RUN_PACKAGES[@]}")
[ "$mode" = test ] && packages+=("${TEST_PACKAGES[@]}")

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# System packages: ask dpkg, install only what is missing.
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Toolchains: the Rust toolchain pinned in rust-toolchain.toml and Node.js 20.19+.
command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
command -v node >/dev/null || { echo "node is missing: install Node.js 20.19 or newer" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  { echo "Node.js $(node --version) is too old: the UI build (Vite 8) needs 20.19 or newer" >&2; exit 1; }

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=ui/node_modules/.servicefolio-lock.sha256
want=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "npm ci"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# tauri-driver: the WebDriver bridge for the end-to-end tests.
if [ "$mode" = test ]; then
  # tauri-driver has no --version; cargo's install list knows what is there.
  driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if [ ! -x "$driver" ] || ! cargo install --list | grep -qx "tauri-driver v$TAURI_DRIVER_VERSION:"; then
    say "cargo install tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --quiet
  fi
fi
