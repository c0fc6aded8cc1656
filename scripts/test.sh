#!/usr/bin/env bash
# Every test: lint (types, code, models, forms) and the jest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
echo "== lint"
bash scripts/lint.sh
echo "== jest"
npx jest --ci "$@"
