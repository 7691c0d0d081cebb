import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VaultDebugEvent } from '../../../src/config.js';
import { LaminVaultValidationError, VaultAbortedError, VaultHttpError, VaultTimeoutError } from '../../../src/errors.js';
import { VaultClient } from '../../../src/http/index.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

const TOKEN = 'hvs.TRANSPORTTOKEN0123456789';
let server: TestServer;
let client: VaultClient;

beforeAll(async () => {
  server = await startTestServer({ handler: () => ({ body: { data: {} } }) });
  client = new VaultClient({ address: server.url, token: TOKEN, namespace: '/admin/', retry: { limit: 0 } });
});
afterAll(async () => {
  client.close();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  server.handle(() => ({ body: { data: {} } }));
});

const last = () => server.requests[server.requests.length - 1]!;

describe('namespace and token', () => {
  it('sends the normalised client namespace on every call', async () => {
    await client.read(['sys', 'mounts']);
    await client.list(['database', 'roles']).catch(() => undefined);
    expect(server.requests.map((r) => r.headers['x-vault-namespace'])).toEqual(['admin', 'admin']);
  });

  it('per call: override, null = no header, "root"/"/" = no header, nested kept', async () => {
    await client.read(['x'], { namespace: 'admin/team/' });
    expect(last().headers['x-vault-namespace']).toBe('admin/team');
    for (const ns of [null, 'root', '/', '']) {
      await client.read(['x'], { namespace: ns });
      expect(last().headers['x-vault-namespace']).toBeUndefined();
    }
    await expect(client.read(['x'], { namespace: 'a\nb' })).rejects.toBeInstanceOf(LaminVaultValidationError);
  });

  it('per call token override and null = no token', async () => {
    await client.read(['x'], { token: 'hvs.OTHER' });
    expect(last().headers['x-vault-token']).toBe('hvs.OTHER');
    await client.write(['sys', 'wrapping', 'unwrap'], {}, { token: null });
    expect(last().headers['x-vault-token']).toBeUndefined();
    const err = await client.read(['x'], { token: 'bad\r\ntoken-value' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LaminVaultValidationError);
    expect(String(err)).not.toContain('token-value');
  });

  it('withOptions: a cheap copy that shares the agent (one connection)', async () => {
    const before = server.connections();
    const other = client.withOptions({ token: 'hvs.COPY', namespace: null });
    await other.read(['x']);
    expect(last().headers['x-vault-token']).toBe('hvs.COPY');
    expect(last().headers['x-vault-namespace']).toBeUndefined();
    await client.read(['x']);
    expect(last().headers['x-vault-token']).toBe(TOKEN);
    expect(last().headers['x-vault-namespace']).toBe('admin');
    expect(server.connections()).toBe(before);
    expect(other.config.namespace).toBeUndefined();
    expect(JSON.stringify(other.config)).not.toContain('hvs.COPY');
    expect(client.withOptions({ namespace: 'ns2' }).config.token).toBe(TOKEN);
    expect(() => client.withOptions({ token: '' })).toThrow(LaminVaultValidationError);
  });

  it('custom headers are sent, User-Agent is ours', async () => {
    const c = new VaultClient({ address: server.url, headers: { 'X-Request-Id': 'abc' } });
    await c.read(['x']);
    expect(last().headers).toMatchObject({ 'x-request-id': 'abc', 'user-agent': 'lamin-vault' });
    expect(last().headers['x-vault-token']).toBeUndefined();
    c.close();
  });

  it('keeps the connection alive across requests', async () => {
    const before = server.connections();
    for (let i = 0; i < 10; i++) await client.read(['x']);
    expect(server.connections() - before).toBeLessThanOrEqual(2); // without keep-alive: 10
  });
});

describe('timeouts and abort', () => {
  it('a hanging server → VaultTimeoutError after timeoutMs', async () => {
    const c = new VaultClient({ address: server.url, timeoutMs: 150 });
    server.handle(() => ({ action: 'hang' }));
    const started = Date.now();
    const err = await c.read(['slow']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultTimeoutError);
    expect(err).toMatchObject({ code: 'VAULT_TIMEOUT', timeoutMs: 150, method: 'GET', path: '/v1/slow' });
    expect(Date.now() - started).toBeLessThan(5_000); // a hang would last the test timeout
    c.close();
  });

  it('the budget covers retries and backoff', async () => {
    const c = new VaultClient({ address: server.url, timeoutMs: 200, retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    server.handle(() => ({ status: 503, headers: { 'Retry-After': '10' }, body: { errors: ['sealed'] } }));
    const started = Date.now();
    await expect(c.read(['x'])).rejects.toBeInstanceOf(VaultTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000); // one backoff alone would be 10 s
    expect(server.requests).toHaveLength(1);
    c.close();
  });

  it('AbortSignal: already aborted → no request; aborted mid-flight → ABORTED', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(client.read(['x'], { signal: ctl.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(server.requests).toHaveLength(0);
    server.handle(() => ({ action: 'hang' }));
    const ctl2 = new AbortController();
    setTimeout(() => ctl2.abort(), 50);
    const err = await client.read(['x'], { signal: ctl2.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultAbortedError);
    expect(err).toMatchObject({ code: 'ABORTED', method: 'GET', path: '/v1/x' });
  });

  it('abort during backoff stops retrying', async () => {
    const c = new VaultClient({ address: server.url, retry: { limit: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    server.handle(() => ({ status: 503, body: { errors: [] } }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    await expect(c.read(['x'], { signal: ctl.signal })).rejects.toBeInstanceOf(VaultAbortedError);
    expect(server.requests).toHaveLength(1);
    c.close();
  });
});

describe('standby redirects', () => {
  it('follows 307/308 keeping method, body, token, namespace and wrap TTL', async () => {
    const active = await startTestServer({ handler: () => ({ body: { data: { ok: true } } }) });
    server.handle(() => ({ status: 307, headers: { Location: `${active.url}/v1/sys/policies/acl/p` } }));
    const res = await client.write(['sys', 'policies', 'acl', 'p'], { policy: 'x' }, { wrapTtl: '30s' });
    expect(res?.data).toEqual({ ok: true });
    const moved = active.requests[0]!;
    expect(moved).toMatchObject({ method: 'POST', url: '/v1/sys/policies/acl/p', body: '{"policy":"x"}' });
    expect(moved.headers).toMatchObject({ 'x-vault-token': TOKEN, 'x-vault-namespace': 'admin', 'x-vault-wrap-ttl': '30s', 'content-type': 'application/json' });
    server.handle(() => ({ status: 308, headers: { Location: '/v1/elsewhere' } }));
    server.requests.length = 0;
    await client.delete(['x']).catch(() => undefined);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /v1/x', 'DELETE /v1/elsewhere', 'DELETE /v1/elsewhere', 'DELETE /v1/elsewhere']);
    await active.close();
  });

  it('stops after 3 redirects with a typed error', async () => {
    server.handle(() => ({ status: 307, headers: { Location: '/v1/loop' } }));
    const err = await client.read(['loop']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultHttpError);
    expect((err as VaultHttpError).message).toBe('Vault 307 Temporary Redirect: more than 3 redirects (GET /v1/loop)');
    expect(server.requests).toHaveLength(4);
  });

  it('refuses a redirect to another scheme and a redirect without Location', async () => {
    server.handle(() => ({ status: 307, headers: { Location: 'https://127.0.0.1:1/v1/x' } }));
    await expect(client.read(['x'])).rejects.toThrow('redirect to https: refused');
    server.handle(() => ({ status: 307 }));
    await expect(client.read(['x'])).rejects.toThrow('redirect without Location');
  });

  it('does not follow 301/302/303', async () => {
    server.handle(() => ({ status: 302, headers: { Location: '/v1/other' } }));
    await expect(client.read(['x'])).rejects.toMatchObject({ status: 302 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('debug hook', () => {
  it('gets method, path, status, duration and attempt, never headers or bodies', async () => {
    const events: VaultDebugEvent[] = [];
    const c = new VaultClient({ address: server.url, token: TOKEN, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 }, debug: (e) => events.push(e) });
    server.handle((_r, i) => (i === 0 ? { status: 503, body: { errors: [] } } : { body: { data: {} } }));
    await c.write(['sys', 'policies', 'acl', 'p'], { policy: 'secret-hcl' }, { idempotent: true });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ method: 'POST', path: '/v1/sys/policies/acl/p', status: 503, attempt: 1 });
    expect(events[1]).toMatchObject({ status: 200, attempt: 2 });
    expect(Object.keys(events[0]!).sort()).toEqual(['attempt', 'durationMs', 'method', 'path', 'status']);
    expect(JSON.stringify(events)).not.toMatch(/secret-hcl|hvs\./);
    c.close();
  });

  it('a throwing hook does not break the request', async () => {
    const c = new VaultClient({ address: server.url, debug: () => {
      throw new Error('hook bug');
    } });
    await expect(c.read(['x'])).resolves.toBeDefined();
    c.close();
  });
});
