#!/usr/bin/env bash
# Type check, code lint, and model checks (bpmnlint, forms, FEEL). Fails on any warning.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "-- tsc"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p runtime/web/static/tsconfig.json   # browser code of the local web (DOM lib)
echo "-- eslint"
npx eslint --max-warnings 0 .
if [ -f scripts/lint-models.ts ]; then
  echo "-- models"
  npx tsx scripts/lint-models.ts
fi
