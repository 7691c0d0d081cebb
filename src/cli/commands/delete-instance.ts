import { deleteInstanceVault } from '../../operations/delete-instance-vault.js';
import { InstanceRefSchema } from '../../operations/instance-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf } from '../args.js';
import type { Command } from '../command.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
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
  summary: 'remove an instance from Vault: its connection and every role named <instance>-*',
  usage: '--instance <uuid> --yes [options]',
  description: [
    'Removes every Vault role whose name starts with <instance>- (the connection\'s allowed-roles',
    'glob <instance>-* makes that prefix the instance\'s namespace, so roles created there by other',
    'tools go too): revokes their leases, deletes the roles and their policies <role>-policy,',
    'optionally drops the PostgreSQL group roles (what they own goes to the connection user),',
    'and deletes the connection last. Re-running after a partial failure converges.',
  ].join('\n'),
  options,
  async run(values, env) {
    const r = new FlagInput(values);
    const ref = { instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId), mount: mountOf(values) };
    const plan = flag(values, 'plan');
    if (!plan && !flag(values, 'yes')) r.problem('yes', 'is required to confirm: this revokes every credential of the instance');
    await r.check(() => parseInput(InstanceRefSchema, ref));
    const dropGroupRoles = flag(values, 'drop-group-roles');
    if (plan) {
      const example = `${ref.mount}/roles/${ref.instanceId}-<account>-db`;
      const seed = { [`${ref.mount}/config/${ref.instanceId}`]: { plugin_name: 'postgresql-database-plugin' }, [example]: {} };
      const notes = [`as for an instance with one collaborator; the requests for ${ref.instanceId}-<account>-db repeat for every role the LIST returns`];
      return planOutput(await dryRun('delete-instance', (c) => deleteInstanceVault(c, { ...ref, dropGroupRoles }), { seed, notes }));
    }
    const result = await deleteInstanceVault(clientFrom(values, env), { ...ref, dropGroupRoles });
    const text = [
      `deleted ${result.deletedRoles.length} role(s) of ${ref.instanceId}${result.deletedRoles.length ? `: ${result.deletedRoles.join(', ')}` : ''}`,
      `connection ${result.connectionExisted ? 'deleted' : 'was already absent'}${dropGroupRoles && result.connectionExisted ? '; group roles dropped' : ''}`,
    ].join('\n');
    return { json: { instanceId: ref.instanceId, dropGroupRoles, ...result }, text };
  },
};
