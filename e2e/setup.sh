#!/usr/bin/env bash
# Prepares the end-to-end environment described in shared/E2E.md:
# Debian packages (Chromium, ripgrep, build headers), code-server 4.100.3 in a cache folder
# of its own, and the project's .vsix installed into a cached extensions dir.
# Idempotent: every finished step leaves a marker in e2e/.cache/markers and is skipped next time.
#
# Env: E2E_SKIP_VSIX=1 skips building and installing the extension;
#      E2E_VSIX=FILE installs FILE instead of building the project's .vsix.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)
NATIVE_MODULES=(node-pty @vscode/spdlog kerberos native-watchdog @parcel/watcher @vscode/deviceid)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/e2e/.cache"
MARKERS="$CACHE/markers"
CS_HOME="$CACHE/code-server"
CS_PKG="$CS_HOME/node_modules/code-server"
VSCODE="$CS_PKG/lib/vscode"
EXTENSIONS="$CACHE/extensions"
VSIX="$ROOT/dist/infra-review.vsix"

SETUP_START=$SECONDS
mkdir -p "$MARKERS"

log() { printf '[e2e-setup %4ss] %s\n' "$((SECONDS - SETUP_START))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

# step NAME FUNCTION: runs FUNCTION once; a marker file records that it finished.
step() {
  local name="$1" fn="$2" marker="$MARKERS/$1.done" started=$SECONDS
  if [[ -f "$marker" ]]; then
    log "✓ $name (cached)"
    return
  fi
  log "→ $name"
  "$fn"
  touch "$marker"
  log "✓ $name ($((SECONDS - started))s)"
}

node_gyp() {
  local gyp
  gyp="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
  [[ -f "$gyp" ]] || die "node-gyp not found at $gyp"
  # Build against the local Node headers when npm knows where they are (no download).
  local nodedir
  nodedir="$(npm config get nodedir 2>/dev/null || true)"
  if [[ -n "$nodedir" && "$nodedir" != undefined && "$nodedir" != null ]]; then
    node "$gyp" "$@" --nodedir="$nodedir"
  else
    node "$gyp" "$@"
  fi
}

# 1. Debian packages ----------------------------------------------------------------------
install_apt_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "✓ Debian packages (all installed)"
    return
  fi
  local started=$SECONDS
  log "→ Debian packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "✓ Debian packages ($((SECONDS - started))s)"
}

# 2. code-server in a folder of its own ---------------------------------------------------
# Its install scripts must not run (root refusal, ripgrep download from GitHub): everything
# they would do is done by the steps below.
code_server_npm() {
  rm -f "$MARKERS"/code-server-*.done
  rm -rf "$CS_HOME"
  mkdir -p "$CS_HOME"
  cat >"$CS_HOME/package.json" <<JSON
{ "name": "infra-review-e2e-code-server", "private": true, "version": "0.0.0" }
JSON
  (cd "$CS_HOME" && npm install --save-exact --no-audit --no-fund --ignore-scripts --loglevel=error \
    "code-server@$CODE_SERVER_VERSION")
  (cd "$CS_HOME" && npm rebuild argon2 --loglevel=error)
}

vscode_deps() {
  (cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
}

NATIVE_MODULE=""
native_module() {
  (cd "$VSCODE/node_modules/$NATIVE_MODULE" && node_gyp rebuild --jobs=max --loglevel=error >/dev/null)
}

links() {
  mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VSCODE/node_modules.asar"
  ln -sfn code-linux.sh "$VSCODE/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$VSCODE/bin/helpers/browser.sh"
}

builtin_extensions_deps() {
  (cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
}

# 3. The project's extension --------------------------------------------------------------
install_vsix() {
  if [[ "${E2E_SKIP_VSIX:-}" == 1 ]]; then
    log "- extension: skipped (E2E_SKIP_VSIX=1)"
    return
  fi
  local started=$SECONDS
  if [[ -n "${E2E_VSIX:-}" ]]; then
    VSIX="$(realpath "$E2E_VSIX")"
    [[ -f "$VSIX" ]] || die "E2E_VSIX=$E2E_VSIX is not a file"
    log "→ extension: using $VSIX (E2E_VSIX)"
  elif ! (cd "$ROOT" && node -e 'process.exit(require("./package.json").scripts?.package ? 0 : 1)'); then
    log "! extension: package.json has no \"package\" script yet, so there is no .vsix to install."
    log "  code-server will start without infra-review; tests that need the extension will fail."
    rm -rf "$EXTENSIONS" "$MARKERS/vsix.sha256"
    return
  else
    log "→ extension: npm run package"
    (cd "$ROOT" && npm run --silent package) || die "npm run package failed"
    [[ -f "$VSIX" ]] || die "npm run package did not produce $VSIX"
  fi

  local hash marker="$MARKERS/vsix.sha256"
  hash="$(sha256sum "$VSIX" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$hash" && -d "$EXTENSIONS" ]]; then
    log "✓ extension: $VSIX unchanged, already installed ($((SECONDS - started))s)"
    return
  fi
  rm -rf "$EXTENSIONS"
  mkdir -p "$EXTENSIONS"
  node "$CS_PKG/out/node/entry.js" --extensions-dir "$EXTENSIONS" \
    --user-data-dir "$CACHE/install-user-data" --install-extension "$VSIX" --force
  echo "$hash" >"$marker"
  log "✓ extension: installed $(basename "$VSIX") ($((SECONDS - started))s)"
}

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" == 20 ]] || log "! Node $node_major: code-server $CODE_SERVER_VERSION is made for Node 20 (engines.node); it may not start"

install_apt_packages
step "code-server-$CODE_SERVER_VERSION-npm" code_server_npm
step "code-server-$CODE_SERVER_VERSION-vscode-deps" vscode_deps
for NATIVE_MODULE in "${NATIVE_MODULES[@]}"; do
  step "code-server-$CODE_SERVER_VERSION-native-${NATIVE_MODULE//\//-}" native_module
done
links
log "✓ links (ripgrep, node_modules.asar, remote-cli, browser helper)"
step "code-server-$CODE_SERVER_VERSION-extensions-deps" builtin_extensions_deps
mkdir -p "$EXTENSIONS"
install_vsix
log "done in $((SECONDS - SETUP_START))s"
