import * as z from 'zod';
import { AccountIdSchema, DEFAULT_TOKEN_ROLE, InstanceIdSchema, MountSchema, TtlSchema } from '../plan/index.js';

/** A token role name: `[A-Za-z0-9_-]`, as Vault's token store accepts. */
export const TokenRoleNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be [A-Za-z0-9_-], ≤ 64 chars');

/** A compact JWS (`header.payload.signature`), as a hub or an IdP issues it. Never logged. */
export const JwtSchema = z
  .string()
  .min(1)
  .max(16_384)
  .regex(/^[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*$/, 'must look like a JWT (three dot-separated base64url parts)');

/** Options shared by the token-issuing functions. */
export const IssueOptionsSchema = z.object({
  instanceId: InstanceIdSchema,
  /** Lifetime of the issued token. Default: `1h`. */
  ttl: TtlSchema.default('1h'),
  /** Lifetime of the single-use wrapping token. Default: `60s`. */
  wrapTtl: TtlSchema.default('60s'),
  /** Token role to create through (see `ensureTokenRole`). Default: `lamin-vault-issuer`. */
  tokenRole: TokenRoleNameSchema.default(DEFAULT_TOKEN_ROLE),
});

export { AccountIdSchema, InstanceIdSchema, MountSchema, TtlSchema };
