/**
 * Sends one logical request: deadline, abort, retries with backoff, standby redirects,
 * debug events, error mapping. Knows nothing about Vault's envelope.
 */
import type { AxiosResponse } from 'axios';
import type { VaultClientConfig } from '../config.js';
import { VaultAbortedError, VaultNetworkError, VaultTimeoutError } from '../errors.js';
import type { HttpStack } from './agent.js';
import { isRetryableStatus, RETRYABLE_NETWORK_CODES, retryDelayMs, sleep } from './retry.js';
import { httpError, networkErrorCode, redact } from './to-vault-error.js';

/** Standby nodes answer 307; we follow at most this many hops, same scheme only. */
export const MAX_REDIRECTS = 3;

/** One logical request as the client describes it. */
export interface Exchange {
  readonly method: string;
  /** `/v1/...`, already encoded. */
  readonly path: string;
  /** JSON text of the body, if any. */
  readonly data: string | undefined;
  /** The body object, only used to redact error messages. */
  readonly body: object | undefined;
  readonly contentType: string;
  readonly token: string | undefined;
  readonly namespace: string | undefined;
  readonly wrapTtl: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly retryable: boolean;
  /** Non-2xx statuses the caller handles itself (health codes, 404 on LIST). */
  /** Non-2xx answers the caller handles itself (given the status and the body text). */
  readonly accept: ((status: number, text: string) => boolean) | undefined;
}

/** A response with the body as text. */
export interface RawResponse {
  readonly status: number;
  readonly text: string;
}

interface Hop extends RawResponse {
  readonly retryAfter: string | undefined;
  readonly refused?: string;
}

/** Runs an exchange to a final response or a typed error. */
export async function send(stack: HttpStack, config: VaultClientConfig, ex: Exchange): Promise<RawResponse> {
  const { method, path, signal } = ex;
  if (signal?.aborted) throw new VaultAbortedError({ method, path: safePath(ex) });
  const headers = buildHeaders(config, ex);
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, config.timeoutMs);
  const onAbort = () => ctl.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = () =>
    timedOut
      ? new VaultTimeoutError({ method, path: safePath(ex), timeoutMs: config.timeoutMs })
      : signal?.aborted
        ? new VaultAbortedError({ method, path: safePath(ex) })
        : undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const canRetry = ex.retryable && attempt <= config.retry.limit;
      let res: Hop;
      try {
        res = await followRedirects(stack, config, ex, headers, ctl.signal, attempt);
      } catch (err) {
        const stop = stopped();
        if (stop) throw stop;
        const code = networkErrorCode(err);
        if (!canRetry || !RETRYABLE_NETWORK_CODES.has(code)) throw new VaultNetworkError({ method, path: safePath(ex), code });
        await sleep(retryDelayMs(attempt, config.retry), ctl.signal);
        const late = stopped();
        if (late) throw late;
        continue;
      }
      const s = res.status;
      if (res.refused === undefined && ((s >= 200 && s < 300) || ex.accept?.(s, res.text))) return res;
      if (res.refused === undefined && canRetry && isRetryableStatus(s)) {
        await sleep(retryDelayMs(attempt, config.retry, res.retryAfter), ctl.signal);
        const late = stopped();
        if (late) throw late;
        continue;
      }
      const ctx = { method, path, namespaceSent: ex.namespace !== undefined, token: ex.token, body: ex.body };
      throw httpError(s, res.text, ctx, res.refused);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function buildHeaders(config: VaultClientConfig, ex: Exchange): Record<string, string> {
  const h: Record<string, string> = {
    'User-Agent': 'lamin-vault',
    ...config.headers,
    Accept: 'application/json',
    'X-Vault-Request': 'true',
  };
  if (ex.token !== undefined) h['X-Vault-Token'] = ex.token;
  if (ex.namespace !== undefined) h['X-Vault-Namespace'] = ex.namespace;
  if (ex.wrapTtl !== undefined) h['X-Vault-Wrap-TTL'] = ex.wrapTtl;
  // Also on bodiless writes: axios would otherwise label them as a form.
  if (ex.data !== undefined || ex.method === 'POST' || ex.method === 'PATCH') h['Content-Type'] = ex.contentType;
  return h;
}

/** One attempt: follows 307/308 with the same method, body and headers. */
async function followRedirects(
  stack: HttpStack,
  config: VaultClientConfig,
  ex: Exchange,
  headers: Record<string, string>,
  signal: AbortSignal,
  attempt: number,
): Promise<Hop> {
  let url = config.address + ex.path;
  for (let hop = 0; ; hop++) {
    const res = await exchangeOnce(stack, config, ex, url, headers, signal, attempt);
    if (res.status !== 307 && res.status !== 308) return hopOf(res);
    const location = res.headers['location'];
    if (typeof location !== 'string' || location === '') return hopOf(res, 'redirect without Location');
    if (hop >= MAX_REDIRECTS) return hopOf(res, `more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== new URL(url).protocol) return hopOf(res, `redirect to ${next.protocol} refused`);
    url = next.href;
  }
}

async function exchangeOnce(
  stack: HttpStack,
  config: VaultClientConfig,
  ex: Exchange,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  attempt: number,
): Promise<AxiosResponse<string>> {
  const started = config.debug ? performance.now() : 0;
  try {
    const res = await stack.axios.request<string>({ url, method: ex.method, headers, data: ex.data, signal });
    if (config.debug) emit(config, ex, attempt, started, res.status, undefined);
    return res;
  } catch (err) {
    if (config.debug) emit(config, ex, attempt, started, undefined, networkErrorCode(err));
    throw err;
  }
}

function hopOf(res: AxiosResponse<string>, refused?: string): Hop {
  const ra = res.headers['retry-after'];
  const hop = { status: res.status, text: typeof res.data === 'string' ? res.data : '', retryAfter: typeof ra === 'string' ? ra : undefined };
  return refused === undefined ? hop : { ...hop, refused };
}

function emit(config: VaultClientConfig, ex: Exchange, attempt: number, started: number, status?: number, errorCode?: string): void {
  const event = { method: ex.method, path: safePath(ex), durationMs: performance.now() - started, attempt };
  try {
    config.debug?.(status === undefined ? { ...event, errorCode: errorCode ?? 'UNKNOWN' } : { ...event, status });
  } catch {
    // a debug hook must not break requests
  }
}

/** The path as it may appear in errors and debug events (a token in a legacy path is hidden). */
function safePath(ex: Exchange): string {
  return redact(ex.path, ex.token === undefined ? [] : [ex.token]);
}
