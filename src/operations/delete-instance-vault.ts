import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { teardownRoleBody, teardownRoleName } from '../plan/index.js';
import { deleteConnection, readConnection } from '../vault/database.js';
import { InstanceRefSchema } from './instance-input.js';
import { instanceRoleNames } from './list-collaborator-roles.js';
import { parseInput, requireClient } from './parse-input.js';
import { reportingLostRace } from './lost-race.js';
import { removeRoleAndPolicy } from './remove-role.js';
import { runThroughTempRole } from './temp-role.js';

const DeleteInstanceInputSchema = InstanceRefSchema.extend({
  /**
   * Also drop the instance's Postgres group roles; what they own (tables admins
   * created) is handed to the connection user first. Users of the instance that no
   * lease tracks (`v-<instance hex>-…`, left when Vault failed to record a lease) are
   * dropped too. Default: false.
   */
  dropGroupRoles: z.boolean().default(false),
});
/**
 * Input of {@link deleteInstanceVault}.
 * @interface
 */
export type DeleteInstanceVaultInput = z.input<typeof DeleteInstanceInputSchema>;

export interface DeleteInstanceVaultResult {
  /** Vault roles removed (with their policies and leases). */
  deletedRoles: string[];
  connectionExisted: boolean;
}

/**
 * Removes everything the library created for an instance, in an order that
 * never orphans a Postgres user: revoke each role's leases, delete the role and
 * its policy, optionally drop the group roles, and delete the connection last
 * (revocation needs it). Re-running after a partial failure converges. Stop creating
 * collaborators of the instance first: a create racing the deletion can write its role
 * after the roles were listed; a re-run removes it.
 *
 * Minimal policy: see `renderServicePolicy('deleteInstanceVault')`.
 * @example await deleteInstanceVault(client, { instanceId });
 */
export async function deleteInstanceVault(client: VaultClient, input: DeleteInstanceVaultInput): Promise<DeleteInstanceVaultResult> {
  requireClient(client);
  const { instanceId, mount, dropGroupRoles } = parseInput(DeleteInstanceInputSchema, input);
  // Two deletions of one instance at once: the loser says so; a re-run converges.
  return reportingLostRace(`the deletion of instance ${instanceId}`, async () => {
    const roles = await instanceRoleNames(client, mount, instanceId);
    for (const role of roles) await removeRoleAndPolicy(client, mount, role);
    const connectionExisted = (await readConnection(client, mount, instanceId)) !== undefined;
    if (connectionExisted && dropGroupRoles) {
      await runThroughTempRole(client, mount, teardownRoleName(instanceId), teardownRoleBody(instanceId));
    }
    if (connectionExisted) await deleteConnection(client, mount, instanceId);
    return { deletedRoles: roles, connectionExisted };
  });
}
