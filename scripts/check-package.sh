#!/usr/bin/env bash
# Checks the package as users get it: build, pack, then publint, arethetypeswrong,
# the tarball's file list, the bin, and the public declaration files (scripts/check-dts.mjs).
# Usage: bash scripts/check-package.sh [--smoke]   (SKIP_BUILD=1 reuses an existing dist/)
#   --smoke  then runs scripts/smoke-pack.sh on the same tarball (left in .tmp/pack/).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then npm run --silent build >/dev/null; fi

echo '== bin'
bin=dist/cli/main.js
[[ -x "$bin" ]] || { echo "$bin is not executable" >&2; exit 1; }
[[ "$(head -c 2 "$bin")" == '#!' ]] || { echo "$bin has no shebang" >&2; exit 1; }
echo "$bin: executable, shebang ok"

echo '== pack'
rm -rf .tmp/pack && mkdir -p .tmp/pack
npm pack --silent --pack-destination .tmp/pack >/dev/null
tgz="$(ls .tmp/pack/lamin-vault-*.tgz)"
echo "$tgz ($(du -k "$tgz" | cut -f1) KiB)"

echo '== tarball contents'
# Only dist, package.json and the docs; no sources, tests, templates or maps of them.
unexpected="$(tar -tzf "$tgz" | sed 's|^package/||' \
  | grep -Ev '^(dist/.+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$' || true)"
if [[ -n "$unexpected" ]]; then echo "unexpected files in tarball:" >&2; echo "$unexpected" >&2; exit 1; fi
for f in dist/index.js dist/index.cjs dist/index.d.ts dist/index.d.cts \
         dist/testing/index.js dist/testing/index.cjs dist/testing/index.d.ts dist/testing/index.d.cts \
         dist/cli/main.js README.md LICENSE CHANGELOG.md; do
  tar -tzf "$tgz" "package/$f" >/dev/null 2>&1 || { echo "missing from tarball: $f" >&2; exit 1; }
done
echo "$(tar -tzf "$tgz" | wc -l) files, all expected"
# The bundles must not read package files at run time (SQL templates are embedded).
if grep -l 'sql-templates' dist/*.js dist/*.cjs dist/*/*.js dist/*/*.cjs 2>/dev/null; then
  echo 'dist refers to sql-templates/, which is not shipped' >&2; exit 1
fi

echo '== publint'
npx --no-install publint run "$tgz" --strict

echo '== arethetypeswrong'
npx --no-install attw "$tgz" --format table-flipped --no-emoji --no-color

echo '== exported names'
# The build does not use esbuild's keepNames (it wraps every closure in a naming call, ~15 µs
# a request once axios and zod are bundled): instead every exported class and function must
# still carry its own name (the bundler renames clashing or self-referencing ones).
for entry in dist/index.js dist/index.cjs dist/testing/index.js dist/testing/index.cjs; do
  node -e '
    const load = process.argv[1].endsWith(".cjs") ? async (p) => require(p) : (p) => import(p);
    load(require("node:path").resolve(process.argv[1])).then((m) => {
      const bad = Object.entries(m).filter(([k, v]) => typeof v === "function" && v.name !== k);
      if (bad.length) { console.error(process.argv[1] + ": renamed exports: " + bad.map(([k, v]) => k + " is " + v.name).join(", ")); process.exit(1); }
      console.log(process.argv[1] + ": " + Object.keys(m).length + " exports keep their names");
    });' "$entry"
done

echo '== declaration files'
node scripts/check-dts.mjs "--examples=${TSDOC_EXAMPLES:-error}"

echo 'check-package: ok'

if [[ "${1:-}" == --smoke ]]; then bash scripts/smoke-pack.sh "$tgz"; fi
