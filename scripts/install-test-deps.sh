#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian's packages, only if missing:
# Chromium (with its UI languages) and Firefox ESR for the end-to-end tests, a virtual display
# and a keyboard on it for the one that types into the address bar, and PostgreSQL for the
# server's integration tests.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Chromium's other UI languages, for the e2e run in French.
[ -f /usr/lib/chromium/locales/fr.pak ] || missing+=(chromium-l10n)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
# The e2e page server makes a throwaway TLS certificate for HSTS-preloaded hosts (github.com).
command -v openssl >/dev/null || missing+=(openssl)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing test dependencies from Debian: ${missing[*]}"
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
