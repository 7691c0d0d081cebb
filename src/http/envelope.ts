/**
 * Vault's response envelope: zod schemas built once at module load, mapped to camelCase.
 */
import * as z from 'zod';

/** Wrapping info of a response-wrapped answer (`X-Vault-Wrap-TTL`). */
export interface VaultWrapInfo {
  token: string;
  ttl: number;
  creationTime: string;
  creationPath: string;
  accessor?: string;
  wrappedAccessor?: string;
}

/** The `auth` block of logins and token creation. */
export interface VaultAuth {
  clientToken: string;
  accessor: string;
  policies: string[];
  tokenPolicies: string[];
  leaseDuration: number;
  renewable: boolean;
  metadata: Record<string, string> | null;
  entityId?: string;
  orphan?: boolean;
  tokenType?: string;
}

/**
 * A parsed Vault response. `data` is Vault's `data` field (snake_case inside), validated by
 * the caller's schema; for endpoints that answer without an envelope (no `data` key, e.g.
 * `sys/seal-status`) it is the whole body; for a wrapped response it is `null`, unvalidated.
 */
export interface VaultResponse<T> {
  data: T;
  leaseId: string;
  leaseDuration: number;
  renewable: boolean;
  warnings: string[];
  wrapInfo?: VaultWrapInfo;
  auth?: VaultAuth;
}

const UNITS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Seconds from a number, a digit string or a Go duration (`1h30m`, `90s`); NaN if unreadable. */
export function durationSeconds(v: number | string): number {
  if (typeof v === 'number') return v;
  if (/^\d+$/.test(v)) return Number(v);
  let total = 0;
  let rest = v;
  const part = /^(\d+(?:\.\d+)?)(h|ms|m|s)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return Number.NaN;
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return v === '' ? Number.NaN : Math.round(total);
}

const Duration = z
  .union([z.number(), z.string()])
  .transform(durationSeconds)
  .refine((n) => Number.isFinite(n) && n >= 0, 'must be a duration');

const WrapInfoSchema = z.object({
  token: z.string(),
  ttl: Duration,
  creation_time: z.string(),
  creation_path: z.string(),
  accessor: z.string().nullish(),
  wrapped_accessor: z.string().nullish(),
});

const AuthSchema = z.object({
  client_token: z.string(),
  accessor: z.string().nullish(),
  policies: z.array(z.string()).nullish(),
  token_policies: z.array(z.string()).nullish(),
  lease_duration: Duration.nullish(),
  renewable: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  entity_id: z.string().nullish(),
  orphan: z.boolean().nullish(),
  token_type: z.string().nullish(),
});

/** The envelope; `data` is left to the caller's schema. */
export const EnvelopeSchema = z.object({
  lease_id: z.string().nullish(),
  lease_duration: Duration.nullish(),
  renewable: z.boolean().nullish(),
  warnings: z.array(z.string()).nullish(),
  wrap_info: WrapInfoSchema.nullish(),
  auth: AuthSchema.nullish(),
});

/** `LIST` answers `data.keys`. */
export const ListDataSchema = z.object({ keys: z.array(z.string()) });

/** Maps a parsed envelope to camelCase; `data` is passed in already validated. */
export function toVaultResponse<T>(env: z.output<typeof EnvelopeSchema>, data: T): VaultResponse<T> {
  const out: VaultResponse<T> = {
    data,
    leaseId: env.lease_id ?? '',
    leaseDuration: env.lease_duration ?? 0,
    renewable: env.renewable ?? false,
    warnings: env.warnings ?? [],
  };
  const w = env.wrap_info;
  if (w) {
    out.wrapInfo = { token: w.token, ttl: w.ttl, creationTime: w.creation_time, creationPath: w.creation_path };
    if (w.accessor) out.wrapInfo.accessor = w.accessor;
    if (w.wrapped_accessor) out.wrapInfo.wrappedAccessor = w.wrapped_accessor;
  }
  if (env.auth) out.auth = toAuth(env.auth);
  return out;
}

function toAuth(a: z.output<typeof AuthSchema>): VaultAuth {
  const auth: VaultAuth = {
    clientToken: a.client_token,
    accessor: a.accessor ?? '',
    policies: a.policies ?? [],
    tokenPolicies: a.token_policies ?? [],
    leaseDuration: a.lease_duration ?? 0,
    renewable: a.renewable ?? false,
    metadata: a.metadata ?? null,
  };
  if (a.entity_id) auth.entityId = a.entity_id;
  if (a.orphan != null) auth.orphan = a.orphan;
  if (a.token_type) auth.tokenType = a.token_type;
  return auth;
}
