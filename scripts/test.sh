#!/usr/bin/env bash
# `npm test`: everything CI checks, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
echo "== lint, format, types"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
npm run --silent typecheck
echo "== build (production, checked against budgets) and e2e build"
npx wxt build >/dev/null
npx tsx scripts/check-build.ts .output/chrome-mv3
npx wxt build --mode e2e >/dev/null
echo "== unit tests"
npx vitest run --project unit
echo "== integration tests: the server over HTTP on real SQLite and a throwaway PostgreSQL"
npx vitest run --project integration
echo "== end-to-end tests: the built extension in real Chromium"
npx vitest run --project e2e
