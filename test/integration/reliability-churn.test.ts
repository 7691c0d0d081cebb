/**
 * Issue #7, churn: 500 credential issue/revoke cycles over the three levels, where admins
 * create tables as they go. Afterwards no dynamic PostgreSQL user is left, table ACLs have
 * not grown (C02), and the client's memory is flat. Short-TTL credentials expire on their
 * own and their users disappear within seconds.
 */
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  VaultClient, createCollaboratorRole, generateDbCredentials, revokeLease, type Level,
} from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { dynamicRoles, newInstance, type TestInstance } from '../helpers/instance.js';
import { figure, flushFigures, timed } from '../reliability/figures.js';
import { pool } from '../reliability/pool.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

let stack: VaultStack;
let root: VaultClient;
let inst: TestInstance;
beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient(stack.client());
  inst = await newInstance(stack, root);
});
afterAll(async () => {
  flushFigures(import.meta.filename);
  root?.close();
  await inst?.close();
  await stack?.stop();
});

const CYCLES = 500;
const LEVELS: Level[] = ['read', 'write', 'admin'];
const MiB = 1024 * 1024;

/** ACL entries per table of the public schema. */
async function aclLengths(): Promise<Record<string, number>> {
  const { rows } = await inst.owner.query<{ relname: string; n: number }>(
    `SELECT c.relname, coalesce(array_length(c.relacl, 1), 0) AS n FROM pg_class c
     JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.relname, r.n]));
}

function memory(): { heapMiB: number; rssMiB: number } {
  gc();
  const m = process.memoryUsage();
  return { heapMiB: +(m.heapUsed / MiB).toFixed(1), rssMiB: +(m.rss / MiB).toFixed(1) };
}

it(`${CYCLES} issue/revoke cycles (admins create tables): no user left, ACLs flat, memory flat`, async () => {
  const iid = inst.instanceId;
  const accounts = { read: randomUUID(), write: randomUUID(), admin: inst.adminAccountId };
  await createCollaboratorRole(root, { instanceId: iid, accountId: accounts.read, role: 'read' });
  await createCollaboratorRole(root, { instanceId: iid, accountId: accounts.write, role: 'write' });
  const aclBefore = await aclLengths();
  const samples: { cycle: number; heapMiB: number; rssMiB: number }[] = [];
  let tables = 0;

  const cycle = async (i: number) => {
    const level = LEVELS[i % 3] as Level;
    const creds = await generateDbCredentials(root, { instanceId: iid, accountId: accounts[level] });
    if (level === 'admin' && i % 30 === 2) {
      const session = await inst.connectAs(creds);
      await session.query(`CREATE TABLE churn_${i} (id serial PRIMARY KEY, x int); INSERT INTO churn_${i} (x) VALUES (${i})`);
      await session.end();
      tables++;
    }
    await revokeLease(root, creds.leaseId);
    if ((i + 1) % 100 === 0) samples.push({ cycle: i + 1, ...memory() });
  };
  const start = memory();
  const run = await timed(() => pool(Array.from({ length: CYCLES }, (_, i) => i), 4, (i) => cycle(i)));
  expect(run.error).toBeUndefined();

  expect(await dynamicRoles(inst.owner, iid)).toEqual([]);
  const aclAfter = await aclLengths();
  const churnAcls = Object.entries(aclAfter).filter(([t]) => t.startsWith('churn_')).map(([, n]) => n);
  for (const [table, n] of Object.entries(aclBefore)) expect(aclAfter[table], table).toBe(n);
  expect(churnAcls).toHaveLength(tables);
  expect(new Set(churnAcls).size).toBe(1);
  // The client keeps nothing per credential: after warm-up, heap does not grow with cycles.
  const heapGrowth = (samples.at(-1)?.heapMiB ?? 0) - (samples[0]?.heapMiB ?? 0);
  expect(heapGrowth).toBeLessThan(8);

  figure('churn: cycles, ms, cycles/s', { cycles: CYCLES, ms: run.ms, perSecond: Math.round((CYCLES / run.ms) * 1000) });
  figure('churn: tables created by admins, ACL length of each', { tables, acl: churnAcls[0] });
  figure('churn: ACL length of the LaminDB tables before = after', aclBefore);
  figure('churn: memory (after gc) at start and every 100 cycles', [{ cycle: 0, ...start }, ...samples]);
  const rssEnd = samples.at(-1)?.rssMiB ?? 0;
  figure('churn: growth MiB (RSS from start, RSS and heap from cycle 100 to 500)', {
    rssFromStart: +(rssEnd - start.rssMiB).toFixed(1), rssAfterWarmup: +(rssEnd - (samples[0]?.rssMiB ?? 0)).toFixed(1),
    heapAfterWarmup: +heapGrowth.toFixed(1),
  });
});

it('short-TTL credentials expire on their own and their users disappear within seconds', async () => {
  const accountId = randomUUID();
  await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId, role: 'write', ttl: '2s', maxTtl: '2s' });
  const issued = await Promise.all(Array.from({ length: 5 }, () => generateDbCredentials(root, { instanceId: inst.instanceId, accountId })));
  const names = issued.map((c) => c.username);
  const expiresAt = Math.max(...issued.map((c) => c.expiresAt.getTime()));
  expect(issued.every((c) => c.leaseDuration === 2)).toBe(true);
  const alive = async () => (await dynamicRoles(inst.owner, inst.instanceId)).filter((n) => names.includes(n));
  expect(await alive()).toHaveLength(5);
  let left = names;
  while (left.length > 0 && Date.now() < expiresAt + 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await alive();
  }
  expect(left).toEqual([]);
  figure('short TTL (2 s): users gone this long after expiry (ms)', Date.now() - expiresAt);
});
