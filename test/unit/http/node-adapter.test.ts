import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosHeaders } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeAdapter } from '../../../src/http/node-adapter.js';

let server: http.Server;
let base: string;
const agent = new http.Agent({ keepAlive: true });
const adapter = createNodeAdapter(agent);
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/hang') return;
      if (req.url === '/cut') {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('{"data":');
        setTimeout(() => res.socket?.destroy(), 5);
        return;
      }
      res.writeHead(req.url === '/moved' ? 307 : 200, { Location: '/elsewhere', 'Content-Type': 'application/json' });
      res.end('{"ok":"é"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call = (path: string, more: Partial<InternalAxiosRequestConfig> = {}) =>
  adapter({ url: base + path, method: 'get', headers: new AxiosHeaders({ 'X-Vault-Token': 't0k', Dropped: false as never }), ...more } as InternalAxiosRequestConfig);

describe('node adapter', () => {
  it('sends headers as given plus Content-Length, returns text, status and headers; never follows redirects', async () => {
    const res = await call('/moved', { method: 'post', data: '{"a":"é"}' });
    expect(res).toMatchObject({ status: 307, data: '{"ok":"é"}' });
    expect(res.headers['location']).toBe('/elsewhere');
    const req = seen.at(-1)!;
    expect(req).toMatchObject({ method: 'POST', body: '{"a":"é"}' });
    expect(req.headers).toMatchObject({ 'x-vault-token': 't0k', 'content-length': '10' });
    expect(req.headers['dropped']).toBeUndefined();
    expect(req.headers['accept-encoding']).toBeUndefined();
  });

  it('abort → ERR_CANCELED; timeout → ECONNABORTED', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 20);
    await expect(call('/hang', { signal: ctl.signal })).rejects.toMatchObject({ code: 'ERR_CANCELED' });
    await expect(call('/hang', { timeout: 30 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
  });

  it('a body cut short → ERR_BAD_RESPONSE without cause; no server → the Node code', async () => {
    const err = (await call('/cut').catch((e: unknown) => e)) as { code: string; cause?: unknown };
    expect(err).toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    expect(err.cause).toBeUndefined();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(adapter({ url: `http://127.0.0.1:${port}/x`, method: 'get', headers: new AxiosHeaders() } as InternalAxiosRequestConfig)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('refuses another scheme than its agent and bodies it cannot measure', async () => {
    await expect(call('/x', { url: 'https://127.0.0.1:1/x' })).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
    await expect(call('/x', { method: 'post', data: { a: 1 } })).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
  });
});
