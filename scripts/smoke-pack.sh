#!/usr/bin/env bash
# Installs the packed tarball into a throw-away project (from the local npm cache
# where possible) and uses it as a user would: ESM import, CommonJS require,
# `lamin-vault/testing` (import only, no containers), type-checking both module
# kinds, and the `lamin-vault --help` bin.
# Usage: bash scripts/smoke-pack.sh [path/to/lamin-vault-x.y.z.tgz]
#        (without an argument: build and pack first)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

if [[ $# -ge 1 ]]; then
  tgz="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
else
  npm run --silent build >/dev/null
  rm -rf .tmp/pack && mkdir -p .tmp/pack
  npm pack --silent --pack-destination .tmp/pack >/dev/null
  tgz="$repo/$(ls .tmp/pack/lamin-vault-*.tgz)"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# Same versions of the optional peers as the repo uses, so the cache has them.
peer() { node -p "require('$repo/node_modules/$1/package.json').version"; }
cat > package.json <<'JSON'
{ "name": "lamin-vault-smoke", "private": true, "version": "0.0.0" }
JSON
echo "== install $(basename "$tgz") into $work"
npm install --prefer-offline --no-audit --no-fund --loglevel=error \
  "$tgz" "testcontainers@$(peer testcontainers)" "pg@$(peer pg)" >/dev/null

cat > esm.mjs <<'JS'
import * as lv from 'lamin-vault';
import { startVaultStack } from 'lamin-vault/testing';
const fns = ['initInstanceVault', 'createCollaboratorRole', 'updateCollaboratorRole', 'deleteCollaboratorRole',
  'generateDbCredentials', 'buildConnectionString', 'configFromEnv', 'isLaminVaultError'];
for (const f of fns) if (typeof lv[f] !== 'function') throw new Error(`ESM: ${f} missing`);
if (typeof lv.VaultClient !== 'function' || typeof lv.LaminVaultError !== 'function') throw new Error('ESM: classes missing');
if (typeof startVaultStack !== 'function') throw new Error('ESM: startVaultStack missing');
console.log(`esm ok (${Object.keys(lv).length} exports)`);
JS
cat > cjs.cjs <<'JS'
const lv = require('lamin-vault');
for (const f of ['initInstanceVault', 'generateDbCredentials', 'buildConnectionString']) {
  if (typeof lv[f] !== 'function') throw new Error(`CJS: ${f} missing`);
}
// The main entry must not drag in the test stack's dependencies.
const heavy = Object.keys(require.cache).filter((p) => /node_modules[\\/](testcontainers|pg)[\\/]/.test(p));
if (heavy.length > 0) throw new Error(`CJS: lamin-vault loaded ${heavy[0]}`);
const { startVaultStack } = require('lamin-vault/testing');
if (typeof startVaultStack !== 'function') throw new Error('CJS: startVaultStack missing');
console.log(`cjs ok (${Object.keys(lv).length} exports)`);
JS
cat > roundtrip.mjs <<'JS'
// The bundled dist against a local HTTP server (no Vault here: this checks the build, the
// integration suite checks behaviour): answers, typed errors, no request for bad input, and
// the user's own axios 'http' adapter through `config.adapter`.
import http from 'node:http';
import axios from 'axios';
import { VaultClient, VaultNotFoundError, VaultPermissionDeniedError, LaminVaultValidationError, createCollaboratorRole } from 'lamin-vault';
const seen = [];
const server = http.createServer((req, res) => {
  seen.push(`${req.method} ${req.url}`);
  const reply = (status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (req.url === '/v1/sys/policies/acl/p') return reply(200, { data: { name: 'p', policy: 'path "x" {}' } });
  if (req.url === '/v1/denied') return reply(403, { errors: ['permission denied'] });
  reply(404, { errors: [] });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const address = `http://127.0.0.1:${server.address().port}`;
const expectError = async (p, cls) => {
  try { await p; } catch (err) { if (err instanceof cls) return; throw err; }
  throw new Error(`expected ${cls.name}`);
};
for (const adapter of [undefined, axios.getAdapter('http')]) {
  const client = new VaultClient({ address, token: 'smoke-token', ...(adapter ? { adapter } : {}) });
  const { data } = await client.read(['sys', 'policies', 'acl', 'p']);
  if (data.policy !== 'path "x" {}') throw new Error(`read returned ${JSON.stringify(data)}`);
  await expectError(client.read(['secret', 'missing']), VaultNotFoundError);
  await expectError(client.read(['denied']), VaultPermissionDeniedError);
  const before = seen.length;
  await expectError(createCollaboratorRole(client, { instanceId: 'not-a-uuid', accountId: 'a', role: 'read' }), LaminVaultValidationError);
  if (seen.length !== before) throw new Error('bad input reached the server');
  client.close();
}
server.close();
console.log(`roundtrip ok (${seen.length} requests, own adapter and axios's http adapter)`);
JS
echo '== run'
node esm.mjs
node cjs.cjs
node roundtrip.mjs

echo '== types (module nodenext, .mts and .cts, and the README quickstart)'
# The README's Quickstart code block, as shipped, must type-check against the package.
awk '/^## Quickstart/{q=1} q&&/^```ts/{c=1;next} c&&/^```/{exit} c{print}' \
  node_modules/lamin-vault/README.md > quickstart.mts
[[ -s quickstart.mts ]] || { echo 'README has no ```ts block under ## Quickstart' >&2; exit 1; }
cat > types.mts <<'TS'
import { VaultClient, buildConnectionString, type LaminVaultError } from 'lamin-vault';
import type { VaultStack } from 'lamin-vault/testing';
export const client: VaultClient = new VaultClient({ address: 'http://127.0.0.1:8200', token: 't' });
export type E = LaminVaultError;
export type S = VaultStack;
export const f: typeof buildConnectionString = buildConnectionString;
TS
cat > types.cts <<'TS'
import lv = require('lamin-vault');
export const f: typeof lv.generateDbCredentials = lv.generateDbCredentials;
TS
cat > tsconfig.json <<JSON
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
  "strict": true, "noEmit": true, "skipLibCheck": true,
  "typeRoots": ["$repo/node_modules/@types"], "types": ["node"] },
  "files": ["types.mts", "types.cts", "quickstart.mts"] }
JSON
"$repo/node_modules/.bin/tsc" -p tsconfig.json
echo 'types ok'

echo '== bin'
out="$(./node_modules/.bin/lamin-vault --help)"
grep -qi 'usage' <<<"$out" || { echo "lamin-vault --help printed no usage:" >&2; echo "$out" >&2; exit 1; }
echo "lamin-vault --help ok ($(wc -l <<<"$out") lines)"

echo 'smoke-pack: ok'
