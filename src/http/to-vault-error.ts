/**
 * The one mapping from a failed exchange to the error family. Only this file looks at what
 * axios threw, and it keeps nothing of it but a sanitised error code.
 */
import {
  VaultHttpError,
  VaultNotFoundError,
  VaultPermissionDeniedError,
  VaultRateLimitedError,
  VaultUnavailableError,
} from '../errors.js';

/** What the mapper may know about the request (never put into the error as such). */
export interface ErrorContext {
  readonly method: string;
  readonly path: string;
  readonly namespaceSent: boolean;
  /** Token that was sent: redacted should Vault ever echo it. */
  readonly token: string | undefined;
  /** The request body: secret-looking values in it are redacted from Vault's messages. */
  readonly body: object | undefined;
}

const MAX_TEXT = 200;

/** Status → error class; unknown statuses get the plain {@link VaultHttpError}. */
export function httpError(status: number, bodyText: string, ctx: ErrorContext, detail?: string): VaultHttpError {
  const secrets = collectSecrets(ctx);
  const errors = parseMessages(bodyText).map((m) => redact(m, secrets));
  let text = detail;
  if (text === undefined && errors.length === 0) {
    text = `no error message from Vault${status === 403 && !ctx.namespaceSent ? ' (missing namespace?)' : ''}`;
  }
  const init = { status, errors, method: ctx.method, path: redact(ctx.path, secrets), ...(text === undefined ? {} : { detail: text }) };
  if (status === 404) return new VaultNotFoundError(init);
  if (status === 403) return new VaultPermissionDeniedError(init);
  if (status === 429) return new VaultRateLimitedError(init);
  if (status >= 500 && status <= 599) return new VaultUnavailableError(init);
  return new VaultHttpError(init);
}

/** Vault's messages in a fixed order: `errors[]`, else `error`, else short raw text. */
export function parseMessages(bodyText: string): string[] {
  const text = bodyText.trim();
  if (text === '') return [];
  if (text.startsWith('{')) {
    try {
      const body = JSON.parse(text) as { errors?: unknown; error?: unknown };
      if (Array.isArray(body.errors)) {
        const list = body.errors.filter((e): e is string => typeof e === 'string' && e !== '');
        if (list.length > 0 || typeof body.error !== 'string') return list;
      }
      if (typeof body.error === 'string' && body.error !== '') return [body.error];
      return [];
    } catch {
      // not JSON after all: fall through to raw text
    }
  }
  const flat = text.replace(/\s+/g, ' ');
  return [flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT)}…` : flat];
}

/** A sanitised error code from whatever the transport threw, e.g. `ECONNREFUSED`. */
export function networkErrorCode(err: unknown): string {
  const own = codeOf(err);
  const inner = codeOf((err as { cause?: unknown } | undefined)?.cause);
  // axios reports a body cut short mid-stream as ERR_BAD_RESPONSE with no cause.
  if (own === 'ERR_BAD_RESPONSE' && !inner) return 'ERR_RESPONSE_TRUNCATED';
  const code = own && own.startsWith('ERR_BAD') && inner ? inner : (own ?? inner);
  return code && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : 'UNKNOWN';
}

function codeOf(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

const SECRET_KEY = /pass|secret|token|private|credential|key$|connection_url/i;
const USERINFO = /(\/\/[^:/@\s]+:)[^/\s]*@/g;
const TOKEN_LIKE = /\b(?:hv[sbr]|[sbr])\.[A-Za-z0-9_-]{20,}/g;

/** Strings worth hiding: the token and secret-looking values (≥ 4 chars) of the body. */
function collectSecrets(ctx: ErrorContext): string[] {
  const out: string[] = ctx.token ? [ctx.token] : [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    for (const [k, val] of Object.entries(v)) {
      if (typeof val === 'string' && val.length >= 4 && SECRET_KEY.test(k)) out.push(val);
      else walk(val, depth + 1);
    }
  };
  walk(ctx.body, 0);
  return out;
}

/** Replaces known secrets, URL passwords and token-shaped strings with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
  return out.replace(USERINFO, '$1***@').replace(TOKEN_LIKE, '***');
}
