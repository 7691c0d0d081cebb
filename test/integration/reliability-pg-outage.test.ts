/**
 * Issue #7, PostgreSQL unreachable while Vault verifies the connection or issues
 * credentials (a wrong port, or the stack's PostgreSQL container paused). The error is
 * typed and names the cause; nothing is left half-created in Vault or PostgreSQL, and
 * re-running once PostgreSQL is back converges.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VaultClient, VaultHttpError, VaultTimeoutError, createCollaboratorRole, generateDbCredentials, initInstanceVault,
  isLaminVaultError,
} from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { tryLogin } from '../helpers/try-sql.js';
import { whilePaused } from '../reliability/docker.js';
import { figure, flushFigures, timed } from '../reliability/figures.js';
import { expectedState, instanceState } from '../reliability/instance-state.js';

let stack: VaultStack;
let root: VaultClient;
let inst: TestInstance;
let pgContainer: string | undefined;
beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient(stack.client());
  inst = await newInstance(stack, root);
  pgContainer = stack.containers?.postgres;
});
afterAll(async () => {
  flushFigures(import.meta.filename);
  root?.close();
  await inst?.close();
  await stack?.stop();
});

const NOTHING = { connection: false, roles: [], levels: [], policies: [], leases: {}, users: [], groups: [] };
const BUDGET_MS = 2_000;

function initInput(iid: string, admin: string, port = stack.postgres.portForVault) {
  return {
    instanceId: iid, adminAccountId: admin, dbHost: stack.postgres.hostForVault, dbPort: port, dbName: inst.database,
    vaultDbUsername: inst.ownerUser, vaultDbPassword: stack.postgres.adminPassword, sslmode: 'disable' as const,
  };
}
/** Settles Vault's side of an abandoned request, then reads the instance's whole state. */
async function settledState(iid: string) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return instanceState(root, inst.owner, iid);
}

describe('PostgreSQL unreachable while Vault verifies the connection', () => {
  it('wrong port: VaultHttpError naming the refused connection; nothing created', async () => {
    const iid = randomUUID();
    const r = await timed(() => initInstanceVault(root, initInput(iid, randomUUID(), 1)));
    expect(r.error).toBeInstanceOf(VaultHttpError);
    expect((r.error as VaultHttpError).errors.join(' ')).toMatch(/connect|refused|dial/i);
    expect(JSON.stringify(r.error)).not.toContain(stack.postgres.adminPassword);
    expect(await instanceState(root, inst.owner, iid)).toEqual(NOTHING);
    figure('init, wrong port: error, ms', { status: (r.error as VaultHttpError).status, ms: r.ms });
  });

  it('paused PostgreSQL: a typed error within the budget; nothing half-created; re-run converges', async (ctx) => {
    if (!pgContainer) return ctx.skip('the stack runs no containers (external or process stack)');
    const iid = randomUUID();
    const admin = randomUUID();
    const client = new VaultClient({ ...stack.client(), timeoutMs: BUDGET_MS, retry: { limit: 0 } });
    const r = await whilePaused(pgContainer, () => timed(() => initInstanceVault(client, initInput(iid, admin))));
    expect(isLaminVaultError(r.error)).toBe(true);
    expect(r.ms).toBeLessThan(BUDGET_MS + 500);
    const after = await settledState(iid);
    figure('init, paused PostgreSQL: error, ms, state after unpause', { error: (r.error as Error).name, ms: r.ms, after });
    expect(after).toEqual(NOTHING);
    await initInstanceVault(root, initInput(iid, admin));
    expect(await instanceState(root, inst.owner, iid)).toEqual(expectedState(iid, { [admin]: 'admin' }));
    client.close();
  });
});

describe('PostgreSQL unreachable while Vault issues credentials', () => {
  it('paused PostgreSQL: typed error within the budget, no lease and no user left; works after unpause', async (ctx) => {
    if (!pgContainer) return ctx.skip('the stack runs no containers (external or process stack)');
    const accountId = randomUUID();
    await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId, role: 'read' });
    const before = await instanceState(root, inst.owner, inst.instanceId);
    const client = new VaultClient({ ...stack.client(), timeoutMs: BUDGET_MS });
    const r = await whilePaused(pgContainer, () =>
      timed(() => generateDbCredentials(client, { instanceId: inst.instanceId, accountId })));
    expect(r.error).toBeInstanceOf(VaultTimeoutError);
    expect(r.ms).toBeLessThan(BUDGET_MS + 500);
    const after = await settledState(inst.instanceId);
    figure('creds, paused PostgreSQL: error, ms, users/leases created', {
      error: (r.error as Error).name, ms: r.ms, users: after.users.length - before.users.length, leases: after.leases,
    });
    expect(after).toEqual(before);
    const creds = await generateDbCredentials(client, { instanceId: inst.instanceId, accountId });
    expect(await tryLogin(inst.loginConfig(creds))).toBe('ok');
    client.close();
  });
});
