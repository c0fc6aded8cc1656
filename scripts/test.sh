#!/usr/bin/env bash
# Every test: lint (types, code, models, forms), the jest suite, and the routine's tests again at fixed wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-packages.sh
echo "== lint"
bash scripts/lint.sh
echo "== jest"
npx jest --ci "$@"
if [ $# -eq 0 ]; then
  echo "== väggklockor"
  bash scripts/test-wall-clocks.sh
fi
