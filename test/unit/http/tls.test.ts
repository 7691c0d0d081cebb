import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../src/config.js';
import { VaultNetworkError } from '../../../src/errors.js';
import { VaultClient } from '../../../src/http/index.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

/** A throw-away CA and a server certificate for 127.0.0.1, made with the openssl CLI. */
function makeCerts(): { dir: string; ca: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lamin-vault-tls-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=lamin-vault test CA');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { dir, ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
}

let certs: ReturnType<typeof makeCerts>;
let server: TestServer;

beforeAll(async () => {
  certs = makeCerts();
  server = await startTestServer({ tls: { key: certs.key, cert: certs.cert }, handler: () => ({ body: { data: { ok: true } } }) });
});
afterAll(async () => {
  await server.close();
});

describe('TLS per client', () => {
  it('trusts a private CA given as caCert', async () => {
    const c = new VaultClient({ address: server.url, caCert: certs.ca });
    await expect(c.read(['x'])).resolves.toMatchObject({ data: { ok: true } });
    c.close();
  });

  it('trusts the CA from VAULT_CACERT', async () => {
    const c = new VaultClient(configFromEnv({ VAULT_ADDR: server.url, VAULT_CACERT: join(certs.dir, 'ca.pem') }));
    await expect(c.read(['x'])).resolves.toBeDefined();
    c.close();
  });

  it('without the CA the certificate is refused (typed network error with the TLS code)', async () => {
    const c = new VaultClient({ address: server.url, retry: { limit: 0 } });
    const err = await c.read(['x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultNetworkError);
    expect((err as VaultNetworkError).cause).toMatchObject({ code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) });
    c.close();
  });

  it('rejectUnauthorized: false applies to that client only, never process-wide', async () => {
    const insecure = new VaultClient({ address: server.url, rejectUnauthorized: false });
    await expect(insecure.read(['x'])).resolves.toBeDefined();
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
    // a plain https request in the same process still verifies
    const plain = await new Promise<string>((resolve) => {
      https.get(`${server.url}/v1/x`, () => resolve('accepted')).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(plain).not.toBe('accepted');
    // and another client without the option still refuses
    const strict = new VaultClient({ address: server.url, retry: { limit: 0 } });
    await expect(strict.read(['x'])).rejects.toBeInstanceOf(VaultNetworkError);
    insecure.close();
    strict.close();
  });

  it('VAULT_SKIP_VERIFY=true maps to rejectUnauthorized: false', async () => {
    const c = new VaultClient(configFromEnv({ VAULT_ADDR: server.url, VAULT_SKIP_VERIFY: 'true' }));
    await expect(c.read(['x'])).resolves.toBeDefined();
    c.close();
  });
});
