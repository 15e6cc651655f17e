#!/usr/bin/env bash
# Installs what proxynas's commands need, and does nothing that is already done:
#   npm packages (npm ci, when package-lock.json changed), dist/ (when src/ changed),
#   Jupyter, Chromium and Firefox ESR from Debian's packages (when missing; as root, or with sudo -n),
#   the tslab kernel registered inside the project (.jupyter/, no global writes).
# Options: --no-jupyter, --no-chromium, --no-firefox (skip those); --references (the bench's
#   reference implementations: Debian's python3-scipy and python3-torch).
# Messages go to stderr. Exit 1 with the command to type when something cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
want_jupyter=1
want_chromium=1
want_firefox=1
want_references=0
for a in "$@"; do
  case "$a" in
    --no-jupyter) want_jupyter=0 ;;
    --no-chromium) want_chromium=0 ;;
    --no-firefox) want_firefox=0 ;;
    --references) want_references=1 ;;
    *) echo "setup: unknown option $a (valid: --no-jupyter, --no-chromium, --no-firefox, --references)" >&2; exit 2 ;;
  esac
done
say() { echo "setup: $*" >&2; }
PY=/usr/bin/python3
JUPYTER_PKGS="jupyter-notebook jupyter-nbconvert python3-nbconvert python3-nbclient jupyter-client python3-ipykernel"

# Node 20.19+ (require() of ES modules, used by tslab to load the library).
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  { say "Node >= 20.19 is needed, found $(node --version)"; exit 1; }

apt_install() {
  local what=$1; shift
  local cmd="apt-get update && apt-get install -y --no-install-recommends $*"
  if [ "$(id -u)" = 0 ]; then
    say "installing $what: $cmd"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@") >&2 ||
      { say "could not install $what; run: $cmd"; exit 1; }
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    say "installing $what with sudo: $cmd"
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@") >&2 ||
      { say "could not install $what; run: sudo $cmd"; exit 1; }
  else
    say "$what is missing and this user cannot install it; run: sudo $cmd"
    exit 1
  fi
}

# 1. npm packages, when the lockfile changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.proxynas-lock ] || [ "$(cat node_modules/.proxynas-lock)" != "$lock_hash" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > node_modules/.proxynas-lock
fi

# 2. The library resolves itself by name (notebooks import "proxynas", as users do).
if [ "$(readlink node_modules/proxynas 2>/dev/null || true)" != ".." ]; then
  rm -rf node_modules/proxynas
  ln -s .. node_modules/proxynas
fi

# 3. dist/, when any source is newer than the last build.
if [ ! -f dist/.built ] || [ -n "$(find src tsconfig.json tsconfig.build.json package.json scripts/bundle-browser.mjs -newer dist/.built -print -quit)" ]; then
  say "building dist/"
  rm -rf dist
  # dist/ is compiled by tslab's TypeScript 5.0 (node_modules/.bin/tsc), the compiler that reads its declarations in notebooks
  node_modules/.bin/tsc -p tsconfig.build.json
  node scripts/bundle-browser.mjs
  chmod +x dist/cli/bin.js
  touch dist/.built
fi

# 4. Jupyter from Debian's packages.
if [ "$want_jupyter" = 1 ]; then
  if ! { [ -x "$PY" ] && "$PY" -c 'import nbconvert, nbclient, ipykernel, jupyter_client' 2>/dev/null; }; then
    # shellcheck disable=SC2086
    apt_install "Jupyter" $JUPYTER_PKGS
  fi
  # 5. The tslab kernel, registered inside the project.
  spec=.jupyter/share/jupyter/kernels/tslab/kernel.json
  if [ ! -f "$spec" ] || ! grep -q "\"$root/node_modules/.bin/tslab\"" "$spec"; then
    say "registering the tslab kernel in .jupyter/"
    node_modules/.bin/tslab install --python="$PY" --prefix="$root/.jupyter" --binary="$root/node_modules/.bin/tslab" >&2
  fi
fi

# 6. Chromium, for static figure export and browser tests.
if [ "$want_chromium" = 1 ]; then
  if ! [ -x /usr/bin/chromium ] && [ -z "${PROXYNAS_CHROMIUM:-}" ]; then
    apt_install "Chromium" chromium
  fi
fi

# 7. Firefox ESR, for the firefox-* measurement runtimes and their tests.
if [ "$want_firefox" = 1 ]; then
  if ! [ -x /usr/bin/firefox-esr ] && ! [ -x /usr/bin/firefox ] && [ -z "${PROXYNAS_FIREFOX:-}" ]; then
    apt_install "Firefox ESR" firefox-esr
  fi
fi
# 8. The bench's references (scipy's rank correlations, the same MLP in PyTorch), from Debian's packages.
if [ "$want_references" = 1 ]; then
  if ! { [ -x "$PY" ] && "$PY" -c 'import scipy, torch' 2>/dev/null; }; then
    apt_install "the bench's references (scipy, PyTorch)" python3-scipy python3-torch
  fi
fi
exit 0
