/**
 * The one error family of lamin-vault.
 *
 * Every error the library throws on purpose is a {@link LaminVaultError}. Errors carry only
 * safe, structured context (status, Vault's messages, method, path): never a token, a
 * password, a request body or a raw axios error (axios serialises headers and bodies).
 * `toJSON()` and `util.inspect` print exactly the safe fields.
 *
 * Deliberately outside the family: `TypeError`s from calling the API with the wrong
 * JavaScript types where TypeScript would already have refused the call.
 */
import { STATUS_CODES } from 'node:http';
import type * as z from 'zod';

/** Discriminant of every {@link LaminVaultError}. */
export type LaminVaultErrorCode =
  | 'VALIDATION'
  | 'VAULT_HTTP'
  | 'VAULT_NETWORK'
  | 'VAULT_TIMEOUT'
  | 'VAULT_RESPONSE'
  | 'CONFLICT'
  | 'ABORTED';

/** One problem found while validating input, config or a response: `path` like `retry.limit`. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

// Shared across realms and across the ESM/CJS copies of this package.
const BRAND = Symbol.for('lamin-vault.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type InspectFn = (value: unknown, options: object) => string;

/** Base class: `code` tells the kind; subclasses add safe context fields. */
export class LaminVaultError extends Error {
  override name = 'LaminVaultError';
  readonly code: LaminVaultErrorCode;

  constructor(code: LaminVaultErrorCode, message: string, options?: { cause?: { code: string } }) {
    super(message, options);
    this.code = code;
  }

  /** Safe JSON: name, code, message and the subclass's context fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of Object.keys(this)) {
      if (key !== 'name' && key !== 'code') out[key] = (this as Record<string, unknown>)[key];
    }
    if (isCodeCause(this.cause)) out['cause'] = { code: this.cause.code };
    return out;
  }

  /**
   * `util.inspect`: the stack (message included) and the safe JSON fields, nothing else.
   * @internal Node's inspect hook, not API.
   */
  [INSPECT](_depth: number, options: object, inspect: InspectFn): string {
    const { name: _n, message: _m, ...fields } = this.toJSON();
    return `${this.stack ?? `${this.name}: ${this.message}`} ${inspect(fields, options)}`;
  }
}
Object.defineProperty(LaminVaultError.prototype, BRAND, { value: true });

/** Bad input or config, thrown before any request is made. The message names fields, never values. */
export class LaminVaultValidationError extends LaminVaultError {
  override name = 'LaminVaultValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], what = 'input') {
    super('VALIDATION', `Invalid ${what}: ${formatIssues(issues)}`);
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ ...i })));
  }

  /**
   * Converts a zod error; `prefix` is prepended to each issue path (`retry` → `retry.limit`),
   * `what` names the thing in the message (default `input`).
   * @example
   * const parsed = retrySchema.safeParse(options.retry);
   * if (!parsed.success) throw LaminVaultValidationError.fromZod(parsed.error, 'retry', 'options');
   * // → "Invalid options: retry.limit: expected number, received string"
   */
  static fromZod(error: z.ZodError, prefix?: string, what?: string): LaminVaultValidationError {
    return new this(zodIssues(error, prefix), what); // `this`, not the class name: see VaultClient.withOptions
  }
}

/** Vault answered with a non-2xx status. Subclasses exist for the statuses callers branch on. */
export class VaultHttpError extends LaminVaultError {
  override name = 'VaultHttpError';
  /** HTTP status Vault answered with. */
  readonly status: number;
  /** Every message Vault returned (`errors[]`, else `error`, else short text); may be empty. */
  readonly errors: readonly string[];
  /** HTTP method, e.g. `LIST`. */
  readonly method: string;
  /** Request path like `/v1/sys/policies/acl/x`, no query string. */
  readonly path: string;

  constructor(init: { status: number; errors: readonly string[]; method: string; path: string; detail?: string }) {
    const text = init.detail ?? init.errors.join('; ').replace(/\s+/g, ' ').trim();
    super('VAULT_HTTP', `Vault ${init.status} ${STATUS_CODES[init.status] ?? 'Error'}: ${text} (${init.method} ${init.path})`);
    this.status = init.status;
    this.errors = Object.freeze([...init.errors]);
    this.method = init.method;
    this.path = init.path;
  }
}

