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
echo "== Firefox build, checked by Mozilla's add-on linter (fails on errors, lists warnings)"
npx wxt build -b firefox >/dev/null
npx wxt build -b firefox --mode e2e >/dev/null
npx web-ext lint --no-config-discovery --source-dir .output/firefox-mv3 --output json |
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const kind of ["errors", "warnings", "notices"]) {
      for (const m of r[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ""} ${m.message}`);
    }
    console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings`);
    if (r.summary.errors) {
      console.error("The Firefox build has errors Mozilla would refuse: fix the errors listed above.");
      process.exit(1);
    }
  '

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
run_project e2e "end-to-end tests: the built extension in real Chromium and Firefox ESR"
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
