import { deleteCollaboratorRole } from '../../operations/delete-collaborator-role.js';
import { CollaboratorRefSchema } from '../../operations/collaborator-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf } from '../args.js';
import type { Command } from '../command.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { dryRun } from '../plan/dry-run.js';
import { planOutput } from '../plan/render-plan.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id' },
  account: { type: 'string', value: '<account>', description: 'collaborator account id' },
  ...PLAN_OPTION, ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

/** `lamin-vault collaborator delete`. */
export const collaboratorDeleteCommand: Command = {
  name: 'collaborator delete',
  summary: 'remove a collaborator: revoke its credentials, delete role and policy',
  usage: '--instance <uuid> --account <account> [options]',
  description: [
    'Revokes every outstanding lease of the collaborator first (its PostgreSQL users are dropped and',
    'their sessions ended), then deletes the role and its policy. Deleting an absent one succeeds.',
  ].join('\n'),
  options,
  async run(values, env) {
    const r = new FlagInput(values);
    const ref = {
      instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId),
      accountId: r.required('account', 'accountId', PLACEHOLDER.accountId),
      mount: mountOf(values),
    };
    await r.check(() => parseInput(CollaboratorRefSchema, ref));
    if (flag(values, 'plan')) return planOutput(await dryRun('collaborator delete', (c) => deleteCollaboratorRole(c, ref)));
    const result = await deleteCollaboratorRole(clientFrom(values, env), ref);
    const text = result.existed ? `deleted ${result.roleName} and ${result.policyName}` : `nothing to delete: ${result.roleName} did not exist`;
    return { json: { ...result }, text };
  },
};
