#!/usr/bin/env bash
# `npm test`: the bundle size budgets (building dist/ when stale), type check, then every runner (node tests, browser tests), then one totals line
# "N passed, N failed, N skipped" summing all of them (skipped counts todo tests too, so a
# skipped test never goes unnoticed). Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
# The project's own Node (the `node` dev dependency) first, as npm scripts have it, also when this
# file is run directly; test/runtime-version.test.ts fails when the tests run on another.
PATH="$PWD/node_modules/.bin:$PATH"
export JOBAG_TEST_ON_PROJECT_NODE=1
echo "== on Node $(node --version) ($(command -v node))"
passed=0 failed=0 skipped=0 status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== bundle size budgets (npm run size; builds dist/ first when it is stale)"
if node scripts/build-if-needed.mjs && node scripts/size.mjs; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== type check"
if npx tsc -p tsconfig.json; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== node tests (server, sdk, contract)"
node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tmp/node.tap" \
  $(find test -name '*.test.ts' -not -path 'test/browser/*' | sort) || status=1
n_pass=$(grep -E '^# pass ' "$tmp/node.tap" | awk '{print $3}')
n_fail=$(grep -E '^# fail ' "$tmp/node.tap" | awk '{print $3}')
# Skipped and todo: every TAP line with a SKIP or TODO directive, at any depth. This is the summary's
# "# skipped" plus "# todo", and also counts a skipped describe(), which that summary leaves out.
n_skip=$(grep -cE '^ *(not )?ok [0-9]+ - .* # (SKIP|TODO)( |$)' "$tmp/node.tap")
passed=$((passed + ${n_pass:-0})); failed=$((failed + ${n_fail:-0})); skipped=$((skipped + ${n_skip:-0}))
if [ -z "${n_pass:-}" ]; then failed=$((failed + 1)); status=1; fi

echo "== node tests of the database on the second driver (@libsql/client for file: URLs, JOBAG_DB_DRIVER=client)"
# The remote driver's code path, on files: the database-focused tests again (npm run test:client-driver).
JOBAG_DB_DRIVER=client node --import tsx --test --test-concurrency=2 \
  --test-reporter=dot --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tmp/client.tap" \
  $(bash scripts/db-tests.sh) || status=1
c_pass=$(grep -E '^# pass ' "$tmp/client.tap" | awk '{print $3}')
c_fail=$(grep -E '^# fail ' "$tmp/client.tap" | awk '{print $3}')
c_skip=$(grep -cE '^ *(not )?ok [0-9]+ - .* # (SKIP|TODO)( |$)' "$tmp/client.tap")
passed=$((passed + ${c_pass:-0})); failed=$((failed + ${c_fail:-0})); skipped=$((skipped + ${c_skip:-0}))
if [ -z "${c_pass:-}" ]; then failed=$((failed + 1)); status=1; fi

if [ -d test/browser ] && [ -f web-test-runner.config.mjs ]; then
  echo "== browser tests (web-test-runner in Chromium)"
  if ! CHROME_PATH=$(bash scripts/find-chromium.sh); then
    failed=$((failed + 1)); status=1
  else
    export CHROME_PATH
    WTR_TOTALS_FILE="$tmp/wtr.json" npx wtr --config web-test-runner.config.mjs || status=1
    if [ -f "$tmp/wtr.json" ]; then
      passed=$((passed + $(node -p "require('$tmp/wtr.json').passed")))
      failed=$((failed + $(node -p "require('$tmp/wtr.json').failed")))
      skipped=$((skipped + $(node -p "require('$tmp/wtr.json').skipped ?? 0")))
    else
      failed=$((failed + 1)); status=1
    fi
  fi
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ]; then status=1; fi
exit $status
