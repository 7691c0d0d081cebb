/**
 * The default axios adapter: one `node:http(s)` request on the client's keep-alive agent,
 * body collected as utf8 text. It does only what the transport needs (no redirects, no
 * decompression, no proxy; `timeout` bounds the whole exchange), which makes it several
 * times cheaper per request than axios's general-purpose `http` adapter.
 */
import http from 'node:http';
import https from 'node:https';
import { AxiosError, CanceledError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/**
 * Builds the adapter for one agent (an `https.Agent` for `https:` addresses). Resolves every
 * status; rejects with `ERR_CANCELED` on abort, `ECONNABORTED` when `timeout` ms passed, the
 * Node error code (`ECONNRESET`, …) when no response came, and `ERR_BAD_RESPONSE` (no cause)
 * when the body was cut short.
 */
export function createNodeAdapter(agent: http.Agent): AxiosAdapter {
  const secure = agent instanceof https.Agent;
  return (config) =>
    new Promise<AxiosResponse<string>>((resolve, reject) => {
      const signal = config.signal as AbortSignal | undefined;
      if (signal?.aborted) return reject(new CanceledError(undefined, config));
      const url = new URL(config.url ?? '');
      if (url.protocol !== (secure ? 'https:' : 'http:')) {
        return reject(new AxiosError(`protocol ${url.protocol} does not match this client`, 'ERR_BAD_REQUEST', config));
      }
      const body = config.data as unknown;
      const length = byteLength(body);
      if (length === null) return reject(new AxiosError('request data must be a string or bytes', 'ERR_BAD_REQUEST', config));
      const headers = headersOf(config);
      if (length !== undefined) headers['Content-Length'] = String(length);
      const options: http.RequestOptions = {
        agent,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: (config.method ?? 'get').toUpperCase(),
        headers,
      };
      let settled = false;
      let answered = false;
      const done = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: Error) => {
        if (settled) return;
        done();
        reject(err);
      };
      const onAbort = () => {
        fail(new CanceledError(undefined, config, req));
        req.destroy();
      };
      // After the headers, any failure means a body cut short: no cause, so it maps to ERR_RESPONSE_TRUNCATED.
      const truncated = () => fail(new AxiosError('response body cut short', 'ERR_BAD_RESPONSE', config, req));
      const req = (secure ? https : http).request(options, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        // A connection lost mid-body emits 'error' (and 'aborted'); 'close' before 'end' covers the rest.
        res.on('error', truncated);
        res.on('close', () => {
          if (!res.complete) truncated();
        });
        res.on('end', () => {
          if (settled) return;
          done();
          const data = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve({ data, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, config, request: req });
        });
      });
      req.on('error', (err) => (answered ? truncated() : fail(AxiosError.from(err, undefined, config, req))));
      signal?.addEventListener('abort', onAbort, { once: true });
      const ms = config.timeout ?? 0;
      const timer =
        ms > 0
          ? setTimeout(() => {
              fail(new AxiosError(`timeout of ${ms}ms exceeded`, 'ECONNABORTED', config, req));
              req.destroy();
            }, ms)
          : undefined;
      if (length === undefined) req.end();
      else req.end(body as string | Uint8Array);
    });
}

/** Byte length of a text or bytes body; `undefined` for none, `null` for anything else. */
function byteLength(data: unknown): number | undefined | null {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof Uint8Array) return data.byteLength;
  return null;
}

/** axios's merged headers as a plain object, dropping the ones set to null/false (axios's "unset"). */
function headersOf(config: InternalAxiosRequestConfig): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const source = config.headers as unknown as Record<string, unknown>;
  for (const name of Object.keys(source)) {
    const value = source[name];
    if (value === undefined || value === null || value === false) continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}
