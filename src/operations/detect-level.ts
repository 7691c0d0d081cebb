import { collaboratorRoleBody, type Level } from '../plan/index.js';
import type { RoleData } from '../vault/database.js';
import { sameStatements } from './apply-collaborator.js';

export interface StoredLevel {
  level: Level;
  allowDelete: boolean;
}

const VARIANTS: readonly StoredLevel[] = [
  { level: 'read', allowDelete: false },
  { level: 'write', allowDelete: false },
  { level: 'write', allowDelete: true },
  { level: 'admin', allowDelete: false },
];

/**
 * Recognises which level a stored Vault role grants by comparing its creation
 * statements with what this library renders; `undefined` for a foreign role.
 */
export function detectLevel(instanceId: string, stored: RoleData): StoredLevel | undefined {
  return VARIANTS.find(
    (variant) =>
      sameStatements(stored.creation_statements, collaboratorRoleBody({ instanceId, ...variant }).creation_statements),
  );
}
