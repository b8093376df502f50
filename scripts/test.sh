#!/usr/bin/env bash
# The README's test command: installs what the project needs, then runs every check and test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run verify
npx vitest run "$@"
