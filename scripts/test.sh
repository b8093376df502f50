#!/usr/bin/env bash
# The README's test command: installs what the project needs, then runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run verify

# The end-to-end project needs Debian's Chromium and the built console.
bash scripts/ensure-chromium.sh
web_sources=(apps/web/src apps/web/index.html apps/web/vite.config.ts apps/web/package.json packages/contracts/src packages/client/src package-lock.json)
if [ ! -f apps/web/dist/index.html ] ||
  [ -n "$(find "${web_sources[@]}" -newer apps/web/dist/index.html -print -quit 2>/dev/null)" ]; then
  npm run build:web
fi

if [ $# -gt 0 ]; then
  npx vitest run "$@"
else
  # The browser tests run on their own after the rest, so the other suites' load does not slow them.
  npx vitest run --project '!e2e'
  npx vitest run --project e2e
fi
