import type { VaultClient } from '../http/index.js';
import { policyName, roleName } from '../plan/index.js';
import { readRole } from '../vault/database.js';
import { CollaboratorRefSchema, type CollaboratorRef } from './collaborator-input.js';
import { parseInput, requireClient } from './parse-input.js';
import { reportingLostRace } from './lost-race.js';
import { removeRoleAndPolicy } from './remove-role.js';

export interface DeleteCollaboratorRoleResult {
  roleName: string;
  policyName: string;
  /** Whether the Vault role existed before the call. */
  existed: boolean;
}

/**
 * Removes a collaborator: deletes the policy (no new credentials), revokes every
 * outstanding lease of the role (so its Postgres users are dropped and their sessions
 * ended while the role's revocation statements still exist — field failure C04), deletes
 * the role, then revokes once more for credentials issued meanwhile. Deleting an absent
 * collaborator succeeds.
 *
 * Minimal policy: `update`,`sudo` on `sys/leases/revoke-prefix/<mount>/creds/<role>`;
 * `read`,`delete` on `<mount>/roles/<role>`; `delete` on `sys/policies/acl/<role>-policy`.
 * @example
 * await deleteCollaboratorRole(client, { instanceId, accountId });
 */
export async function deleteCollaboratorRole(
  client: VaultClient,
  input: CollaboratorRef,
): Promise<DeleteCollaboratorRoleResult> {
  requireClient(client);
  const ref = parseInput(CollaboratorRefSchema, input);
  const role = roleName(ref.instanceId, ref.accountId);
  const existed = (await readRole(client, ref.mount, role)) !== undefined;
  await reportingLostRace(`collaborator role ${role}`, () => removeRoleAndPolicy(client, ref.mount, role));
  return { roleName: role, policyName: policyName(role), existed };
}
