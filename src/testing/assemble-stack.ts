import type { ManagedPostgres } from './postgres.js';
import type { VaultStack } from './types.js';

/** Builds the public stack object; `stop()` runs once however often it is called. */
export function assembleStack(
  vault: VaultStack['vault'],
  postgres: ManagedPostgres,
  release: () => Promise<void>,
  dropDatabases: boolean,
  containers?: VaultStack['containers'],
): VaultStack {
  let stopping: Promise<void> | undefined;
  const { close, ...publicPostgres } = postgres;
  const stop = () => (stopping ??= close(dropDatabases).finally(release));
  return {
    vault,
    postgres: publicPostgres,
    ...(containers && { containers }),
    client: () => ({ address: vault.address, token: vault.token }),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
