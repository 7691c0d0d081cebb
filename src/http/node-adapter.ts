/**
 * The default axios adapter: one `node:http(s)` request on the client's keep-alive agent,
 * body collected as utf8 text. It does only what the transport needs (no redirects, no
 * decompression, no proxy; `timeout` bounds the whole exchange), which makes it several
 * times cheaper per request than axios's general-purpose `http` adapter.
 */
import http from 'node:http';
import https from 'node:https';
import { AxiosError, AxiosHeaders, CanceledError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/**
 * Builds the adapter for one agent (an `https.Agent` for `https:` addresses). Resolves every
 * status; rejects with `ERR_CANCELED` on abort, `ECONNABORTED` when `timeout` ms passed, the
 * Node error code (`ECONNRESET`, …) when no response came, and `ERR_BAD_RESPONSE` (no cause)
 * when the body was cut short.
 */
export function createNodeAdapter(agent: http.Agent): AxiosAdapter {
  const secure = agent instanceof https.Agent;
  return (config) => new Promise<AxiosResponse<string>>((resolve, reject) => start(agent, secure, config, resolve, reject));
}

type Resolve = (res: AxiosResponse<string>) => void;
type Reject = (err: Error) => void;

function start(agent: http.Agent, secure: boolean, config: InternalAxiosRequestConfig, resolve: Resolve, reject: Reject): void {
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
  const ex = new Exchange(config, signal, resolve, reject);
  let req: http.ClientRequest;
  try {
    req = (secure ? https : http).request(options, (res) => ex.respond(res));
  } catch (err) {
    // e.g. a header value Node refuses: as if the request had failed
    return ex.fail(err as Error);
  }
  ex.attach(req);
  if (length === undefined) req.end();
  else req.end(body as string | Uint8Array);
}

/**
 * One request's state. A class rather than closures: nothing is allocated or named per
 * request beyond the instance and the listeners Node needs.
 */
class Exchange {
  #settled = false;
  #answered = false;
  #chunks: Buffer[] = [];
  #timer: NodeJS.Timeout | undefined;
  #req: http.ClientRequest | undefined;
  readonly #onAbort: (() => void) | undefined;

  constructor(
    readonly config: InternalAxiosRequestConfig,
    readonly signal: AbortSignal | undefined,
    readonly resolve: Resolve,
    readonly reject: Reject,
  ) {
    if (signal) {
      this.#onAbort = () => this.#stop(new CanceledError(undefined, config, this.#req));
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  attach(req: http.ClientRequest): void {
    this.#req = req;
    req.on('error', (err) => (this.#answered ? this.#truncated() : this.fail(AxiosError.from(err, undefined, this.config, req))));
    const ms = this.config.timeout ?? 0;
    if (ms > 0) {
      this.#timer = setTimeout(() => this.#stop(new AxiosError(`timeout of ${ms}ms exceeded`, 'ECONNABORTED', this.config, req)), ms);
    }
  }

  respond(res: http.IncomingMessage): void {
    this.#answered = true;
    res.on('data', (chunk: Buffer) => this.#chunks.push(chunk));
    // A connection lost mid-body emits 'error' (and 'aborted'); 'close' before 'end' covers the rest.
    res.on('error', () => this.#truncated());
    res.on('close', () => res.complete || this.#truncated());
    res.on('end', () => this.#end(res));
  }

  #end(res: http.IncomingMessage): void {
    if (this.#settled) return;
    this.#done();
    const chunks = this.#chunks;
    const data = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
    const { config } = this;
    // As axios's own adapter does: a plain object would be converted twice on the way back.
    const headers = new AxiosHeaders(res.headers as Record<string, string>);
    this.resolve({ data, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, config, request: this.#req });
  }

  /** After the headers, any failure means a body cut short: no cause, so it maps to ERR_RESPONSE_TRUNCATED. */
  #truncated(): void {
    this.fail(new AxiosError('response body cut short', 'ERR_BAD_RESPONSE', this.config, this.#req));
  }

  /** Abort or timeout: settle first, so the errors that destroying the request raises are ignored. */
  #stop(err: Error): void {
    this.fail(err);
    this.#req?.destroy();
  }

  fail(err: Error): void {
    if (this.#settled) return;
    this.#done();
    this.reject(err);
  }

  #done(): void {
    this.#settled = true;
    clearTimeout(this.#timer);
    if (this.#onAbort) this.signal?.removeEventListener('abort', this.#onAbort);
  }
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
