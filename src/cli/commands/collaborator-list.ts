import { listCollaboratorRoles } from '../../operations/list-collaborator-roles.js';
import { InstanceRefSchema } from '../../operations/instance-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { OUTPUT_OPTIONS, VAULT_OPTIONS, mountOf } from '../args.js';
import type { Command } from '../command.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { table } from '../format.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id' },
  ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

/** `lamin-vault collaborator list`. */
export const collaboratorListCommand: Command = {
  name: 'collaborator list',
  summary: 'list an instance\'s collaborators and their levels',
  usage: '--instance <uuid> [options]',
  description: 'Lists the roles <instance>-<account>-db and reads each one to tell its level.',
  options,
  async run(values, env) {
    const r = new FlagInput(values);
    const ref = { instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId), mount: mountOf(values) };
    await r.check(() => parseInput(InstanceRefSchema, ref));
    const { instanceId } = ref;
    const roles = await listCollaboratorRoles(clientFrom(values, env), ref, { withLevels: true });
    const collaborators = roles.map((r) => ({
      accountId: r.accountId, roleName: r.roleName, level: r.level ?? null, allowDelete: r.allowDelete ?? null,
    }));
    const rows = collaborators.map((c) => [c.accountId, levelText(c.level, c.allowDelete), c.roleName]);
    const text = rows.length === 0 ? `no collaborators on ${instanceId}` : table(['ACCOUNT', 'LEVEL', 'ROLE'], rows);
    return { json: { instanceId, collaborators }, text };
  },
};

export function levelText(level: string | null, allowDelete: boolean | null): string {
  if (level === null) return 'unrecognised';
  return level === 'write' && allowDelete ? 'write+delete' : level;
}
