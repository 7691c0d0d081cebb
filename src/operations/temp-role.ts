import type { VaultClient } from '../http/index.js';
import type { RoleBody } from '../plan/index.js';
import { deleteRole, readCredentials, writeRole } from '../vault/database.js';
import { revokeLease } from '../vault/leases.js';

/**
 * Runs SQL in the instance database through Vault alone (the library never needs
 * a network path to Postgres): a temporary role whose creation statements are
 * the SQL, one credential issue to execute them, and a revocation that drops the
 * temporary user again. The role is removed only once nothing depends on it.
 */
export async function runThroughTempRole(client: VaultClient, mount: string, role: string, body: RoleBody): Promise<void> {
  await writeRole(client, mount, role, body);
  let leaseId: string;
  try {
    leaseId = (await readCredentials(client, mount, role)).leaseId;
  } catch (error) {
    // No lease was created, so nothing can be orphaned by removing the role.
    await deleteRole(client, mount, role).catch(() => undefined);
    throw error;
  }
  // If revocation fails the role stays, so Vault can still revoke the lease later.
  await revokeLease(client, leaseId);
  await deleteRole(client, mount, role);
}
