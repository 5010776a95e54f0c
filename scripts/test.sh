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

# Every project runs even when one fails, so a run reports all failures; the last line counts them.
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
run_project() {
  echo "== $2"
  npx vitest run --project "$1" --reporter=default --reporter=json \
    --outputFile.json="$results/$1.json" || status=1
}
run_project unit "unit tests"
run_project integration "integration tests: the server over HTTP on real SQLite and a throwaway PostgreSQL"
run_project e2e "end-to-end tests: the built extension in real Chromium"
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results"
exit $status
