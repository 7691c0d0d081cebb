/**
 * Sends one logical request: deadline, abort, retries with backoff, standby redirects,
 * debug events, error mapping. Knows nothing about Vault's envelope.
 */
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { VaultClientConfig } from '../config.js';
import { VaultAbortedError, VaultNetworkError, VaultTimeoutError, type LaminVaultError } from '../errors.js';
import type { HttpStack } from './agent.js';
import { isRetryableStatus, isStorageConflict, RETRYABLE_NETWORK_CODES, retryDelayMs, sleep } from './retry.js';
import { httpError, networkErrorCode, redact } from './to-vault-error.js';

/** Standby nodes answer 307; we follow at most this many hops, same scheme only. */
export const MAX_REDIRECTS = 3;

// Node timers run on a millisecond loop clock: one may fire up to a millisecond before
// `performance.now()` says the deadline passed.
const TIMER_SLACK_MS = 2;

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
  /** What the adapter gets instead of `signal`, if set (see {@link send}). */
  readonly adapterSignal?: AbortSignal;
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

/**
 * Runs an exchange to a final response or a typed error. The deadline reaches our adapter as
 * axios's `timeout` (what is left of the budget, per hop) and the caller's signal as `signal`:
 * no per-request AbortController, timer or listener (in a profile they cost more than all our
 * other bookkeeping); backoff sleeps are cut to what is left of the budget.
 */
export function send(stack: HttpStack, config: VaultClientConfig, ex: Exchange): Promise<RawResponse> {
  if (ex.signal?.aborted) return Promise.reject(new VaultAbortedError({ method: ex.method, path: safePath(ex) }));
  // Not async: on this, the common path, a wrapper promise would cost more than the call.
  if (stack.ownAdapter) return sendWithin(stack, config, ex, ex.signal);
  return sendWithDeadlineSignal(stack, config, ex);
}

/**
 * A user adapter may honour `signal` but not `timeout` (axios's 'http' one treats it as idle
 * time): it also gets a signal that aborts at the deadline.
 */
async function sendWithDeadlineSignal(stack: HttpStack, config: VaultClientConfig, ex: Exchange): Promise<RawResponse> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), config.timeoutMs);
  const onAbort = () => ctl.abort();
  ex.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await sendWithin(stack, config, { ...ex, adapterSignal: ctl.signal }, ex.signal);
  } finally {
    clearTimeout(timer);
    ex.signal?.removeEventListener('abort', onAbort);
  }
}

async function sendWithin(
  stack: HttpStack,
  config: VaultClientConfig,
  ex: Exchange,
  callerSignal: AbortSignal | undefined,
): Promise<RawResponse> {
  const method = ex.method;
  const headers = buildHeaders(config, ex);
  const deadline = performance.now() + config.timeoutMs;
  const budget: Budget = { config, ex, callerSignal, signal: ex.adapterSignal ?? callerSignal, deadline };
  for (let attempt = 1; ; attempt++) {
    const canRetry = ex.retryable && attempt <= config.retry.limit;
    let res: Hop;
    try {
      res = await followRedirects(stack, config, ex, headers, deadline, attempt);
    } catch (err) {
      const stop = stopped(budget);
      if (stop) throw stop;
      const code = networkErrorCode(err);
      if (!canRetry || !RETRYABLE_NETWORK_CODES.has(code)) throw new VaultNetworkError({ method, path: safePath(ex), code, address: config.address });
      await pause(retryDelayMs(attempt, config.retry), budget);
      continue;
    }
    const s = res.status;
    if (res.refused === undefined && ((s >= 200 && s < 300) || ex.accept?.(s, res.text))) return res;
    if (res.refused === undefined && canRetry && (isRetryableStatus(s) || isStorageConflict(res.text))) {
      await pause(retryDelayMs(attempt, config.retry, res.retryAfter), budget);
      continue;
    }
    const ctx = { method, path: ex.path, namespaceSent: ex.namespace !== undefined, token: ex.token, body: ex.body };
    throw httpError(s, res.text, ctx, res.refused);
  }
}

/** What the stop checks need; one object per call instead of closures. */
interface Budget {
  readonly config: VaultClientConfig;
  readonly ex: Exchange;
  /** The caller's signal: its abort is ABORTED. */
  readonly callerSignal: AbortSignal | undefined;
  /** What cuts a backoff short (the caller's signal, or the deadline signal of a user adapter). */
  readonly signal: AbortSignal | undefined;
  readonly deadline: number;
}

/** A stop (timeout or the caller's abort) wins over whatever the adapter reported. */
function stopped({ config, ex, callerSignal, deadline }: Budget): LaminVaultError | undefined {
  if (callerSignal?.aborted) return new VaultAbortedError({ method: ex.method, path: safePath(ex) });
  if (performance.now() >= deadline - TIMER_SLACK_MS) {
    return new VaultTimeoutError({ method: ex.method, path: safePath(ex), timeoutMs: config.timeoutMs });
  }
  return undefined;
}

/** Backoff, cut to what is left of the budget; throws if the budget ran out or the caller aborted. */
async function pause(ms: number, budget: Budget): Promise<void> {
  await sleep(Math.min(ms, budget.deadline - performance.now()), budget.signal);
  const stop = stopped(budget);
  if (stop) throw stop;
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
  deadline: number,
  attempt: number,
): Promise<Hop> {
  let url = config.address + ex.path;
  for (let hop = 0; ; hop++) {
    const res = await exchangeOnce(stack, config, ex, url, headers, deadline, attempt);
    if (res.status !== 307 && res.status !== 308) return hopOf(res);
    const location = res.headers['location'];
    if (typeof location !== 'string' || location === '') return hopOf(res, 'redirect without Location');
    if (hop >= MAX_REDIRECTS) return hopOf(res, `more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== new URL(url).protocol) return hopOf(res, `redirect to ${next.protocol} refused`);
    url = next.href;
  }
}

function exchangeOnce(
  stack: HttpStack,
  config: VaultClientConfig,
  ex: Exchange,
  url: string,
  headers: Record<string, string>,
  deadline: number,
  attempt: number,
): Promise<AxiosResponse<string>> {
  // axios's timeout: the whole exchange must end by the deadline (at least 1 ms: 0 means none).
  const timeout = Math.max(1, Math.ceil(deadline - performance.now()));
  const request = { url, method: ex.method, headers, data: ex.data, timeout, signal: ex.adapterSignal ?? ex.signal };
  return config.debug ? observed(stack, config, ex, attempt, request) : stack.axios.request<string>(request);
}

/** One exchange with a debug event at its end. */
async function observed(
  stack: HttpStack,
  config: VaultClientConfig,
  ex: Exchange,
  attempt: number,
  request: AxiosRequestConfig,
): Promise<AxiosResponse<string>> {
  const started = performance.now();
  try {
    const res = await stack.axios.request<string>(request);
    emit(config, ex, attempt, started, res.status, undefined);
    return res;
  } catch (err) {
    emit(config, ex, attempt, started, undefined, networkErrorCode(err));
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
