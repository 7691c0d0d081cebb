import { deleteCollaboratorRole } from '../../operations/delete-collaborator-role.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf, required } from '../args.js';
import type { Command } from '../command.js';
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
    const ref = { instanceId: required(values, 'instance'), accountId: required(values, 'account'), mount: mountOf(values) };
    if (flag(values, 'plan')) return planOutput(await dryRun('collaborator delete', (c) => deleteCollaboratorRole(c, ref)));
    const result = await deleteCollaboratorRole(clientFrom(values, env), ref);
    const text = result.existed ? `deleted ${result.roleName} and ${result.policyName}` : `nothing to delete: ${result.roleName} did not exist`;
    return { json: { ...result }, text };
  },
};
