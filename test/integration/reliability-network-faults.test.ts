/**
 * Issue #7, faults below HTTP: connection refused, connections reset before the request
 * reaches Vault or after Vault has acted on it, and a paused Vault container. Idempotent
 * requests are retried and converge; a credentials read is never retried, so Vault never
 * creates two users for one call (users counted in pg_roles).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  VaultClient, VaultNetworkError, VaultTimeoutError, collaboratorRoleExists, connectionConfigExists, createCollaboratorRole,
  deleteCollaboratorRole, generateDbCredentials, listCollaboratorRoles,
} from '../../src/index.js';
import type { Fault } from '../helpers/fault-proxy.js';
import { dynamicRoles } from '../helpers/instance.js';
import { whilePaused } from '../reliability/docker.js';
import { BUDGET_MS, startFaultRig, type FaultRig } from '../reliability/fault-rig.js';
import { figure, flushFigures, timed } from '../reliability/figures.js';

let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig();
});
afterAll(async () => {
  flushFigures(import.meta.filename);
  await rig?.close();
});
beforeEach(() => rig.reset());

const SLACK_MS = 400;
const iid = () => rig.inst.instanceId;
const users = async () => (await dynamicRoles(rig.inst.owner, iid())).length;
const read = (client: VaultClient) => connectionConfigExists(client, { instanceId: iid() });
/** `fault` for the first request matching `match`, everything else passes. */
function once(match: (method: string, path: string) => boolean, fault: Fault): void {
  let done = false;
  rig.proxy.rule(({ method, path }) => {
    if (done || !match(method, path)) return { kind: 'pass' };
    done = true;
    return fault;
  });
}
const isPost = (method: string) => method === 'POST';
const isCreds = (_m: string, path: string) => path.includes('/creds/');

describe('connection refused', () => {
  afterAll(() => rig.proxy.accept());

  it('persisting: VaultNetworkError ECONNREFUSED after limit + 1 attempts, within the budget', async () => {
    await rig.proxy.refuse();
    const r = await timed(() => read(rig.through()));
    await rig.proxy.accept();
    expect(r.error).toBeInstanceOf(VaultNetworkError);
    expect((r.error as VaultNetworkError).cause).toEqual({ code: 'ECONNREFUSED' });
    expect((r.error as VaultNetworkError).message).toContain(` at ${rig.through().config.address})`);
    expect(rig.events.map((e) => e.errorCode)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(r.ms).toBeLessThan(BUDGET_MS + SLACK_MS);
    figure('refused: attempts, ms', { attempts: rig.events.length, ms: r.ms });
  });

  it('until Vault is back: retried, and succeeds', async () => {
    await rig.proxy.refuse();
    const client = rig.through({ debug: (e) => {
      rig.events.push(e);
      if (e.errorCode === 'ECONNREFUSED') void rig.proxy.accept();
    } });
    const r = await timed(() => read(client));
    expect(r.value).toBe(true);
    expect(rig.events.length).toBeGreaterThanOrEqual(2);
    figure('refused then back: attempts, ms', { attempts: rig.events.length, ms: r.ms });
  });
});

describe('connection reset', () => {
  it('before the request reached Vault: an idempotent write is retried and converges', async () => {
    once((m) => isPost(m), { kind: 'reset-before' });
    const accountId = randomUUID();
    const r = await timed(() => createCollaboratorRole(rig.through(), { instanceId: iid(), accountId, role: 'write' }));
    expect(r.error).toBeUndefined();
    const posts = rig.proxy.log.filter((e) => isPost(e.method));
    expect(posts[0]).toMatchObject({ fault: 'reset-before' });
    expect(posts[0]?.upstreamStatus).toBeUndefined();
    expect(posts[1]).toMatchObject({ path: posts[0]?.path, fault: 'pass' });
    expect(await collaboratorRoleExists(rig.root, { instanceId: iid(), accountId })).toBe(true);
  });

  it('after Vault acted on a write: retried (the write is idempotent), converges to the same state', async () => {
    once((m) => isPost(m), { kind: 'reset-after' });
    const accountId = randomUUID();
    const r = await timed(() => createCollaboratorRole(rig.through(), { instanceId: iid(), accountId, role: 'admin' }));
    expect(r.error).toBeUndefined();
    const posts = rig.proxy.log.filter((e) => isPost(e.method));
    expect(posts[0]).toMatchObject({ fault: 'reset-after', upstreamStatus: 204 });
    const roles = await listCollaboratorRoles(rig.root, { instanceId: iid() }, { withLevels: true });
    expect(roles.filter((x) => x.accountId === accountId)).toEqual([expect.objectContaining({ level: 'admin' })]);
  });

  it('before a credentials read reached Vault: not retried, no user', async () => {
    const before = await users();
    once(isCreds, { kind: 'reset-before' });
    const r = await timed(() => generateDbCredentials(rig.through(), { instanceId: iid(), accountId: rig.inst.adminAccountId }));
    expect(r.error).toBeInstanceOf(VaultNetworkError);
    expect(rig.proxy.log.filter((e) => isCreds(e.method, e.path))).toHaveLength(1);
    expect(await users()).toBe(before);
  });

  it('after Vault issued credentials: not retried, exactly one user, removed by deleting the collaborator', async () => {
    const accountId = randomUUID();
    await createCollaboratorRole(rig.root, { instanceId: iid(), accountId, role: 'read' });
    const before = await users();
    once(isCreds, { kind: 'reset-after' });
    const r = await timed(() => generateDbCredentials(rig.through(), { instanceId: iid(), accountId }));
    expect(r.error).toBeInstanceOf(VaultNetworkError);
    expect(rig.proxy.log.filter((e) => isCreds(e.method, e.path))).toEqual([expect.objectContaining({ upstreamStatus: 200 })]);
    expect(await users()).toBe(before + 1);
    await deleteCollaboratorRole(rig.root, { instanceId: iid(), accountId });
    expect(await users()).toBe(before);
  });
});

describe('paused Vault container (docker pause)', () => {
  it('times out at the budget; the same client works again after unpause', async (ctx) => {
    const container = rig.stack.containers?.vault;
    if (!container) return ctx.skip('the stack runs no containers (external or process stack)');
    const client = new VaultClient({ ...rig.stack.client(), timeoutMs: BUDGET_MS, retry: { limit: 2, baseDelayMs: 50 } });
    const before = await users();
    const paused = await whilePaused(container, async () => ({
      read: await timed(() => read(client)),
      creds: await timed(() => generateDbCredentials(client, { instanceId: iid(), accountId: rig.inst.adminAccountId })),
    }));
    expect(paused.read.error).toBeInstanceOf(VaultTimeoutError);
    expect(paused.creds.error).toBeInstanceOf(VaultTimeoutError);
    for (const r of [paused.read, paused.creds]) expect(r.ms).toBeLessThan(BUDGET_MS + SLACK_MS);
    expect(await read(client)).toBe(true);
    // Vault may still act on the abandoned credentials read after unpause: at most one user, never two.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await users();
    expect(after - before).toBeLessThanOrEqual(1);
    figure('paused Vault: read ms, creds ms, users created by the abandoned creds read', {
      read: paused.read.ms, creds: paused.creds.ms, users: after - before,
    });
    client.close();
  });
});
