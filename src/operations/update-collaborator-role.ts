import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { revokeCredsLeases } from '../vault/leases.js';
import { applyCollaborator, planCollaborator, type CollaboratorRoleResult } from './apply-collaborator.js';
import { CollaboratorSpecSchema } from './collaborator-input.js';
import { detectLevel } from './detect-level.js';
import { parseInput, requireClient } from './parse-input.js';
import { reportingLostRace } from './lost-race.js';
import { readRoleOfConnection } from './require-connection.js';

const UpdateInputSchema = CollaboratorSpecSchema.extend({
  /**
   * Revoke credentials issued under the old level so the change takes effect at
   * once (their Postgres users are dropped and their sessions ended). Default: true.
   */
  revokeExisting: z.boolean().default(true),
});
/**
 * Input of {@link updateCollaboratorRole}.
 * @interface
 */
export type UpdateCollaboratorRoleInput = z.input<typeof UpdateInputSchema>;

export interface UpdateCollaboratorRoleResult extends CollaboratorRoleResult {
  /** What the call did: created the role, changed its grants, or found them as asked. */
  action: 'created' | 'updated' | 'unchanged';
  /** Level before the update; `undefined` when the role did not exist. */
  previousLevel: CollaboratorRoleResult['level'] | undefined;
  /** Whether outstanding leases of the role were revoked. */
  revokedLeases: boolean;
}

/**
 * Sets a collaborator's level (creating the role when missing) and, when the
 * grants changed, revokes the credentials issued under the old ones.
 *
 * Minimal policy: that of {@link createCollaboratorRole} plus `update`,`sudo` on
 * `sys/leases/revoke-prefix/<mount>/creds/<role>`.
 * @example
 * await updateCollaboratorRole(client, { instanceId, accountId, role: 'read' });
 */
export async function updateCollaboratorRole(
  client: VaultClient,
  input: UpdateCollaboratorRoleInput,
): Promise<UpdateCollaboratorRoleResult> {
  requireClient(client);
  const { revokeExisting, ...spec } = parseInput(UpdateInputSchema, input);
  const plan = planCollaborator(spec);
  const { role } = plan;
  return reportingLostRace(`collaborator role ${role}`, async () => {
    const existing = await readRoleOfConnection(client, spec.mount, spec.instanceId, role);
    const previous = existing ? detectLevel(spec.instanceId, existing) : undefined;
    const grantsChanged =
      existing !== undefined && (previous?.level !== spec.role || previous.allowDelete !== spec.allowDelete);
    const revoke = grantsChanged && revokeExisting;
    // Revoke before the write, so a run cut off after the write cannot leave old-level
    // credentials that a re-run (seeing the new level already) would not revoke; and
    // again after it, for credentials issued under the old level in between.
    if (revoke) await revokeCredsLeases(client, spec.mount, role);
    const result = await applyCollaborator(client, spec, plan);
    if (revoke) await revokeCredsLeases(client, spec.mount, role);
    const action = existing === undefined ? 'created' : grantsChanged ? 'updated' : 'unchanged';
    return { ...result, action, previousLevel: previous?.level, revokedLeases: revoke };
  });
}
