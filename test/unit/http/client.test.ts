import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  LaminVaultValidationError,
  VaultHttpError,
  VaultNotFoundError,
  VaultPermissionDeniedError,
  VaultRateLimitedError,
  VaultResponseError,
  VaultUnavailableError,
} from '../../../src/errors.js';
import { VaultClient } from '../../../src/http/index.js';
import { startTestServer, vaultError, type TestServer } from '../../helpers/http-server.js';

const TOKEN = 'hvs.CLIENTTESTTOKEN0123456789';
let server: TestServer;
let client: VaultClient;

beforeAll(async () => {
  server = await startTestServer();
  client = new VaultClient({ address: server.url, token: TOKEN, retry: { limit: 0 } });
});
afterAll(async () => {
  client.close();
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

const last = () => server.requests[server.requests.length - 1]!;

describe('VaultClient methods', () => {
  it('read: GET with token and X-Vault-Request, envelope parsed, data validated', async () => {
    server.handle(() => ({ body: { request_id: 'r', lease_id: '', lease_duration: 0, renewable: false, data: { policy: 'p' }, warnings: null, wrap_info: null, auth: null } }));
    const res = await client.read(['sys', 'policies', 'acl', 'my policy'], { schema: z.object({ policy: z.string() }) });
    expect(res).toEqual({ data: { policy: 'p' }, leaseId: '', leaseDuration: 0, renewable: false, warnings: [] });
    expect(last()).toMatchObject({ method: 'GET', url: '/v1/sys/policies/acl/my%20policy', body: '' });
    expect(last().headers).toMatchObject({ 'x-vault-token': TOKEN, 'x-vault-request': 'true', accept: 'application/json' });
    expect(last().headers['x-vault-namespace']).toBeUndefined();
  });

  it('read: 200 with warnings and lease fields as strings', async () => {
    server.handle(() => ({ body: { lease_id: 'database/creds/r/1', lease_duration: '1h', renewable: true, data: { username: 'u', password: 'p' }, warnings: ['deprecated'] } }));
    const res = await client.read(['database', 'creds', 'r']);
    expect(res).toMatchObject({ leaseId: 'database/creds/r/1', leaseDuration: 3600, renewable: true, warnings: ['deprecated'] });
  });

  it('read: a non-envelope endpoint gives the whole body as data', async () => {
    server.handle(() => ({ body: { sealed: false, t: 1, n: 1 } }));
    expect((await client.read(['sys', 'seal-status'])).data).toEqual({ sealed: false, t: 1, n: 1 });
  });

  it('read: wrong data shape, wrong envelope, non-JSON and non-object 2xx → VaultResponseError', async () => {
    server.handle(() => ({ body: { data: { policy: 5 } } }));
    const e1 = await client.read(['p'], { schema: z.object({ policy: z.string() }) }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(VaultResponseError);
    expect((e1 as VaultResponseError).issues[0]?.path).toBe('data.policy');
    expect((e1 as VaultResponseError).message).toContain('(GET /v1/p)');
    server.handle(() => ({ body: { data: {}, lease_duration: 'forever' } }));
    await expect(client.read(['p'])).rejects.toBeInstanceOf(VaultResponseError);
    server.handle(() => ({ body: '<html>ok</html>' }));
    await expect(client.read(['p'])).rejects.toThrow(/body: is not JSON|\(body\): is not JSON/);
    server.handle(() => ({ body: '[1,2]' }));
    await expect(client.read(['p'])).rejects.toBeInstanceOf(VaultResponseError);
  });

  it('readIfExists: data as read does; a 404 without messages → undefined; a 404 naming a cause throws', async () => {
    const schema = z.object({ policy: z.string() });
    server.handle(() => ({ body: { data: { policy: 'p' } } }));
    expect((await client.readIfExists(['sys', 'policies', 'acl', 'x'], { schema }))?.data).toEqual({ policy: 'p' });
    expect(last()).toMatchObject({ method: 'GET', url: '/v1/sys/policies/acl/x' });
    server.handle(() => vaultError(404));
    expect(await client.readIfExists(['sys', 'policies', 'acl', 'x'], { schema })).toBeUndefined();
    server.handle(() => vaultError(404, 'no handler for route "nope/x"'));
    await expect(client.readIfExists(['nope', 'x'])).rejects.toBeInstanceOf(VaultNotFoundError);
    server.handle(() => ({ status: 404, body: '<html>not found</html>' }));
    await expect(client.readIfExists(['x'])).rejects.toBeInstanceOf(VaultNotFoundError);
    server.handle(() => ({ body: { data: { policy: 5 } } }));
    await expect(client.readIfExists(['x'], { schema })).rejects.toBeInstanceOf(VaultResponseError);
  });

  it('list: LIST method, data.keys; 404 → []', async () => {
    server.handle(() => ({ body: { data: { keys: ['a', 'b/'] } } }));
    expect(await client.list(['database', 'roles'])).toEqual(['a', 'b/']);
    expect(last().method).toBe('LIST');
    server.handle(() => vaultError(404));
    expect(await client.list(['database', 'roles'])).toEqual([]);
    server.handle(() => ({ body: { data: { keys: 'a' } } }));
    await expect(client.list(['x'])).rejects.toBeInstanceOf(VaultResponseError);
  });

  it('write: POST JSON; 204 → undefined; 200 with auth block parsed', async () => {
    server.handle(() => ({ status: 204 }));
    expect(await client.write(['sys', 'policies', 'acl', 'x'], { policy: 'path "a" {}' })).toBeUndefined();
    expect(last()).toMatchObject({ method: 'POST', body: '{"policy":"path \\"a\\" {}"}' });
    expect(last().headers['content-type']).toBe('application/json');
    server.handle(() => ({
      body: { data: null, auth: { client_token: 'hvs.new', accessor: 'acc', policies: ['p'], token_policies: ['p'], lease_duration: 60, renewable: true, metadata: null, orphan: false } },
    }));
    const res = await client.write(['auth', 'token', 'create'], { policies: ['p'] });
    expect(res?.auth).toEqual({ clientToken: 'hvs.new', accessor: 'acc', policies: ['p'], tokenPolicies: ['p'], leaseDuration: 60, renewable: true, metadata: null, orphan: false });
  });

  it('write: a 200 with an empty body → undefined; no body is still labelled JSON', async () => {
    server.handle(() => ({ status: 200, body: '' }));
    expect(await client.write(['sys', 'rotate'])).toBeUndefined();
    expect(last()).toMatchObject({ body: '', headers: { 'content-type': 'application/json' } });
  });

  it('patch: PATCH with application/merge-patch+json', async () => {
    server.handle(() => ({ body: { data: { ok: true } } }));
    const res = await client.patch(['database', 'config', 'x'], { allowed_roles: ['a-*'] });
    expect(res?.data).toEqual({ ok: true });
    expect(last()).toMatchObject({ method: 'PATCH', body: '{"allowed_roles":["a-*"]}' });
    expect(last().headers['content-type']).toBe('application/merge-patch+json');
  });

  it('delete: DELETE; 204 → void', async () => {
    server.handle(() => ({ status: 204 }));
    await expect(client.delete(['database', 'roles', 'x'])).resolves.toBeUndefined();
    expect(last().method).toBe('DELETE');
  });

  it('wrap TTL header and wrapped responses (data null, not validated)', async () => {
    server.handle(() => ({ body: { data: null, wrap_info: { token: 'hvs.wrap', ttl: 60, creation_time: '2026-01-01T00:00:00Z', creation_path: 'database/creds/r', accessor: 'a' } } }));
    const res = await client.read(['database', 'creds', 'r'], { wrapTtl: '60s', schema: z.object({ username: z.string() }) });
    expect(last().headers['x-vault-wrap-ttl']).toBe('60s');
    expect(res.data).toBeNull();
    expect(res.wrapInfo).toEqual({ token: 'hvs.wrap', ttl: 60, creationTime: '2026-01-01T00:00:00Z', creationPath: 'database/creds/r', accessor: 'a' });
    await client.read(['x'], { wrapTtl: 300 });
    expect(last().headers['x-vault-wrap-ttl']).toBe('300');
    await expect(client.read(['x'], { wrapTtl: '1 hour' })).rejects.toBeInstanceOf(LaminVaultValidationError);
    await expect(client.read(['x'], { wrapTtl: 0 })).rejects.toBeInstanceOf(LaminVaultValidationError);
  });

  it('bad paths are refused before any request', async () => {
    await expect(client.read(['database', '..', 'sys'])).rejects.toBeInstanceOf(LaminVaultValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('error statuses', () => {
  it.each([
    [400, VaultHttpError, 'Vault 400 Bad Request: missing policy (POST /v1/sys/policies/acl/x)'],
    [403, VaultPermissionDeniedError, 'Vault 403 Forbidden: permission denied (POST /v1/sys/policies/acl/x)'],
    [404, VaultNotFoundError, 'Vault 404 Not Found: no handler (POST /v1/sys/policies/acl/x)'],
    [405, VaultHttpError, 'Vault 405 Method Not Allowed: nope (POST /v1/sys/policies/acl/x)'],
    [429, VaultRateLimitedError, 'Vault 429 Too Many Requests: slow down (POST /v1/sys/policies/acl/x)'],
    [500, VaultUnavailableError, 'Vault 500 Internal Server Error: boom (POST /v1/sys/policies/acl/x)'],
    [503, VaultUnavailableError, 'Vault 503 Service Unavailable: Vault is sealed (POST /v1/sys/policies/acl/x)'],
  ])('%d → %o', async (status, cls, message) => {
    const text = { 400: 'missing policy', 403: 'permission denied', 404: 'no handler', 405: 'nope', 429: 'slow down', 500: 'boom', 503: 'Vault is sealed' }[status]!;
    server.handle(() => vaultError(status, text));
    const err = await client.write(['sys', 'policies', 'acl', 'x'], { policy: 'secret-hcl' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ status, errors: [text], method: 'POST', path: '/v1/sys/policies/acl/x', message });
  });

  it('keeps every message and uses `error` when there is no errors array', async () => {
    server.handle(() => vaultError(400, 'a', 'b'));
    await expect(client.read(['x'])).rejects.toMatchObject({ errors: ['a', 'b'] });
    server.handle(() => ({ status: 400, body: { error: 'single' } }));
    await expect(client.read(['x'])).rejects.toMatchObject({ errors: ['single'] });
    server.handle(() => ({ status: 502, body: '<html>bad gateway</html>', headers: { 'Content-Type': 'text/html' } }));
    await expect(client.read(['x'])).rejects.toMatchObject({ status: 502, errors: ['<html>bad gateway</html>'] });
  });

  it('403 with an empty errors array hints at the namespace only when none was sent', async () => {
    server.handle(() => vaultError(403));
    await expect(client.list(['sys', 'mounts'])).rejects.toThrow('Vault 403 Forbidden: no error message from Vault (missing namespace?) (LIST /v1/sys/mounts)');
    await expect(client.list(['sys', 'mounts'], { namespace: 'admin' })).rejects.toThrow('Vault 403 Forbidden: no error message from Vault (LIST /v1/sys/mounts)');
  });

  it('never puts a query string in the path (there is none to put)', async () => {
    server.handle(() => vaultError(404));
    const err = (await client.read(['a?b=c']).catch((e: unknown) => e)) as VaultHttpError;
    expect(err.path).toBe('/v1/a%3Fb%3Dc');
  });
});
