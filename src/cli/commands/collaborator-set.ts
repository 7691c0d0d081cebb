import { CollaboratorSpecSchema, type CollaboratorSpec } from '../../operations/collaborator-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { updateCollaboratorRole } from '../../operations/update-collaborator-role.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf, optional, type Values } from '../args.js';
import type { Command } from '../command.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { dryRun } from '../plan/dry-run.js';
import { planOutput } from '../plan/render-plan.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id' },
  account: { type: 'string', value: '<account>', description: 'collaborator account id (lowercase UUID or slug)' },
  level: { type: 'string', value: '<level>', description: 'read | write | admin' },
  'allow-delete': { type: 'boolean', description: 'let a write collaborator DELETE rows too' },
  ttl: { type: 'string', value: '<ttl>', description: 'lease TTL of issued credentials (default 1h)' },
  'max-ttl': { type: 'string', value: '<ttl>', description: 'longest renewal (default 24h)' },
  'keep-credentials': { type: 'boolean', description: 'do not revoke credentials issued under an old level' },
  ...PLAN_OPTION, ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

/** The validated spec; every problem of every flag is reported at once. */
async function specFrom(values: Values): Promise<CollaboratorSpec> {
  const r = new FlagInput(values);
  const ttl = optional(values, 'ttl');
  const maxTtl = optional(values, 'max-ttl');
  const spec = {
    instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId),
    accountId: r.required('account', 'accountId', PLACEHOLDER.accountId),
    // The schema checks the enum: a bad level is a validation error (exit 2).
    role: r.required('level', 'role', PLACEHOLDER.level) as CollaboratorSpec['role'],
    allowDelete: flag(values, 'allow-delete'),
    mount: mountOf(values),
    ...(ttl === undefined ? {} : { ttl }),
    ...(maxTtl === undefined ? {} : { maxTtl }),
  };
  await r.check(() => parseInput(CollaboratorSpecSchema, spec));
  return parseInput(CollaboratorSpecSchema, spec);
}

/** `lamin-vault collaborator set`. */
export const collaboratorSetCommand: Command = {
  name: 'collaborator set',
  summary: 'create a collaborator or change its level',
  usage: '--instance <uuid> --account <account> --level <read|write|admin> [options]',
  description: [
    'Writes the role <instance>-<account>-db with the SQL of the level and the policy that may read',
    'exactly its credentials. When the level changes, credentials issued under the old level are',
    'revoked at once (their PostgreSQL users dropped) unless --keep-credentials.',
  ].join('\n'),
  options,
  async run(values, env) {
    // Validated before any request: the ids go into the path of the first read.
    const spec = await specFrom(values);
    const revokeExisting = !flag(values, 'keep-credentials');
    if (flag(values, 'plan')) {
      const notes = [`as for a new collaborator; changing an existing one's level also revokes its credentials before and after the write${revokeExisting ? '' : ' (not with --keep-credentials)'}`];
      // As for an initialised instance: the operation first checks that its connection exists.
      const seed = { [`${spec.mount}/config/${spec.instanceId}`]: { plugin_name: 'postgresql-database-plugin' } };
      return planOutput(await dryRun('collaborator set', (c) => updateCollaboratorRole(c, { ...spec, revokeExisting }), { seed, notes }));
    }
    const result = await updateCollaboratorRole(clientFrom(values, env), { ...spec, revokeExisting });
    const { action } = result;
    const json = { ...result, previousLevel: result.previousLevel ?? null };
    const change = action === 'updated' ? ` (was ${result.previousLevel ?? 'unrecognised'})` : '';
    const revoked = result.revokedLeases ? '; old credentials revoked'
      : action === 'updated' && !revokeExisting ? '; old credentials kept (--keep-credentials)' : '';
    return { json, text: `${action}: ${result.accountId} is ${result.level}${change} on ${result.instanceId}${revoked}\n  role ${result.roleName}, policy ${result.policyName}` };
  },
};
