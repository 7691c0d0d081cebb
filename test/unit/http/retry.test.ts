import { describe, expect, it } from 'vitest';
import { isNeverRetried, isRetryableStatus, mayRetry, parseRetryAfter, retryDelayMs, sleep } from '../../../src/http/retry.js';

const cfg = { limit: 2, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('retry policy', () => {
  it('retries 412, 429 and 5xx except 501', () => {
    for (const s of [412, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [200, 204, 307, 400, 401, 403, 404, 405, 409, 501]) expect(isRetryableStatus(s)).toBe(false);
  });

  it('never retries credential issuing, token creation or unwrap', () => {
    expect(isNeverRetried('GET', ['database', 'creds', 'r'])).toBe(true);
    expect(isNeverRetried('GET', ['team', 'db', 'creds', 'r'])).toBe(true);
    expect(isNeverRetried('POST', ['aws', 'creds', 'r'])).toBe(true);
    expect(isNeverRetried('POST', ['auth', 'token', 'create'])).toBe(true);
    expect(isNeverRetried('POST', ['auth', 'token', 'create-orphan'])).toBe(true);
    expect(isNeverRetried('POST', ['auth', 'token', 'create', 'role-x'])).toBe(true);
    expect(isNeverRetried('POST', ['sys', 'wrapping', 'unwrap'])).toBe(true);
    expect(isNeverRetried('GET', ['database', 'roles', 'r'])).toBe(false);
    expect(isNeverRetried('GET', ['database', 'static-creds', 'r'])).toBe(false);
    // lease bookkeeping under a creds prefix is not credential issuing
    expect(isNeverRetried('LIST', ['sys', 'leases', 'lookup', 'database', 'creds', 'r'])).toBe(false);
    expect(isNeverRetried('POST', ['sys', 'leases', 'revoke-prefix', 'database', 'creds', 'r'])).toBe(false);
  });

  it('retries idempotent methods by default; writes only when marked; never-list wins', () => {
    expect(mayRetry('GET', ['x'], undefined)).toBe(true);
    expect(mayRetry('LIST', ['x'], undefined)).toBe(true);
    expect(mayRetry('DELETE', ['x'], undefined)).toBe(true);
    expect(mayRetry('POST', ['x'], undefined)).toBe(false);
    expect(mayRetry('PATCH', ['x'], undefined)).toBe(false);
    expect(mayRetry('POST', ['x'], true)).toBe(true);
    expect(mayRetry('GET', ['x'], false)).toBe(false);
    expect(mayRetry('GET', ['database', 'creds', 'r'], true)).toBe(false);
    expect(mayRetry('POST', ['auth', 'token', 'create'], true)).toBe(false);
    expect(mayRetry('POST', ['sys', 'wrapping', 'unwrap'], true)).toBe(false);
  });

  it('backs off with full jitter under a capped exponential ceiling', () => {
    for (let i = 0; i < 200; i++) {
      expect(retryDelayMs(1, cfg)).toBeLessThan(100);
      expect(retryDelayMs(3, cfg)).toBeLessThan(400);
      expect(retryDelayMs(10, cfg)).toBeLessThan(1_000);
      expect(retryDelayMs(1, cfg)).toBeGreaterThanOrEqual(0);
    }
  });

  it('honours Retry-After (seconds or HTTP date), capped by maxDelayMs', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(retryDelayMs(1, cfg, '0', now)).toBe(0);
    expect(retryDelayMs(1, cfg, '30', now)).toBe(1_000);
  });

  it('sleep ends early on abort', async () => {
    const ctl = new AbortController();
    const started = Date.now();
    const p = sleep(5_000, ctl.signal);
    ctl.abort();
    await p;
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
