#!/usr/bin/env bash
# `npm start`: build the extension, then run the sync server on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
npx wxt build >/dev/null
npx wxt build -b firefox >/dev/null
cat <<MSG
Repertoire extension built:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick
                   $(pwd)/.output/chrome-mv3
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" and pick
                   $(pwd)/.output/firefox-mv2/manifest.json
Starting the sync server (Ctrl+C stops it)…
MSG
exec npm run --silent server -- "$@"
