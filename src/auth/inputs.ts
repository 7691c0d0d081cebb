import { z } from 'zod';
import { AccountIdSchema, InstanceIdSchema, MountSchema, RESERVED_ACCOUNT_IDS, TtlSchema } from '../plan/index.js';

/** An account id that can own a collaborator policy (not a reserved name such as `admin`). */
export const CollaboratorAccountIdSchema = AccountIdSchema.refine(
  (id) => !RESERVED_ACCOUNT_IDS.has(id),
  'is a reserved name',
);

/** A token role name: `[A-Za-z0-9_-]`, as Vault's token store accepts. */
export const TokenRoleNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be [A-Za-z0-9_-], ≤ 64 chars');

/** Options shared by the token-issuing functions. */
export const IssueOptionsSchema = z.object({
  instanceId: InstanceIdSchema,
  /** Lifetime of the issued token. Default: `1h`. */
  ttl: TtlSchema.default('1h'),
  /** Lifetime of the single-use wrapping token. Default: `60s`. */
  wrapTtl: TtlSchema.default('60s'),
  /** Token role to create through (see `ensureTokenRole`). Default: `lamin-vault-issuer`. */
  tokenRole: TokenRoleNameSchema.optional(),
});

export { AccountIdSchema, InstanceIdSchema, MountSchema, TtlSchema };
