#!/usr/bin/env bash
# Installs the Claude Code CLI pinned in tools/claude-code/package.json into .tandem-tools/claude-code
# (benchmarks run it beside Tandem; the IDE-bridge e2e tests drive it, interactively through tmux).
# Idempotent: a second run only checks. Prints the path of the claude binary on its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tandem-tools/claude-code"
VERSION="$(node -p 'require(process.argv[1]).dependencies["@anthropic-ai/claude-code"]' "$ROOT/tools/claude-code/package.json")"
BIN="$TOOLS/node_modules/.bin/claude"
log() { echo "[install-claude-code] $*" >&2; }

if ! command -v tmux >/dev/null; then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    log "missing Debian package: tmux (run as root or install it)"
    exit 1
  fi
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing tmux"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tmux >&2
fi

if [[ -x "$BIN" ]] && [[ -f "$TOOLS/.installed-$VERSION" ]]; then
  log "Claude Code $VERSION already installed"
  echo "$BIN"
  exit 0
fi

mkdir -p "$TOOLS"
cp "$ROOT/tools/claude-code/package.json" "$TOOLS/package.json"
log "npm install @anthropic-ai/claude-code@$VERSION"
(cd "$TOOLS" && npm install --no-audit --no-fund --omit=dev >&2)
[[ -x "$BIN" ]] || { log "install finished but $BIN is missing"; exit 1; }
touch "$TOOLS/.installed-$VERSION"
log "installed: $("$BIN" --version | head -1)"
echo "$BIN"
