import type { VaultClient } from '../http/index.js';
import { VaultNotFoundError } from '../errors.js';
import { readConnection, readRole, type RoleData } from '../vault/database.js';

/**
 * Fails unless the instance's connection exists: Vault accepts a role for a missing
 * connection, and the mistake would only surface when credentials are requested.
 */
async function requireConnection(client: VaultClient, mount: string, instanceId: string): Promise<void> {
  if ((await readConnection(client, mount, instanceId)) !== undefined) return;
  throw new VaultNotFoundError({
    status: 404,
    errors: [`instance ${instanceId} has no connection at ${mount}/config/${instanceId}: run initInstanceVault first`],
    method: 'GET',
    path: `/v1/${mount}/config/${instanceId}`,
  });
}

/**
 * A collaborator role as stored (`undefined` when absent), read alongside
 * {@link requireConnection}: one round trip instead of two. The connection's error wins.
 */
export async function readRoleOfConnection(
  client: VaultClient,
  mount: string,
  instanceId: string,
  role: string,
): Promise<RoleData | undefined> {
  const stored = readRole(client, mount, role);
  stored.catch(() => undefined); // awaited below, unless the connection check throws first
  await requireConnection(client, mount, instanceId);
  return stored;
}
