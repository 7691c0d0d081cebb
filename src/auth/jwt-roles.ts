import type { VaultClient } from '../http/index.js';
import { instanceAdminPolicyName } from '../plan/index.js';
import { writePolicy } from '../vault/policies.js';
import { renderInstanceAdminPolicy } from './admin-policy.js';
import type { ConfigureJwtAuthSpec } from './configure-jwt-auth.js';
import { deleteJwtRole, writeJwtRole } from './vault-jwt.js';

/** Body of a per-instance JWT role: `sub` is the user, audiences always bound (C30). */
export function jwtRoleBody(i: ConfigureJwtAuthSpec, policies: string[], boundSubjects?: string[]): Record<string, unknown> {
  return {
    role_type: 'jwt',
    user_claim: 'sub',
    bound_audiences: i.boundAudiences,
    ...(boundSubjects ? { bound_claims: { sub: boundSubjects }, bound_claims_type: 'string' } : {}),
    token_policies: policies,
    token_no_default_policy: true,
    token_ttl: i.ttl,
    token_max_ttl: i.maxTtl,
    token_type: 'service',
    ...(i.clockSkewLeewaySeconds === undefined ? {} : {
      clock_skew_leeway: i.clockSkewLeewaySeconds,
      expiration_leeway: i.clockSkewLeewaySeconds,
      not_before_leeway: i.clockSkewLeewaySeconds,
    }),
  };
}

/** JWT role of an instance's admins. */
export const jwtAdminRoleName = (instanceId: string): string => `${instanceId}-admin`;

/**
 * Writes (or, for `[]`, deletes) the admin login role; the admin policy comes from the
 * fixed template, as for hub-issued admin tokens. Returns the role name when written.
 */
export async function applyJwtAdminRole(client: VaultClient, i: ConfigureJwtAuthSpec): Promise<string | undefined> {
  if (i.adminSubjects === undefined) return undefined;
  const role = jwtAdminRoleName(i.instanceId);
  if (i.adminSubjects.length === 0) {
    await deleteJwtRole(client, i.mount, role);
    return undefined;
  }
  const policy = instanceAdminPolicyName(i.instanceId);
  await writePolicy(client, policy, renderInstanceAdminPolicy(i.instanceId, i.databaseMount));
  await writeJwtRole(client, i.mount, role, jwtRoleBody(i, [policy], i.adminSubjects));
  return role;
}
