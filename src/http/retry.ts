/**
 * Retry policy, written down once.
 *
 * A request is retried only when all of these hold:
 * - it is idempotent: `GET`, `LIST`, `DELETE`, or any write with `idempotent: true`
 *   (`idempotent: false` turns retries off for a read);
 * - it is not on the never-retried list, whatever the options: a `GET`/`POST` of
 *   `<mount>/creds/<role>` outside `sys/` (each read creates a database user),
 *   `auth/token/create*` (each call mints a token), `sys/wrapping/unwrap` (single-use token);
 * - the failure can pass: status 412 (Vault's eventual consistency), 429, or 5xx except 501,
 *   any status whose message is OpenBao's storage conflict (`transaction commit failed`:
 *   another request wrote the same entries; revoke-prefix reports it as a 400),
 *   or a network error before any response (`ECONNRESET`, `ECONNREFUSED`, `EPIPE`,
 *   `ETIMEDOUT`, `EAI_AGAIN`);
 * - attempts are left (`retry.limit`, default 2 retries) and the call's `timeoutMs` has not passed.
 *
 * Delay: full jitter, `random(0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))` (defaults
 * 250 ms and 5000 ms), or the server's `Retry-After` (seconds or HTTP date) capped by `maxDelayMs`.
 */
import type { VaultRetryConfig } from '../config.js';
import type { VaultPath } from './path.js';

/**
 * Network failures worth another attempt of an idempotent request: no (complete)
 * response came. Non-idempotent requests are never retried, whatever the code.
 */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ERR_RESPONSE_TRUNCATED',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'LIST', 'DELETE', 'HEAD']);

/**
 * 412, 429 and 5xx except 501 (not initialised: waiting does not help).
 * @example
 * isRetryableStatus(503); // true
 * isRetryableStatus(501); // false
 */
export function isRetryableStatus(status: number): boolean {
  return status === 412 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/**
 * Whether a failed answer is a storage transaction that lost to a concurrent one: nothing
 * was applied, and the same request can succeed a moment later.
 * @example
 * isStorageConflict('{"errors":["failed to revoke …: transaction commit failed"]}'); // true
 */
export function isStorageConflict(body: string): boolean {
  return body.includes('transaction commit failed');
}

/**
 * True for requests that must never be retried: creds reads, token creation, unwrap.
 * @example
 * isNeverRetried('GET', ['database', 'creds', role]);                // true: each read creates a user
 * isNeverRetried('POST', ['auth', 'token', 'create', 'lamin-vault-issuer']); // true
 * isNeverRetried('GET', ['database', 'roles', role]);                // false
 */
export function isNeverRetried(method: string, segments: VaultPath): boolean {
  const n = segments.length;
  const issuesCreds = (method === 'GET' || method === 'POST') && segments[0] !== 'sys';
  if (issuesCreds && n >= 3 && segments[n - 2] === 'creds') return true;
  for (let i = 0; i + 2 < n; i++) {
    const a = segments[i];
    const b = segments[i + 1];
    const c = segments[i + 2] as string;
    if (a === 'auth' && b === 'token' && c.startsWith('create')) return true;
    if (a === 'sys' && b === 'wrapping' && c === 'unwrap') return true;
  }
  return false;
}

/** Whether a request may be retried at all (before looking at the failure). */
export function mayRetry(method: string, segments: VaultPath, idempotent: boolean | undefined): boolean {
  if (isNeverRetried(method, segments)) return false;
  return idempotent ?? IDEMPOTENT_METHODS.has(method);
}

/** Delay before retry number `retry` (1-based). */
export function retryDelayMs(retry: number, config: VaultRetryConfig, retryAfter?: string, now = Date.now()): number {
  const fromServer = parseRetryAfter(retryAfter, now);
  if (fromServer !== undefined) return Math.min(fromServer, config.maxDelayMs);
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(Math.random() * ceiling);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` if absent or invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or early when `signal` aborts (the caller checks the signal). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
