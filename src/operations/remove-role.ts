import type { VaultClient } from '../http/index.js';
import { LaminVaultConflictError } from '../errors.js';
import { policyName } from '../plan/index.js';
import { deleteRole, readRole } from '../vault/database.js';
import { revokeCredsLeases } from '../vault/leases.js';
import { deletePolicy } from '../vault/policies.js';

/** Removal rounds before a create that keeps rewriting the role is reported as a conflict. */
const REMOVAL_ROUNDS = 3;

/**
 * Removes a role and its credentials policy. The policy goes first, so the collaborator
 * can request no more credentials. Credentials are revoked before the role: if revocation
 * fails the role stays, so a retry can still revoke (a user is never orphaned); the role
 * goes last because it is what a re-run finds. Credentials issued while we revoked (a
 * request already past the policy check) are revoked once more after the role is gone
 * (Vault keeps each lease's revocation statements). The policy is deleted once more too,
 * and the role must then be gone: a create racing this removal may have written the role
 * after our delete and seen it in its read-back, and our last policy delete would leave
 * that role without its policy. Vault has no transactions, so the remover is the one that
 * checks last. Absent parts are fine.
 */
export async function removeRoleAndPolicy(client: VaultClient, mount: string, role: string): Promise<void> {
  for (let round = 0; round < REMOVAL_ROUNDS; round++) {
    await deletePolicy(client, policyName(role));
    await revokeCredsLeases(client, mount, role);
    await deleteRole(client, mount, role);
    await revokeCredsLeases(client, mount, role);
    await deletePolicy(client, policyName(role));
    if ((await readRole(client, mount, role)) === undefined) return;
  }
  throw new LaminVaultConflictError(`role ${role} was written again by another run while it was removed; re-run to converge`);
}
