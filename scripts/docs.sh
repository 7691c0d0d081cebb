#!/usr/bin/env bash
# API reference: TypeDoc HTML for `lamin-vault` and `lamin-vault/testing` into docs/api/
# (git-ignored; open docs/api/index.html). Usage: bash scripts/docs.sh  (or npm run docs)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf docs/api
npx --no-install typedoc --options typedoc.json "$@"
echo "docs: $(find docs/api -name '*.html' | wc -l) pages in docs/api/ (open docs/api/index.html)"
