import type { VaultClient } from '../http/index.js';
import { policyName } from '../plan/index.js';
import { deleteRole } from '../vault/database.js';
import { revokeCredsLeases } from '../vault/leases.js';
import { deletePolicy } from '../vault/policies.js';

/**
 * Removes a role and its credentials policy, credentials first: if revocation fails the
 * role stays, so a retry can still revoke (a user is never orphaned); the role goes after
 * the policy because it is what a re-run finds. The policy is deleted once more at the end:
 * a create racing this removal may have written it in between. Absent parts are fine.
 */
export async function removeRoleAndPolicy(client: VaultClient, mount: string, role: string): Promise<void> {
  await revokeCredsLeases(client, mount, role);
  await deletePolicy(client, policyName(role));
  await deleteRole(client, mount, role);
  await deletePolicy(client, policyName(role));
}
