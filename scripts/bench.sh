#!/usr/bin/env bash
# Runs every benchmark in bench/ (each *.ts at its top level that is not a test; helpers live in
# bench/lib/). Each prints its figures and writes its own section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for f in bench/*.ts; do
  case "$f" in *.test.ts) continue ;; esac
  echo "== $f"
  npx tsx "$f" || { echo "!! $f failed" >&2; status=1; }
done
exit "$status"
