import { COLLABORATOR_GRANTS, collaboratorRoleBody, type CollaboratorGrant } from '../plan/index.js';
import type { RoleData } from '../vault/database.js';
import { sameStatements } from './apply-collaborator.js';

export type StoredLevel = CollaboratorGrant;

/**
 * Recognises which level a stored Vault role grants by comparing its creation
 * statements with what this library renders; `undefined` for a foreign role.
 */
export function detectLevel(instanceId: string, stored: RoleData): StoredLevel | undefined {
  return COLLABORATOR_GRANTS.find(
    (variant) =>
      sameStatements(stored.creation_statements, collaboratorRoleBody({ instanceId, ...variant }).creation_statements),
  );
}
