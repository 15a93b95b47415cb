#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3, the newest that runs on Node 20) into .tandem-tools/code-server,
# offline-friendly: see /work/shared/VSCODE-OFFLINE.md. Idempotent: a second run only checks.
# Prints the path of the code-server binary on its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tandem-tools/code-server"
VERSION="4.100.3"
BIN="$TOOLS/node_modules/.bin/code-server"
log() { echo "[install-code-server] $*" >&2; }

if [[ -x "$BIN" ]] && [[ -f "$TOOLS/.installed-$VERSION" ]]; then
  log "code-server $VERSION already installed"
  echo "$BIN"
  exit 0
fi

# Debian packages: kerberos headers for the native `kerberos` module, ripgrep (its rg seeds the cache
# below), chromium for the headless workbench, git for VS Code's Git extension.
missing=()
for pkg in libkrb5-dev ripgrep chromium git; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    log "missing Debian packages: ${missing[*]} (run as root or install them)"
    exit 1
  fi
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

# @vscode/ripgrep downloads rg from GitHub in postinstall; it looks in this cache first.
TMP="$(node -p 'require("os").tmpdir()')"
CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
TARBALL="$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -s "$TARBALL" ]]; then
  RG="$(command -v rg)"
  mkdir -p "$CACHE"
  staging="$(mktemp -d)"
  cp "$RG" "$staging/rg"
  tar -czf "$TARBALL" -C "$staging" rg
  rm -rf "$staging"
  log "seeded ripgrep cache at $TARBALL"
fi

mkdir -p "$TOOLS"
cp "$ROOT/tools/code-server/package.json" "$TOOLS/package.json"
log "npm install code-server@$VERSION (1-2 minutes)"
(
  cd "$TOOLS"
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --omit=dev --save-exact "code-server@$VERSION" >&2
)
[[ -x "$BIN" ]] || { log "install finished but $BIN is missing"; exit 1; }
touch "$TOOLS/.installed-$VERSION"
log "installed: $("$BIN" --version | head -1)"
echo "$BIN"
