import { deleteInstanceVault } from '../../operations/delete-instance-vault.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf, required } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { dryRun } from '../plan/dry-run.js';
import { planOutput } from '../plan/render-plan.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id' },
  'drop-group-roles': { type: 'boolean', description: 'also drop the instance\'s PostgreSQL group roles' },
  yes: { type: 'boolean', short: 'y', description: 'confirm: this revokes every credential of the instance' },
  ...PLAN_OPTION, ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

/** `lamin-vault delete-instance`. */
export const deleteInstanceCommand: Command = {
  name: 'delete-instance',
  summary: 'remove everything lamin-vault created for an instance',
  usage: '--instance <uuid> --yes [options]',
  description: [
    'Revokes the leases of every role of the instance, deletes the roles and their policies,',
    'optionally drops the PostgreSQL group roles (what they own goes to the connection user),',
    'and deletes the connection last. Re-running after a partial failure converges.',
  ].join('\n'),
  options,
  async run(values, env) {
    const ref = { instanceId: required(values, 'instance'), mount: mountOf(values) };
    const dropGroupRoles = flag(values, 'drop-group-roles');
    if (flag(values, 'plan')) {
      const example = `${ref.mount}/roles/${ref.instanceId}-<account>-db`;
      const seed = { [`${ref.mount}/config/${ref.instanceId}`]: { plugin_name: 'postgresql-database-plugin' }, [example]: {} };
      const notes = [`as for an instance with one collaborator; the requests for ${ref.instanceId}-<account>-db repeat for every role the LIST returns`];
      return planOutput(await dryRun('delete-instance', (c) => deleteInstanceVault(c, { ...ref, dropGroupRoles }), { seed, notes }));
    }
    if (!flag(values, 'yes')) throw new UsageError('delete-instance revokes every credential of the instance: add --yes to confirm');
    const result = await deleteInstanceVault(clientFrom(values, env), { ...ref, dropGroupRoles });
    const text = [
      `deleted ${result.deletedRoles.length} role(s) of ${ref.instanceId}${result.deletedRoles.length ? `: ${result.deletedRoles.join(', ')}` : ''}`,
      `connection ${result.connectionExisted ? 'deleted' : 'was already absent'}${dropGroupRoles && result.connectionExisted ? '; group roles dropped' : ''}`,
    ].join('\n');
    return { json: { instanceId: ref.instanceId, dropGroupRoles, ...result }, text };
  },
};
