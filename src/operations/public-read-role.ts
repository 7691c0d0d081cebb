import type { VaultClient } from '../http/index.js';
import { credsPolicy, policyName, publicReadRoleBody, publicReadRoleName } from '../plan/index.js';
import { writeRole } from '../vault/database.js';
import { writePolicy } from '../vault/policies.js';
import { removeRoleAndPolicy } from './remove-role.js';

export interface PublicReadRoleResult {
  roleName: string;
  policyName: string;
}

/**
 * The optional public-read role: read level, finite TTL and `VALID UNTIL`
 * (the original's never expired on the Postgres side).
 */
export async function applyPublicReadRole(
  client: VaultClient,
  i: { instanceId: string; mount: string; ttl?: string | undefined; maxTtl?: string | undefined },
): Promise<PublicReadRoleResult> {
  const role = publicReadRoleName(i.instanceId);
  const body = publicReadRoleBody({
    instanceId: i.instanceId,
    ...(i.ttl === undefined ? {} : { ttl: i.ttl }),
    ...(i.maxTtl === undefined ? {} : { maxTtl: i.maxTtl }),
  });
  await writeRole(client, i.mount, role, body);
  await writePolicy(client, policyName(role), credsPolicy(i.mount, role));
  return { roleName: role, policyName: policyName(role) };
}

/** Removes the public-read role, its policy and its credentials (absent: nothing to do). */
export async function removePublicReadRole(client: VaultClient, i: { instanceId: string; mount: string }): Promise<void> {
  await removeRoleAndPolicy(client, i.mount, publicReadRoleName(i.instanceId));
}
