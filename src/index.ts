/**
 * lamin-vault: administer HashiCorp Vault / OpenBao database secrets for LaminDB
 * instances on PostgreSQL. This file is the package's only public barrel.
 * @packageDocumentation
 */
export * from './errors.js';
export * from './http/index.js';
export { configFromEnv } from './config.js';
export type {
  VaultClientConfig, VaultClientConfigInput, VaultDebugEvent, VaultDebugHook, VaultEnv, VaultRetryConfig,
} from './config.js';

export { initInstanceVault } from './operations/init-instance-vault.js';
export type { InitInstanceVaultInput, InitInstanceVaultResult } from './operations/init-instance-vault.js';
export { createCollaboratorRole } from './operations/create-collaborator-role.js';
export type { CreateCollaboratorRoleInput } from './operations/create-collaborator-role.js';
export { updateCollaboratorRole } from './operations/update-collaborator-role.js';
export type { UpdateCollaboratorRoleInput, UpdateCollaboratorRoleResult } from './operations/update-collaborator-role.js';
export { deleteCollaboratorRole } from './operations/delete-collaborator-role.js';
export type { DeleteCollaboratorRoleResult } from './operations/delete-collaborator-role.js';
export type { CollaboratorRoleResult } from './operations/apply-collaborator.js';
export type { CollaboratorRef, CollaboratorSpec } from './operations/collaborator-input.js';
export { generateDbCredentials } from './operations/generate-db-credentials.js';
export type { GenerateDbCredentialsInput } from './operations/generate-db-credentials.js';
export { DbCredentials, type DbCredentialsFields } from './operations/db-credentials.js';
export { buildConnectionString } from './operations/connection-string.js';
export type { ConnectionStringInput } from './operations/connection-string.js';
export { renewLease, revokeLease } from './operations/leases.js';
export type { RenewedLease } from './operations/leases.js';
export { connectionConfigExists, collaboratorRoleExists } from './operations/exists.js';
export { listCollaboratorRoles } from './operations/list-collaborator-roles.js';
export type { CollaboratorRoleEntry } from './operations/list-collaborator-roles.js';
export { deleteInstanceVault } from './operations/delete-instance-vault.js';
export type { DeleteInstanceVaultInput, DeleteInstanceVaultResult } from './operations/delete-instance-vault.js';
export type { InstanceRef } from './operations/instance-input.js';
export type { PublicReadRoleResult } from './operations/public-read-role.js';
export type { Level } from './plan/index.js';

export * from './auth/index.js';
