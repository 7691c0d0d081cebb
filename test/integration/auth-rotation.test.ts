import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient, createCollaboratorRole, type DbCredentials } from '../../src/index.js';
import { createCredentialsProvider } from '../../src/auth/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { createRotatingPool } from '../../examples/service-with-renewal.js';
import { dynamicRoles, newInstance, type TestInstance } from '../helpers/instance.js';
import { sleep } from './auth-helpers.js';

let stack: VaultStack;
let root: VaultClient;
let inst: TestInstance;
const accountId = randomUUID();

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  inst = await newInstance(stack, root);
  // Leases of 3 s that can be renewed up to 5 s: one renewal, then a replacement.
  await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId, role: 'read', ttl: '3s', maxTtl: '5s' });
});
afterAll(async () => { await inst?.close(); await stack?.stop(); });

describe('createCredentialsProvider on a real server', () => {
  it('renews, then replaces before the max TTL, revokes the old lease after the grace period, and a pg pool follows', async () => {
    const errors: unknown[] = [];
    const provider = createCredentialsProvider(root, { instanceId: inst.instanceId, accountId }, { graceMs: 500, onError: (e) => errors.push(e) });
    const rotated = new Promise<[DbCredentials, DbCredentials]>((resolve) => provider.onRotate((next, prev) => resolve([next, prev])));
    const db = createRotatingPool(provider, inst.loginConfig({ username: '', password: '' }));
    const first = await provider.current();
    expect((await db.query('SELECT current_user AS u')).rows[0]?.u).toBe(first.username);

    await sleep(2_600); // renewed at 2 s (3 s × 2/3): same user, later expiry
    const renewed = await provider.current();
    expect(renewed.username).toBe(first.username);
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());

    const [next, previous] = await rotated; // at ~4 s the renewal is capped by max TTL 5 s
    expect(previous.username).toBe(first.username);
    expect(next.username).not.toBe(first.username);
    expect((await db.query('SELECT current_user AS u')).rows[0]?.u).toBe(next.username);

    await sleep(1_500); // grace 500 ms, then revoked: the old Postgres user is gone
    const live = await dynamicRoles(inst.owner, inst.instanceId);
    expect(live).not.toContain(first.username);
    expect(live).toContain(next.username);

    await db.close();
    await provider.stop();
    expect(await dynamicRoles(inst.owner, inst.instanceId)).not.toContain(next.username);
    await expect(provider.current()).rejects.toMatchObject({ code: 'ABORTED' });
    expect(errors).toEqual([]);
  });
});
