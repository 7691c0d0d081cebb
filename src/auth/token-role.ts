import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { DEFAULT_TOKEN_ROLE, TtlSchema } from '../plan/index.js';
import { TokenRoleNameSchema } from './inputs.js';
import { writeTokenRole } from './vault-tokens.js';

const EnsureTokenRoleSchema = z.strictObject({
  name: TokenRoleNameSchema.default(DEFAULT_TOKEN_ROLE),
  /** Hard cap on any token created through the role. Default: `24h`. */
  maxTtl: TtlSchema.default('24h'),
});
/**
 * Input of {@link ensureTokenRole}.
 * @interface
 */
export type EnsureTokenRoleInput = z.input<typeof EnsureTokenRoleSchema>;

/** Policy names the role may put on a token: per-collaborator, public-read and instance-admin ones. */
export const TOKEN_ROLE_POLICY_GLOB = '*-db-policy';

/** The token role's body: fixed, so re-running converges. */
export function tokenRoleBody(maxTtl: string): Record<string, unknown> {
  return {
    // Orphans: not revoked when the issuing service token expires (the original's
    // children died with their 30-minute AppRole parent, §9 item 24).
    orphan: true,
    // Roles bypass "child policies must be subset of parent" (C29); the glob is the limit instead.
    allowed_policies: [],
    allowed_policies_glob: [TOKEN_ROLE_POLICY_GLOB],
    disallowed_policies: ['root'],
    token_explicit_max_ttl: maxTtl,
    token_no_default_policy: true,
    renewable: false,
    token_type: 'service',
  };
}

/**
 * Creates or updates the token role that `issueCollaboratorToken` and
 * `issueInstanceAdminToken` create tokens through. Run once at setup with an
 * operator token; idempotent.
 *
 * Minimal policy: `create`,`update` on `auth/token/roles/<name>`.
 * @example
 * await ensureTokenRole(rootClient);                      // lamin-vault-issuer, max 24h
 * await ensureTokenRole(rootClient, { maxTtl: '8h' });
 */
export async function ensureTokenRole(client: VaultClient, input: EnsureTokenRoleInput = {}): Promise<{ name: string }> {
  requireClient(client);
  const { name, maxTtl } = parseInput(EnsureTokenRoleSchema, input);
  await writeTokenRole(client, name, tokenRoleBody(maxTtl));
  return { name };
}
