/**
 * Turns raw 2xx text into a typed {@link VaultResponse}; wrong shapes → {@link VaultResponseError}.
 */
import * as z from 'zod';
import { VaultResponseError, zodIssues, type ValidationIssue } from '../errors.js';
import { EnvelopeSchema, toVaultResponse, type VaultResponse } from './envelope.js';
import { redact } from './to-vault-error.js';

/** Where the response came from, for error messages. */
export interface ResponseContext {
  readonly method: string;
  readonly path: string;
}

/** Parses JSON text; `undefined` for an empty body. */
export function parseJson(text: string, ctx: ResponseContext): unknown {
  if (text === '' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw shapeError(ctx, [{ path: '(body)', message: 'is not JSON' }]);
  }
}

/**
 * Whether a 404 body is Vault's answer for an absent object (`{"errors":[]}`), as
 * opposed to a 404 that names a cause such as a missing route or namespace.
 */
export function isPlainNotFound(text: string): boolean {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    return Array.isArray(body.errors) && body.errors.length === 0;
  } catch {
    return false;
  }
}

/** Validates the envelope and (unless the answer is wrapped) `data` with the caller's schema. */
export function toResponse<T>(body: unknown, schema: z.ZodType<T> | undefined, ctx: ResponseContext): VaultResponse<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw shapeError(ctx, [{ path: '(body)', message: 'must be a JSON object' }]);
  }
  const env = EnvelopeSchema.safeParse(body);
  if (!env.success) throw shapeError(ctx, zodIssues(env.error));
  const record = body as Record<string, unknown>;
  const raw = 'data' in record ? record['data'] : body;
  if (env.data.wrap_info) return toVaultResponse(env.data, (raw ?? null) as T);
  return toVaultResponse(env.data, validateData(raw, schema, ctx));
}

/** Validates a value with the caller's schema; issues are reported under `data`. */
export function validateData<T>(raw: unknown, schema: z.ZodType<T> | undefined, ctx: ResponseContext, prefix = 'data'): T {
  if (schema === undefined) return raw as T;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw shapeError(ctx, zodIssues(parsed.error, prefix));
  return parsed.data;
}

/** Builds a {@link VaultResponseError}. */
export function shapeError(ctx: ResponseContext, issues: ValidationIssue[]): VaultResponseError {
  return new VaultResponseError({ method: ctx.method, path: redact(ctx.path, []), issues });
}

/** `sys/health` answer. */
export interface VaultHealth {
  /** 200 active, 429 standby, 472 DR secondary, 473 performance standby, 474 unhealthy standby, 501 not initialised, 503 sealed. */
  status: number;
  initialized: boolean;
  sealed: boolean;
  standby: boolean;
  performanceStandby?: boolean;
  version?: string;
  clusterName?: string;
}

/** Statuses `sys/health` uses to report state rather than failure. */
export const HEALTH_STATUSES: ReadonlySet<number> = new Set([200, 429, 472, 473, 474, 501, 503]);

const HealthSchema = z.object({
  initialized: z.boolean(),
  sealed: z.boolean(),
  standby: z.boolean(),
  performance_standby: z.boolean().nullish(),
  version: z.string().nullish(),
  cluster_name: z.string().nullish(),
});

/** Parses a `sys/health` body. */
export function toHealth(status: number, text: string, ctx: ResponseContext): VaultHealth {
  const h = validateData(parseJson(text, ctx), HealthSchema, ctx, 'body');
  const out: VaultHealth = { status, initialized: h.initialized, sealed: h.sealed, standby: h.standby };
  if (h.performance_standby != null) out.performanceStandby = h.performance_standby;
  if (h.version) out.version = h.version;
  if (h.cluster_name) out.clusterName = h.cluster_name;
  return out;
}
