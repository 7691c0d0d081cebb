import { startContainerStack } from './container-stack.js';
import { externalStackConfigured, startExternalStack } from './external-stack.js';
import type { StartVaultStackOptions, VaultStack } from './types.js';

/**
 * Starts (or attaches to) an OpenBao/Vault dev server with the database secrets engine
 * mounted at `database/`, plus a PostgreSQL server with a superuser Vault can use.
 *
 * - External mode, when VAULT_ADDR, VAULT_TOKEN and DATABASE_URL are set: starts nothing.
 * - Otherwise containers via testcontainers; images from options, VAULT_IMAGE/POSTGRES_IMAGE,
 *   or the pinned official images.
 *
 * Fails with a message naming what is missing; it never skips.
 *
 * @example
 * ```ts
 * await using stack = await startVaultStack({ postgresMajor: 15 });
 * const db = await stack.postgres.createDatabase();
 * ```
 */
export async function startVaultStack(options: StartVaultStackOptions = {}): Promise<VaultStack> {
  if (externalStackConfigured()) return startExternalStack();
  return startContainerStack(options);
}
