import type { VaultClient } from '../http/index.js';
import { LaminVaultConflictError } from '../errors.js';
import { policyName } from '../plan/index.js';
import { deleteRole, readRole } from '../vault/database.js';
import { revokeCredsLeases } from '../vault/leases.js';
import { deletePolicy } from '../vault/policies.js';

/** Removal rounds before a create that keeps rewriting the role is reported as a conflict. */
const REMOVAL_ROUNDS = 3;

/**
 * Removes a role and its credentials policy, credentials first: if revocation fails the
 * role stays, so a retry can still revoke (a user is never orphaned); the role goes after
 * the policy because it is what a re-run finds. The policy is deleted once more after the
 * role, and the role must then be gone: a create racing this removal may have written the
 * role after our delete and seen it in its read-back, and our last policy delete would
 * leave that role without its policy. Vault has no transactions, so the remover is the
 * one that checks last. Absent parts are fine.
 */
export async function removeRoleAndPolicy(client: VaultClient, mount: string, role: string): Promise<void> {
  for (let round = 0; round < REMOVAL_ROUNDS; round++) {
    await revokeCredsLeases(client, mount, role);
    await deletePolicy(client, policyName(role));
    await deleteRole(client, mount, role);
    await deletePolicy(client, policyName(role));
    if ((await readRole(client, mount, role)) === undefined) return;
  }
  throw new LaminVaultConflictError(`role ${role} was written again by another run while it was removed; re-run to converge`);
}
