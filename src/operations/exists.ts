import type { VaultClient } from '../http/index.js';
import { policyName, roleName } from '../plan/index.js';
import { readConnection, readRole } from '../vault/database.js';
import { readPolicy } from '../vault/policies.js';
import { CollaboratorRefSchema, type CollaboratorRef } from './collaborator-input.js';
import { InstanceRefSchema, type InstanceRef } from './instance-input.js';
import { parseInput, requireClient } from './parse-input.js';

/**
 * Whether `<mount>/config/<instanceId>` exists. A 403 is an error, not `false`:
 * a token that may not look is not evidence of absence.
 * Minimal policy: `read` on `<mount>/config/<instanceId>`.
 * @example if (!(await connectionConfigExists(client, { instanceId }))) await initInstanceVault(...);
 */
export async function connectionConfigExists(client: VaultClient, input: InstanceRef): Promise<boolean> {
  requireClient(client);
  const { instanceId, mount } = parseInput(InstanceRefSchema, input);
  return (await readConnection(client, mount, instanceId)) !== undefined;
}

/**
 * Whether both the collaborator's role and its credentials policy exist.
 * Minimal policy: `read` on `<mount>/roles/<role>` and `sys/policies/acl/<role>-policy`.
 * @example await collaboratorRoleExists(client, { instanceId, accountId });
 */
export async function collaboratorRoleExists(client: VaultClient, input: CollaboratorRef): Promise<boolean> {
  requireClient(client);
  const { instanceId, accountId, mount } = parseInput(CollaboratorRefSchema, input);
  const role = roleName(instanceId, accountId);
  const [stored, policy] = await Promise.all([readRole(client, mount, role), readPolicy(client, policyName(role))]);
  return stored !== undefined && policy !== undefined;
}
