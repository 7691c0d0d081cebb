import net from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isLaminVaultError } from '../../../src/errors.js';
import { VaultClient } from '../../../src/http/index.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

const TOKEN = 'hvs.NEVER-PRINT-THIS-TOKEN-0123456789';
const CALL_TOKEN = 'hvs.NEVER-PRINT-CALL-TOKEN-987654321';
const PASSWORD = 'pa55:w0rd@NEVER-PRINT';
const SECRETS = [TOKEN, CALL_TOKEN, PASSWORD, 'NEVER-PRINT'];

let server: TestServer;
beforeAll(async () => {
  // A hostile server that echoes everything it gets back into its error messages.
  server = await startTestServer({
    handler: (req) => {
      const echo = `token ${req.headers['x-vault-token'] ?? ''} body ${req.body} url ${req.url}`;
      if (req.url.includes('hang')) return { action: 'hang' };
      if (req.url.includes('reset')) return { action: 'destroy' };
      if (req.url.includes('shape')) return { body: { data: { password: 5 }, warnings: [echo] } };
      if (req.url.includes('html')) return { status: 502, body: `<html>${echo}</html>` };
      if (req.url.includes('error')) return { status: 400, body: { error: echo } };
      if (req.url.includes('redirect')) return { status: 307, headers: { Location: `https://x/${TOKEN}` } };
      return { status: 403, body: { errors: [echo, `postgres://admin:${PASSWORD}@db/x`] } };
    },
  });
});
afterAll(async () => {
  await server.close();
});

async function collect(): Promise<unknown[]> {
  const client = new VaultClient({ address: server.url, token: TOKEN, timeoutMs: 300, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  const body = { connection_url: `postgresql://{{username}}:{{password}}@db/x`, username: 'admin', password: PASSWORD };
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const deadPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const dead = new VaultClient({ address: `http://127.0.0.1:${deadPort}`, token: TOKEN, retry: { limit: 0 } });
  const ctl = new AbortController();
  ctl.abort();
  const attempts: (() => unknown)[] = [
    () => client.write(['database', 'config', 'x'], body),
    () => client.write(['database', 'config', 'x'], body, { token: CALL_TOKEN }),
    () => client.write(['error'], body),
    () => client.write(['html'], body),
    () => client.read(['shape'], { schema: z.object({ password: z.string() }) }),
    () => client.read(['hang']),
    () => client.read(['reset']),
    () => client.read(['redirect']),
    () => client.read(['x'], { signal: ctl.signal }),
    () => client.read(['auth', 'token', 'lookup', TOKEN]),
    () => client.read(['x'], { token: `${TOKEN}\n` }),
    () => client.read(['..', TOKEN]),
    () => client.withOptions({ token: `${CALL_TOKEN}\u0000` }),
    () => dead.write(['x'], body),
    () => new VaultClient({ address: 'http://v', token: `${TOKEN}\u0007` }),
    () => new VaultClient({ address: `http://user:${PASSWORD}@v`, token: TOKEN }),
    () => new VaultClient({ address: 'http://v', headers: { 'X-Vault-Token': TOKEN } }),
  ];
  const errors: unknown[] = [];
  for (const attempt of attempts) {
    try {
      await attempt();
      errors.push(new Error('did not fail'));
    } catch (e) {
      errors.push(e);
    }
  }
  client.close();
  dead.close();
  return errors;
}

describe('no secret in any error', () => {
  it('String, JSON, util.inspect (depth 10) and stack never show a token or password', async () => {
    const errors = await collect();
    expect(errors).toHaveLength(17);
    const kinds = new Set<string>();
    for (const err of errors) {
      expect(isLaminVaultError(err), String(err)).toBe(true);
      kinds.add((err as { code: string }).code);
      const views = [String(err), JSON.stringify(err), inspect(err, { depth: 10 }), inspect(err, { depth: 10, showHidden: true }), (err as Error).stack ?? ''];
      for (const view of views) for (const secret of SECRETS) expect(view, `${(err as Error).name}: ${view}`).not.toContain(secret);
      // and never a raw axios error anywhere on the object
      expect(inspect(err, { depth: 10, showHidden: true })).not.toMatch(/AxiosError|config: [{[]|headers: [{[]|_header|request: /);
    }
    expect([...kinds].sort()).toEqual(['ABORTED', 'VALIDATION', 'VAULT_HTTP', 'VAULT_NETWORK', 'VAULT_RESPONSE', 'VAULT_TIMEOUT']);
  });

  it('the client and its config never show the token', () => {
    const client = new VaultClient({ address: server.url, token: TOKEN }).withOptions({ token: CALL_TOKEN });
    for (const view of [String(client), JSON.stringify(client), inspect(client, { depth: 10, showHidden: true }), inspect(client.config, { showHidden: true })]) {
      for (const secret of SECRETS) expect(view).not.toContain(secret);
    }
    expect(client.config.token).toBe(CALL_TOKEN);
    client.close();
  });
});
