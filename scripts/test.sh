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
echo "== tests: unit, integration (real SQLite + PostgreSQL), e2e (real Chromium)"
npx vitest run
