import { inspect } from 'node:util';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultClient } from '../../../src/index.js';
import { HubExchangeError, VaultToken, WrappingTokenError, exchangeHubJwt, unwrapToken } from '../../../src/auth/index.js';
import { startTestServer, vaultError, type TestServer } from '../../helpers/http-server.js';

const IID = 'abcdef01-2222-4333-8444-555555555555';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const AUTH = { client_token: 's.real-token', accessor: 'acc1', policies: ['p'], token_policies: ['p'], lease_duration: 3600, renewable: false };

let hub: TestServer;
let vault: TestServer;
let unwrapped: number;

beforeEach(async () => {
  unwrapped = 0;
  vault = await startTestServer({
    handler: (req) => {
      if (req.url === '/v1/sys/wrapping/lookup') return { body: { data: { creation_path: 'auth/token/create/lamin-vault-issuer', creation_ttl: 60, creation_time: 'now' } } };
      if (req.url === '/v1/sys/wrapping/unwrap') return unwrapped++ === 0 ? { body: { auth: AUTH } } : vaultError(400, 'wrapping token is not valid or does not exist');
      return vaultError(404);
    },
  });
  hub = await startTestServer({ handler: () => ({ body: JSON.stringify('s.wrapping'), headers: { 'Content-Type': 'application/json' } }) });
});
afterEach(async () => { await Promise.all([hub.close(), vault.close()]); });

const exchange = (over: { admin?: boolean; hubUrl?: string; timeoutMs?: number } = {}) =>
  exchangeHubJwt({ hubUrl: hub.url, instanceId: IID, jwt: JWT, vault: { address: vault.url, namespace: 'admin' }, ...over });

describe('exchangeHubJwt', () => {
  it('POSTs with a standard bearer header, unwraps the answer and returns a client holding the token', async () => {
    const client = await exchange();
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]).toMatchObject({ method: 'POST', url: `/vault/token/from-jwt/${IID}` });
    expect(hub.requests[0]?.headers.authorization).toBe(`Bearer ${JWT}`);
    expect(hub.requests[0]?.headers.authentication).toBeUndefined();
    const unwrap = vault.requests.find((r) => r.url === '/v1/sys/wrapping/unwrap');
    expect(unwrap?.headers['x-vault-token']).toBe('s.wrapping');
    expect(unwrap?.headers['x-vault-namespace']).toBe('admin');
    expect(client.config.token).toBe('s.real-token');
  });

  it('uses the admin path and keeps a base path of the hub URL', async () => {
    await exchange({ admin: true, hubUrl: `${hub.url}/api` });
    expect(hub.requests[0]?.url).toBe(`/api/vault/token/from-jwt/admin/${IID}`);
  });

  it.each([{ token: 's.wrapping' }, { wrappingToken: 's.wrapping', accessor: 'a' }])('accepts the body %j', async (body) => {
    hub.handle(() => ({ body }));
    await expect(exchange()).resolves.toBeInstanceOf(VaultClient);
  });

  it('names the path it requested, the hub base path included', async () => {
    hub.handle(() => ({ status: 404, body: {} }));
    await expect(exchange({ hubUrl: `${hub.url}/api` })).rejects.toMatchObject({ path: `/api/vault/token/from-jwt/${IID}` });
  });

  it.each([401, 403, 500])('turns a hub %i into a HubExchangeError that never echoes the JWT', async (status) => {
    hub.handle(() => ({ status, body: { detail: `bad token ${JWT}` } }));
    const error = await exchange().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubExchangeError);
    expect(error).toMatchObject({ status, failure: 'http', code: 'VAULT_HTTP' });
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(JWT);
    expect(vault.requests).toHaveLength(0);
  });

  it('names the network failure: a refused connection, a port fetch blocks', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(exchange({ hubUrl: `http://127.0.0.1:${closed}` })).rejects.toMatchObject({ failure: 'network', message: expect.stringContaining('ECONNREFUSED') });
    await expect(exchange({ hubUrl: 'http://127.0.0.1:1' })).rejects.toMatchObject({ failure: 'network', message: expect.stringContaining('port blocked by fetch') });
    hub.handle(() => ({ status: 307, headers: { Location: `${vault.url}/elsewhere` } }));
    await expect(exchange()).rejects.toMatchObject({ failure: 'network', message: expect.stringContaining('redirects are not followed') });
    expect(vault.requests).toHaveLength(0);
  });

  it('times out', async () => {
    hub.handle(() => ({ action: 'hang' }));
    await expect(exchange({ timeoutMs: 200 })).rejects.toMatchObject({ name: 'HubExchangeError', failure: 'timeout' });
  });

  it('refuses an answer without a wrapping token', async () => {
    hub.handle(() => ({ body: { something: 'else' } }));
    await expect(exchange()).rejects.toMatchObject({ failure: 'response' });
    hub.handle(() => ({ body: 'not json', headers: { 'Content-Type': 'text/plain' } }));
    await expect(exchange()).rejects.toMatchObject({ failure: 'response' });
  });

  it('refuses a wrapping token created anywhere but auth/token/create, without unwrapping it', async () => {
    vault.handle((req) => req.url === '/v1/sys/wrapping/lookup'
      ? { body: { data: { creation_path: 'sys/wrapping/wrap', creation_ttl: 60, creation_time: 'now' } } }
      : { body: { auth: AUTH } });
    await expect(exchange()).rejects.toMatchObject({ name: 'VaultResponseError' });
    expect(vault.requests.map((r) => r.url)).toEqual(['/v1/sys/wrapping/lookup']);
  });
});

describe('unwrapToken', () => {
  it('sends only the wrapping token, and fails the second time with WrappingTokenError', async () => {
    const token = await unwrapToken(new VaultClient({ address: vault.url, token: 'other-token' }), 's.wrapping');
    expect(token.token).toBe('s.real-token');
    expect(vault.requests[0]?.headers['x-vault-token']).toBe('s.wrapping');
    const again = await unwrapToken(vault.url, 's.wrapping').catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WrappingTokenError);
    expect(again).toMatchObject({ status: 400, code: 'VAULT_HTTP' });
  });
});

describe('VaultToken', () => {
  it('masks the token when logged or serialised', () => {
    const token = new VaultToken({ token: 's.secret', accessor: 'a', policies: ['p'], ttl: 60, renewable: false });
    expect(token.token).toBe('s.secret');
    expect(JSON.stringify(token)).not.toContain('s.secret');
    expect(inspect(token)).not.toContain('s.secret');
    expect({ ...token }).not.toHaveProperty('token');
  });
});
