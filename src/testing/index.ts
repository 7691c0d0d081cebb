/**
 * Test helpers: a disposable OpenBao/Vault + PostgreSQL stack for integration tests.
 * Subpath export `lamin-vault/testing`; needs the optional peers `testcontainers` and `pg`.
 * @packageDocumentation
 */
export { startVaultStack } from './start-vault-stack.js';
export { removeStackLeftovers, type LeftoverSelector } from './leftovers.js';
export { STACK_LABEL } from './secrets.js';
export { DEFAULT_POSTGRES_IMAGE, DEFAULT_VAULT_IMAGE } from './images.js';
export type { ConnectOptions, StartVaultStackOptions, VaultStack, VaultStackPostgres } from './types.js';
