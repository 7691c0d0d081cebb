import { InstanceRefSchema } from '../../operations/instance-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { OUTPUT_OPTIONS, VAULT_OPTIONS, mountOf } from '../args.js';
import type { Command } from '../command.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { keyValues, table } from '../format.js';
import { clientFrom } from '../vault-client.js';
import { levelText } from './collaborator-list.js';
import { connectionStatus, rolesStatus, type ConnectionStatus, type RoleStatus } from './status-data.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id' },
  ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

function connectionText(mount: string, instanceId: string, c: ConnectionStatus): string {
  const head = `connection ${mount}/config/${instanceId}: ${c.exists ? 'present' : 'absent'}`;
  if (!c.exists) return head;
  const pairs: [string, string][] = [
    ['plugin', c.plugin ?? '?'], ['url', c.connectionUrl ?? '?'], ['username', c.username ?? '?'],
    ['allowed roles', (c.allowedRoles ?? []).join(', ') || '(none)'],
  ];
  return `${head}\n${keyValues(pairs).replace(/^/gm, '  ')}`;
}

function rolesText(roles: RoleStatus[]): string {
  if (roles.length === 0) return 'roles: none';
  const rows = roles.map((r) => [
    r.accountId ?? '-', r.kind, levelText(r.level, r.allowDelete), r.policy, String(r.leases), r.roleName,
  ]);
  return `roles (${roles.length}):\n${table(['ACCOUNT', 'KIND', 'LEVEL', 'POLICY', 'LEASES', 'ROLE'], rows).replace(/^/gm, '  ')}`;
}

/** `lamin-vault status`. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'show what exists in Vault for an instance',
  usage: '--instance <uuid> [options]',
  description: [
    'Shows the connection (URL with the password masked, allowed roles), every role of the instance',
    'with its level and policy, and the outstanding leases per role. Listing leases needs sudo on',
    'sys/leases/lookup; without it they show as "not visible".',
  ].join('\n'),
  options,
  async run(values, env) {
    const r = new FlagInput(values);
    const ref = { instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId), mount: mountOf(values) };
    await r.check(() => parseInput(InstanceRefSchema, ref));
    const { instanceId, mount } = parseInput(InstanceRefSchema, ref);
    const client = clientFrom(values, env);
    const [connection, roles] = await Promise.all([
      connectionStatus(client, mount, instanceId),
      rolesStatus(client, mount, instanceId),
    ]);
    const text = [`instance ${instanceId} (mount ${mount})`, connectionText(mount, instanceId, connection), rolesText(roles)].join('\n');
    return { json: { instanceId, mount, connection, roles }, text };
  },
};
