import type { VaultClient } from '../http/index.js';
import type { RoleBody } from '../plan/index.js';
import { deleteRole, readCredentials, writeRole } from '../vault/database.js';
import { revokeCredsLeases } from '../vault/leases.js';
import { lostRace } from './lost-race.js';

/**
 * Runs SQL in the instance database through Vault alone (the library never needs
 * a network path to Postgres): a temporary role whose creation statements are
 * the SQL, one credential issue to execute them, and a revocation that drops the
 * temporary user again. The role is removed only once no lease depends on it, so an
 * interrupted run never orphans a user and re-running converges.
 */
export async function runThroughTempRole(client: VaultClient, mount: string, role: string, body: RoleBody): Promise<void> {
  await writeRole(client, mount, role, body);
  try {
    await readCredentials(client, mount, role);
  } catch (error) {
    throw lostRace(error, `temporary role ${role}`);
  }
  // By prefix, not by lease id: this also ends leases of an earlier run that was cut off
  // after Vault issued them. If revocation fails the role stays, so a re-run can finish.
  await revokeCredsLeases(client, mount, role);
  await deleteRole(client, mount, role);
}
