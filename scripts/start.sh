#!/usr/bin/env bash
# `npm start`: build the extension, then run the sync server on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
# Quiet when it works, everything when it does not.
build() { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out"; exit 1; }; }
build npx wxt build
build npx wxt build -b firefox
cat <<MSG
Repertoire extension built:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick
                   $(pwd)/.output/chrome-mv3
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" and pick
                   $(pwd)/.output/firefox-mv3/manifest.json
Starting the sync server (Ctrl+C stops it)…
MSG
exec npm run --silent server -- "$@"