/** 404: the object does not exist (lets deletes be idempotent). */
export class VaultNotFoundError extends VaultHttpError {
  override name = 'VaultNotFoundError';
}
/** 403: the token may not do this (or the namespace is wrong). */
export class VaultPermissionDeniedError extends VaultHttpError {
  override name = 'VaultPermissionDeniedError';
}
/** 429: rate limited (or a standby answering `sys/health`). */
export class VaultRateLimitedError extends VaultHttpError {
  override name = 'VaultRateLimitedError';
}
/** 5xx: sealed, standby, not initialised, or a server-side failure. */
export class VaultUnavailableError extends VaultHttpError {
  override name = 'VaultUnavailableError';
}

/**
 * No HTTP response: connection refused/reset, DNS, TLS. `cause` is only `{ code }`. `address`
 * is the client's Vault address (the config refuses credentials in it), so "which Vault?" has
 * an answer when it is unreachable.
 */
export class VaultNetworkError extends LaminVaultError {
  override name = 'VaultNetworkError';
  readonly method: string;
  readonly path: string;
  readonly address: string | undefined;

  constructor(init: { method: string; path: string; code: string; address?: string }) {
    const where = init.address === undefined ? '' : ` at ${init.address}`;
    super('VAULT_NETWORK', `Vault request failed: ${init.code} (${init.method} ${init.path}${where})`, {
      cause: { code: init.code },
    });
    this.method = init.method;
    this.path = init.path;
    this.address = init.address;
  }
}

/** The call (all attempts and redirects) took longer than `timeoutMs`. */
export class VaultTimeoutError extends LaminVaultError {
  override name = 'VaultTimeoutError';
  readonly method: string;
  readonly path: string;
  readonly timeoutMs: number;

  constructor(init: { method: string; path: string; timeoutMs: number }) {
    super('VAULT_TIMEOUT', `Vault request timed out after ${init.timeoutMs} ms (${init.method} ${init.path})`);
    this.method = init.method;
    this.path = init.path;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. */
export class VaultAbortedError extends LaminVaultError {
  override name = 'VaultAbortedError';
  readonly method: string;
  readonly path: string;

  constructor(init: { method: string; path: string }) {
    super('ABORTED', `Vault request aborted (${init.method} ${init.path})`);
    this.method = init.method;
    this.path = init.path;
  }
}

/** Vault answered 2xx but the body did not have the expected shape. */
export class VaultResponseError extends LaminVaultError {
  override name = 'VaultResponseError';
  readonly method: string;
  readonly path: string;
  readonly issues: readonly ValidationIssue[];

  constructor(init: { method: string; path: string; issues: readonly ValidationIssue[] }) {
    super('VAULT_RESPONSE', `Unexpected Vault response: ${formatIssues(init.issues)} (${init.method} ${init.path})`);
    this.method = init.method;
    this.path = init.path;
    this.issues = Object.freeze(init.issues.map((i) => Object.freeze({ ...i })));
  }
}

/** The desired state conflicts with what exists (e.g. a collaborator with another level). */
export class LaminVaultConflictError extends LaminVaultError {
  override name = 'LaminVaultConflictError';

  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * True for any lamin-vault error, also across realms and package copies.
 * @example
 * try {
 *   await initInstanceVault(client, input);
 * } catch (e) {
 *   if (!isLaminVaultError(e)) throw e;
 *   console.error(e.code, e.message); // safe to log: no tokens or passwords
 * }
 */
export function isLaminVaultError(e: unknown): e is LaminVaultError {
  return e instanceof LaminVaultError || (typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true);
}

/**
 * True for a {@link VaultHttpError}, optionally with the given status.
 * @example
 * try {
 *   await client.delete(['sys', 'policies', 'acl', name]);
 * } catch (e) {
 *   if (!isVaultError(e, 404)) throw e; // already gone is fine
 * }
 */
export function isVaultError(e: unknown, status?: number): e is VaultHttpError {
  if (!isLaminVaultError(e) || e.code !== 'VAULT_HTTP') return false;
  return status === undefined || (e as VaultHttpError).status === status;
}

/**
 * Maps zod issues to `{ path, message }`; zod messages describe the rule, not the value.
 * @example
 * const result = z.object({ limit: z.number() }).safeParse({ limit: 'x' });
 * if (!result.success) zodIssues(result.error, 'retry'); // [{ path: 'retry.limit', message: 'Invalid input: expected number, received string' }]
 */
export function zodIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => {
    const parts = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)));
    const joined = parts.join('.').replace(/\.\[/g, '[');
    const path = prefix ? (joined ? (joined.startsWith('[') ? prefix + joined : `${prefix}.${joined}`) : prefix) : joined;
    // zod 4 starts most messages with "Invalid input: "; our message already says so.
    return { path: path || '(root)', message: issue.message.replace(/^Invalid input: /, '') };
  });
}

function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

function isCodeCause(cause: unknown): cause is { code: string } {
  return typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string';
}
