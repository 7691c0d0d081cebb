/**
 * The baseline: the same Vault requests over bare `node:http` with one keep-alive agent,
 * JSON in and out, a status check, and nothing else (no validation, retries or timeouts).
 */
import http from 'node:http';

export interface RawReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the baseline does not validate
  body: any;
}

export interface RawClient {
  request(method: string, path: string, body?: object): Promise<RawReply>;
  /** GET `/v1/<path>`; non-200 throws. Returns Vault's `data`. */
  read(path: string): Promise<unknown>;
  close(): void;
}

export function rawClient(address: string, token: string): RawClient {
  const agent = new http.Agent({ keepAlive: true });
  const { hostname, port } = new URL(address);
  const request = (method: string, path: string, body?: object) =>
    new Promise<RawReply>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = { 'X-Vault-Token': token };
      if (data !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = Buffer.byteLength(data);
      }
      const req = http.request({ agent, hostname, port, method, path: `/v1/${path}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(data);
    });
  return {
    request,
    async read(path) {
      const res = await request('GET', path);
      if (res.status !== 200) throw new Error(`raw GET ${path}: HTTP ${res.status}`);
      return res.body.data;
    },
    close: () => agent.destroy(),
  };
}
