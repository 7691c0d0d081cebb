import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VaultNetworkError, VaultRateLimitedError, VaultUnavailableError } from '../../../src/errors.js';
import { VaultClient, type VaultPath } from '../../../src/http/index.js';
import { startTestServer, vaultError, type TestServer } from '../../helpers/http-server.js';

let server: TestServer;
let client: VaultClient;

beforeAll(async () => {
  server = await startTestServer();
  client = new VaultClient({ address: server.url, token: 't', retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 20 } });
});
afterAll(async () => {
  client.close();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

/** Fails `failures` times with `status`, then answers 200. */
const flaky = (failures: number, status = 503, headers?: Record<string, string>) =>
  server.handle((_r, i) => (i < failures ? { ...vaultError(status, 'try again'), ...(headers ? { headers } : {}) } : { body: { data: { ok: true } } }));

describe('retries (counted on the server)', () => {
  it.each([412, 429, 500, 502, 503, 504])('GET retries %d and succeeds', async (status) => {
    flaky(2, status);
    await expect(client.read(['kv', 'x'])).resolves.toMatchObject({ data: { ok: true } });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after limit + 1 attempts with the last error', async () => {
    flaky(10, 503);
    await expect(client.read(['kv', 'x'])).rejects.toBeInstanceOf(VaultUnavailableError);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry 501 or 4xx other than 412/429', async () => {
    for (const status of [501, 400, 403, 404]) {
      server.requests.length = 0;
      flaky(1, status);
      await expect(client.read(['kv', 'x'])).rejects.toMatchObject({ status });
      expect(server.requests).toHaveLength(1);
    }
  });

  it('a storage conflict ("transaction commit failed", even as a 400) is retried for idempotent requests only', async () => {
    const conflict = 'failed to revoke "database/creds/r/1" (1 / 1): failed to revoke entry: transaction commit failed';
    server.handle((_r, i) => (i < 1 ? vaultError(400, conflict) : { status: 204 }));
    await client.write(['sys', 'leases', 'revoke-prefix', 'database', 'creds', 'r'], { sync: true }, { idempotent: true });
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.handle(() => vaultError(400, conflict));
    await expect(client.write(['kv', 'x'], { a: 1 })).rejects.toMatchObject({ status: 400 });
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    server.handle(() => vaultError(500, 'transaction commit failed'));
    await expect(client.read(['database', 'creds', 'r'])).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(1); // credentials are never retried
  });

  it('LIST and DELETE are retried; POST and PATCH only when marked idempotent', async () => {
    flaky(1);
    await client.delete(['kv', 'x']);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.handle((_r, i) => (i < 1 ? vaultError(503) : { body: { data: { keys: [] } } }));
    await client.list(['kv']);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    flaky(2);
    await expect(client.write(['kv', 'x'], { a: 1 })).rejects.toBeInstanceOf(VaultUnavailableError);
    await expect(client.patch(['kv', 'x'], { a: 1 })).rejects.toBeInstanceOf(VaultUnavailableError);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    flaky(1);
    await client.write(['sys', 'policies', 'acl', 'p'], { policy: 'x' }, { idempotent: true });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe('{"policy":"x"}');
  });

  it('idempotent: false turns retries off for a read', async () => {
    flaky(1);
    await expect(client.read(['kv', 'x'], { idempotent: false })).rejects.toBeInstanceOf(VaultUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  const never: [string, VaultPath, 'read' | 'write'][] = [
    ['database creds', ['database', 'creds', 'r'], 'read'],
    ['nested mount creds', ['team', 'db', 'creds', 'r'], 'read'],
    ['token create', ['auth', 'token', 'create'], 'write'],
    ['token create-orphan', ['auth', 'token', 'create-orphan'], 'write'],
    ['token create with role', ['auth', 'token', 'create', 'role'], 'write'],
    ['unwrap', ['sys', 'wrapping', 'unwrap'], 'write'],
  ];
  it.each(never)('never retries %s, even with idempotent: true', async (_n, path, kind) => {
    flaky(1, 503);
    const call = kind === 'read' ? client.read(path, { idempotent: true }) : client.write(path, {}, { idempotent: true });
    await expect(call).rejects.toBeInstanceOf(VaultUnavailableError);
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After (capped by maxDelayMs)', async () => {
    const slow = new VaultClient({ address: server.url, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 400 } });
    flaky(1, 429, { 'Retry-After': '5' }); // 5 s, capped at 400 ms
    let started = Date.now();
    await slow.read(['x']);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(380);
    expect(waited).toBeLessThan(3_000); // far below the uncapped 5 s; loose for a busy CI machine
    server.requests.length = 0;
    flaky(1, 429, { 'Retry-After': '3600' });
    started = Date.now();
    await slow.read(['x']);
    expect(Date.now() - started).toBeLessThan(3_000);
    slow.close();
  });

  it('limit 0 disables retries', async () => {
    const once = new VaultClient({ address: server.url, retry: { limit: 0 } });
    flaky(1, 429);
    await expect(once.read(['x'])).rejects.toBeInstanceOf(VaultRateLimitedError);
    expect(server.requests).toHaveLength(1);
    once.close();
  });
});

describe('network errors', () => {
  it('connection refused: retried for GET, then VaultNetworkError with only a code', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const events: unknown[] = [];
    const dead = new VaultClient({ address: `http://127.0.0.1:${port}`, token: 'secret-token', retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 }, debug: (e) => events.push(e) });
    const err = await dead.read(['sys', 'mounts']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultNetworkError);
    expect(err).toMatchObject({ code: 'VAULT_NETWORK', method: 'GET', path: '/v1/sys/mounts', cause: { code: 'ECONNREFUSED' } });
    expect(events).toHaveLength(3);
    expect(events[2]).toMatchObject({ errorCode: 'ECONNREFUSED', attempt: 3 });
    events.length = 0;
    await expect(dead.write(['x'], {})).rejects.toBeInstanceOf(VaultNetworkError);
    expect(events).toHaveLength(1);
    dead.close();
  });

  it('connection reset before a response: GET retried, POST not', async () => {
    server.handle((_r, i) => (i === 0 ? { action: 'destroy' } : { body: { data: { ok: 1 } } }));
    await expect(client.read(['x'])).resolves.toMatchObject({ data: { ok: 1 } });
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.handle((_r, i) => (i === 0 ? { action: 'destroy' } : { body: { data: { ok: 1 } } }));
    const err = await client.write(['x'], { password: 'pw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultNetworkError);
    expect((err as VaultNetworkError).cause).toEqual({ code: 'ECONNRESET' });
    expect(server.requests).toHaveLength(1);
  });
});
