/**
 * Leak guard, worker side (a vitest setup file). Learns every token and password the test
 * file creates or uses (Vault responses and request bodies, client tokens, pg logins),
 * records everything it prints, and after the file checks that no secret appears in
 * that output. With the reporter active it also hands both to the reporter, which adds
 * what only the main process sees (console logs, serialised test errors).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import pg from 'pg';
import { afterAll } from 'vitest';
import { VaultClient } from '../../../src/index.js';
import { recordOutput, registerSecret, scan, store } from './store.js';

const MARK = Symbol.for('lamin-vault.leak-guard.wrapped');
const SECRET_KEY = /^(password|token|client_token|clientToken|secret|secret_id|root_token)$|password$/i;

/** Registers string values under secret-looking keys, a few levels deep. */
function harvest(kind: string, value: unknown, depth = 0): void {
  if (depth > 5 || typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && SECRET_KEY.test(key)) registerSecret(`${kind} ${key}`, v);
    else harvest(kind, v, depth + 1);
  }
}

type Fn = ((...args: unknown[]) => unknown) & { [MARK]?: true };

function wrap(target: object, name: string, make: (original: Fn) => Fn): void {
  const original = (target as Record<string, Fn>)[name];
  if (typeof original !== 'function' || original[MARK]) return;
  const wrapped = make(original);
  wrapped[MARK] = true;
  (target as Record<string, Fn>)[name] = wrapped;
}

for (const method of ['read', 'write', 'patch', 'list', 'delete', 'health']) {
  wrap(VaultClient.prototype, method, (original) => async function (this: VaultClient, ...args: unknown[]) {
    registerSecret('vault token', this.config.token);
    harvest('vault request', args[1]);
    const response = await original.apply(this, args);
    harvest('vault response', response);
    return response;
  } as Fn);
}
wrap(pg.Client.prototype, 'connect', (original) => function (this: pg.Client & { password?: unknown }, ...args: unknown[]) {
  registerSecret('postgres password', this.password);
  return original.apply(this, args);
} as Fn);

for (const name of ['stdout', 'stderr'] as const) {
  wrap(process[name], 'write', (original) => function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    recordOutput(name, typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return original.call(process[name], chunk, ...rest);
  } as Fn);
}
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  wrap(console, method, (original) => function (...args: unknown[]) {
    recordOutput(`console.${method}`, format(...args));
    return original.apply(console, args);
  } as Fn);
}

afterAll(() => {
  const { secrets, outputs } = store();
  const list = [...secrets].map(([value, kind]) => ({ kind, value }));
  const dir = process.env['LAMIN_VAULT_LEAK_DIR'];
  if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify({ secrets: list, outputs }), { mode: 0o600 });
  }
  const hits = scan(list, outputs);
  store().secrets.clear();
  store().outputs.splice(0);
  if (hits.length > 0) {
    throw new Error(`leak guard: ${hits.length} secret(s) in this file's output: ${hits.map((h) => `${h.kind} (${h.length} chars) in ${h.source}`).join('; ')}`);
  }
});
