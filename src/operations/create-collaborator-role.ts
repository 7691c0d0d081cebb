import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { LaminVaultConflictError } from '../errors.js';
import { applyCollaborator, planCollaborator, type CollaboratorRoleResult } from './apply-collaborator.js';
import { CollaboratorSpecSchema } from './collaborator-input.js';
import { detectLevel } from './detect-level.js';
import { parseInput, requireClient } from './parse-input.js';
import { reportingLostRace } from './lost-race.js';
import { readRoleOfConnection } from './require-connection.js';

const CreateInputSchema = CollaboratorSpecSchema.extend({
  /** Replace an existing role of another level instead of failing. Default: false. */
  overwrite: z.boolean().default(false),
});
/**
 * Input of {@link createCollaboratorRole}.
 * @interface
 */
export type CreateCollaboratorRoleInput = z.input<typeof CreateInputSchema>;

/**
 * Creates the Vault role `<instanceId>-<accountId>-db` with the SQL of the given
 * level, and the policy that may read exactly its credentials.
 *
 * Idempotent: re-running with the same level converges. A role that already
 * exists with another level is a {@link LaminVaultConflictError} unless
 * `overwrite` is set (Vault itself would silently replace it; use
 * {@link updateCollaboratorRole} to change a level and revoke old credentials).
 *
 * Minimal policy: `read` on `<mount>/config/<instanceId>`; `create`,`update`,`read` on `<mount>/roles/<role>`; `create`,`update` on `sys/policies/acl/<role>-policy`.
 * @example
 * await createCollaboratorRole(client, { instanceId, accountId, role: 'write' });
 */
export async function createCollaboratorRole(
  client: VaultClient,
  input: CreateCollaboratorRoleInput,
): Promise<CollaboratorRoleResult> {
  requireClient(client);
  const { overwrite, ...spec } = parseInput(CreateInputSchema, input);
  const plan = planCollaborator(spec);
  return reportingLostRace(`collaborator role ${plan.role}`, async () => {
    const existing = await readRoleOfConnection(client, spec.mount, spec.instanceId, plan.role);
    if (existing && !overwrite) {
      const stored = detectLevel(spec.instanceId, existing);
      if (stored?.level !== spec.role || stored.allowDelete !== spec.allowDelete) {
        throw new LaminVaultConflictError(
          `collaborator role ${plan.role} already exists with ${stored ? `level ${stored.level}` : 'foreign statements'}; ` +
            'use updateCollaboratorRole to change it',
        );
      }
    }
    return applyCollaborator(client, spec, plan);
  });
}
