import { startContainerStack } from './container-stack.js';
import { externalStackConfigured, startExternalStack } from './external-stack.js';
import { HOW_TO_GET_A_STACK, resolveImages } from './images.js';
import { findProcessTools, startProcessStack } from './process-stack.js';
import type { StartVaultStackOptions, VaultStack } from './types.js';

/**
 * Starts (or attaches to) an OpenBao/Vault dev server with the database secrets engine
 * mounted at `database/`, plus a PostgreSQL server with a superuser Vault can use.
 *
 * - External, when VAULT_ADDR, VAULT_TOKEN and DATABASE_URL are set: starts nothing.
 * - Containers via testcontainers (images from options, VAULT_IMAGE/POSTGRES_IMAGE, or the
 *   pinned official images) when a container runtime answers.
 * - Otherwise local processes (`bao`/`vault` and PostgreSQL binaries), if found.
 * `LAMIN_VAULT_TEST_STACK=containers|processes` forces a mode. Fails with a message naming
 * what is missing; it never skips.
 *
 * @example
 * ```ts
 * await using stack = await startVaultStack({ postgresMajor: 15 });
 * const db = await stack.postgres.createDatabase();
 * ```
 */
export async function startVaultStack(options: StartVaultStackOptions = {}): Promise<VaultStack> {
  if (externalStackConfigured()) return startExternalStack();
  const mode = process.env.LAMIN_VAULT_TEST_STACK;
  if (mode === 'processes') return startProcessStack(options);
  if (mode === 'containers') return startContainerStack(options);
  const runtimeProblem = await containerRuntimeProblem();
  if (!runtimeProblem) return startContainerStack(options);
  const { missing } = findProcessTools(resolveImages(options).major);
  if (missing.length === 0) return startProcessStack(options);
  throw new Error(
    `No test stack: no container runtime answered (${runtimeProblem}) and local processes ` +
      `need ${missing.join(' and ')}. ${HOW_TO_GET_A_STACK}`,
  );
}

/** Why no container runtime can be used, or undefined if one answers. */
async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
