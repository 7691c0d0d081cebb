import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VaultClient, type DbCredentials } from '../../../src/index.js';
import { createCredentialsProvider, type CredentialsProviderOptions } from '../../../src/auth/index.js';
import { startTestServer, vaultError, type Reply, type TestServer } from '../../helpers/http-server.js';

// Fake clock for the provider's timers; a real loopback server for its requests.
const IID = '11111111-2222-4333-8444-555555555555';
const AID = '66666666-7777-4888-8999-000000000000';
const ROLE = `${IID}-${AID}-db`;

let server: TestServer;
let issued = 0;
let renewReply: (body: { lease_id: string; increment: number }) => Reply;
let credsReply: () => Reply;

const credsBody = (renewable = true): Reply => {
  issued++;
  return { body: { lease_id: `database/creds/${ROLE}/lease${issued}`, lease_duration: 60, renewable, data: { username: `user${issued}`, password: 'pw' } } };
};
// Lease calls carry the lease id in the path (`sys/leases/renew/<lease id>`), so a
// policy can scope them to one role; `bodies` puts it back as `lease_id` for the checks.
const leaseIdIn = (url: string, path: string) => decodeURIComponent(url.slice(path.length + 1));
const requests = (path: string) => server.requests.filter((r) => r.url === path || r.url.startsWith(`${path}/`));
const bodies = (path: string) =>
  requests(path).map((r) => ({ ...(JSON.parse(r.body || '{}') as Record<string, unknown>), lease_id: leaseIdIn(r.url, path) }));

/** Lets real I/O progress (setImmediate is not faked) until `done()` holds. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 5_000 && !(await done()); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(await done()).toBe(true);
}

function provider(options: CredentialsProviderOptions = {}) {
  const client = new VaultClient({ address: server.url, token: 'service-token', retry: { limit: 0 } });
  return createCredentialsProvider(client, { instanceId: IID, accountId: AID }, { graceMs: 5_000, ...options });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  issued = 0;
  credsReply = () => credsBody();
  renewReply = (b) => ({ body: { lease_id: b.lease_id, lease_duration: b.increment, renewable: true } });
  server = await startTestServer({
    handler: (req) => {
      if (req.url === `/v1/database/creds/${ROLE}`) return credsReply();
      const renew = '/v1/sys/leases/renew';
      if (req.url.startsWith(`${renew}/`)) return renewReply({ ...JSON.parse(req.body || '{}'), lease_id: leaseIdIn(req.url, renew) });
      if (req.url.startsWith('/v1/sys/leases/revoke/')) return { status: 204 };
      return vaultError(404);
    },
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

describe('createCredentialsProvider', () => {
  it('issues once for concurrent first calls', async () => {
    const p = provider();
    const all = await Promise.all([p.current(), p.current(), p.current()]);
    expect(new Set(all.map((c) => c.username))).toEqual(new Set(['user1']));
    expect(requests(`/v1/database/creds/${ROLE}`)).toHaveLength(1);
    await p.stop();
  });

  it('renews at 2/3 of the lease with the original duration as increment', async () => {
    const p = provider();
    const first = await p.current();
    await vi.advanceTimersByTimeAsync(39_000);
    expect(requests('/v1/sys/leases/renew')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => requests('/v1/sys/leases/renew').length === 1);
    expect(bodies('/v1/sys/leases/renew')[0]).toEqual({ lease_id: first.leaseId, increment: 60 });
    await until(async () => (await p.current()).expiresAt.getTime() > first.expiresAt.getTime());
    expect((await p.current()).username).toBe('user1');
    await p.stop();
  });

  it('replaces credentials when renewal is capped by the max TTL, and revokes the old lease after the grace period', async () => {
    renewReply = (b) => ({ body: { lease_id: b.lease_id, lease_duration: 10, renewable: true } });
    const p = provider();
    const rotations: Array<[DbCredentials, DbCredentials]> = [];
    p.onRotate((next, prev) => rotations.push([next, prev]));
    await p.current();
    await vi.advanceTimersByTimeAsync(40_000);
    await until(() => rotations.length === 1);
    expect(rotations[0]?.map((c) => c.username)).toEqual(['user2', 'user1']);
    expect((await p.current()).username).toBe('user2');
    expect(requests('/v1/sys/leases/revoke')).toHaveLength(0); // still in its grace period
    await vi.advanceTimersByTimeAsync(5_000);
    await until(() => requests('/v1/sys/leases/revoke').length === 1);
    expect(bodies('/v1/sys/leases/revoke')[0]).toMatchObject({ lease_id: `database/creds/${ROLE}/lease1` });
    await p.stop();
  });

  it('replaces credentials when renewal is refused, and reports the refusal', async () => {
    renewReply = () => vaultError(403, 'permission denied');
    const errors: unknown[] = [];
    const p = provider({ onError: (e) => errors.push(e) });
    await p.current();
    await vi.advanceTimersByTimeAsync(40_000);
    await until(() => issued === 2);
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ name: 'VaultPermissionDeniedError' });
    await p.stop();
  });

  it('does not renew a non-renewable lease: it is replaced at 2/3 of its duration', async () => {
    credsReply = () => credsBody(false);
    const p = provider();
    await p.current();
    await vi.advanceTimersByTimeAsync(40_000);
    await until(() => issued === 2);
    expect(requests('/v1/sys/leases/renew')).toHaveLength(0);
    await p.stop();
  });

  it('retries a failed replacement after retryDelayMs and reports the failure', async () => {
    credsReply = () => credsBody(false);
    const p = provider({ retryDelayMs: 1_000, onError: () => {} });
    await p.current();
    credsReply = () => vaultError(500, 'boom');
    await vi.advanceTimersByTimeAsync(40_000);
    await until(() => requests(`/v1/database/creds/${ROLE}`).length === 2);
    credsReply = () => credsBody(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await until(async () => (await p.current()).username === 'user2');
    await p.stop();
  });

  it('stop() revokes its leases and leaves no timer; current() then refuses', async () => {
    renewReply = (b) => ({ body: { lease_id: b.lease_id, lease_duration: 10, renewable: true } });
    const p = provider();
    await p.current();
    await vi.advanceTimersByTimeAsync(40_000);
    await until(() => issued === 2); // one lease current, one in its grace period
    await p.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(bodies('/v1/sys/leases/revoke').map((b) => b.lease_id).sort()).toEqual([
      `database/creds/${ROLE}/lease1`, `database/creds/${ROLE}/lease2`,
    ]);
    await expect(p.current()).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('stop() with revokeOnStop: false revokes nothing and leaves no timer', async () => {
    const p = provider({ revokeOnStop: false });
    await p.current();
    await p.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(requests('/v1/sys/leases/revoke')).toHaveLength(0);
  });

  it('refuses bad options before any request', async () => {
    expect(() => provider({ renewAfter: 1.5 })).toThrow(/renewAfter/);
    expect(server.requests).toHaveLength(0);
  });
});
