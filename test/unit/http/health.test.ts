import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultHttpError, VaultResponseError } from '../../../src/errors.js';
import { VaultClient } from '../../../src/http/index.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

let server: TestServer;
let client: VaultClient;

beforeAll(async () => {
  server = await startTestServer();
  client = new VaultClient({ address: server.url, token: 'hvs.HEALTH', namespace: 'admin', retry: { limit: 0 } });
});
afterAll(async () => {
  client.close();
  await server.close();
});

const body = (o: Partial<Record<string, unknown>>) => ({ initialized: true, sealed: false, standby: false, performance_standby: false, version: '2.1.0', cluster_name: 'c', ...o });

describe('health', () => {
  it.each([
    [200, body({}), { initialized: true, sealed: false, standby: false }],
    [429, body({ standby: true }), { standby: true }],
    [472, body({ standby: true }), { standby: true }],
    [473, body({ standby: true, performance_standby: true }), { standby: true, performanceStandby: true }],
    [474, body({ standby: true }), { standby: true }],
    [501, body({ initialized: false, sealed: true, standby: true }), { initialized: false, sealed: true }],
    [503, body({ sealed: true, standby: true }), { sealed: true }],
  ])('status %d does not throw and keeps the flags', async (status, reply, flags) => {
    server.handle(() => ({ status, body: reply }));
    const h = await client.health();
    expect(h).toMatchObject({ status, version: '2.1.0', clusterName: 'c', ...flags });
  });

  it('is sent without token or namespace', async () => {
    server.handle(() => ({ body: body({}) }));
    await client.health();
    const req = server.requests[server.requests.length - 1]!;
    expect(req.url).toBe('/v1/sys/health');
    expect(req.headers['x-vault-token']).toBeUndefined();
    expect(req.headers['x-vault-namespace']).toBeUndefined();
  });

  it('other statuses throw; a malformed body is a VaultResponseError', async () => {
    server.handle(() => ({ status: 500, body: { errors: ['internal'] } }));
    await expect(client.health()).rejects.toBeInstanceOf(VaultHttpError);
    server.handle(() => ({ status: 503, body: '<html>proxy</html>' }));
    await expect(client.health()).rejects.toBeInstanceOf(VaultResponseError);
    server.handle(() => ({ status: 200, body: { initialized: 'yes' } }));
    await expect(client.health()).rejects.toMatchObject({ code: 'VAULT_RESPONSE' });
  });
});
