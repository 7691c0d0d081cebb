/**
 * Resolves per-call overrides (token, namespace, wrap TTL) against the client config.
 * Overrides are validated here, before any request, so a bad header value never reaches
 * the socket (and is never echoed).
 */
import { NamespaceSchema, TokenSchema, type VaultClientConfig } from '../config.js';
import { LaminVaultValidationError } from '../errors.js';

/** What the transport needs from the call options. */
export interface ResolvedCall {
  token: string | undefined;
  namespace: string | undefined;
  wrapTtl: string | undefined;
}

interface CallOptions {
  token?: string | null | undefined;
  namespace?: string | null | undefined;
  wrapTtl?: string | number | undefined;
}

const WRAP_TTL = /^(?:\d+|(?:\d+(?:h|m|s))+)$/;

/** Merges call options over the client's token and namespace. */
export function resolveCall(config: VaultClientConfig, opts: CallOptions | undefined): ResolvedCall {
  if (opts === undefined) return { token: config.token, namespace: config.namespace, wrapTtl: undefined };
  return {
    token: opts.token === undefined ? config.token : checkToken(opts.token),
    namespace: opts.namespace === undefined ? config.namespace : checkNamespace(opts.namespace),
    wrapTtl: opts.wrapTtl === undefined ? undefined : checkWrapTtl(opts.wrapTtl),
  };
}

/** Validates `withOptions` overrides; only keys present in `over` are returned. */
export function resolveOverrides(over: { token?: string; namespace?: string | null }): Partial<VaultClientConfig> {
  const out: { token?: string | undefined; namespace?: string | undefined } = {};
  if ('token' in over) out.token = checkToken(over.token ?? null);
  if ('namespace' in over) out.namespace = checkNamespace(over.namespace ?? null);
  return out;
}

function checkToken(token: string | null): string | undefined {
  if (token === null) return undefined;
  if (!TokenSchema.safeParse(token).success) throw invalid('token', 'must be a non-empty printable string');
  return token;
}

function checkNamespace(ns: string | null): string | undefined {
  if (ns === null) return undefined;
  const parsed = NamespaceSchema.safeParse(ns);
  if (!parsed.success) throw invalid('namespace', 'must be printable ASCII');
  return parsed.data;
}

function checkWrapTtl(ttl: string | number): string {
  const text = typeof ttl === 'number' ? String(ttl) : ttl;
  if (!WRAP_TTL.test(text) || /^0+$/.test(text)) throw invalid('wrapTtl', 'must be positive seconds or a duration like 60s, 5m, 1h');
  return text;
}

function invalid(path: string, message: string): LaminVaultValidationError {
  return new LaminVaultValidationError([{ path, message }], 'request options');
}
