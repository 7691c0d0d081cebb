/**
 * Every public operation as a target for the hostile-input corpus: a valid base input,
 * which corpus fields go where, and how to call it.
 *
 * A slot is `x` (input field x), `options.x` (the options argument), `(arg)` (the input
 * is the value itself, e.g. a lease id) or `client.x` (the VaultClient config).
 */
import {
  VaultClient, buildConnectionString, collaboratorRoleExists, connectionConfigExists, createCollaboratorRole,
  deleteCollaboratorRole, deleteInstanceVault, generateDbCredentials, initInstanceVault, listCollaboratorRoles,
  renewLease, revokeLease, updateCollaboratorRole,
} from '../../../src/index.js';

export const IID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const AID = 'alice';
export const LEASE = 'database/creds/3f2504e0-4f89-41d3-9a0c-0305e82c3301-alice-db/AbCdEf123';

type Obj = Record<string, unknown>;
type Call = (client: VaultClient, input: unknown, options: Obj) => Promise<unknown>;

export interface Target {
  name: string;
  /** Valid input (an object, or the positional value for `(arg)` targets). */
  base: unknown;
  options?: Obj;
  /** Corpus field → slots it is tried in. */
  fields: Record<string, readonly string[]>;
  call: Call;
}

const ref = { instanceId: IID, mount: 'database' };
const collab = { ...ref, accountId: AID };
const spec = { ...collab, role: 'read' };
const common = { instanceId: ['instanceId'], mount: ['mount'], '(input)': ['(input)'] };
const collabFields = { ...common, accountId: ['accountId'] };
const specFields = { ...collabFields, role: ['role'], ttl: ['ttl', 'maxTtl'], maxTtl: ['maxTtl'], allowDelete: ['allowDelete'] };

const init = {
  instanceId: IID, adminAccountId: AID, dbHost: 'db.example.com', dbPort: 5432, dbName: 'lamin',
  vaultDbUsername: 'lamin_admin', vaultDbPassword: 'pw-1234567890', sslmode: 'require', mount: 'database',
};
const conn = { username: 'v-user', password: 'pw-1234567890', host: 'db.example.com', port: 5432, database: 'lamin', sslmode: 'require' };

export const TARGETS: readonly Target[] = [
  {
    name: 'initInstanceVault', base: init,
    fields: {
      ...common, accountId: ['adminAccountId'], ttl: ['adminTtl', 'adminMaxTtl'], maxTtl: ['adminMaxTtl'], publicRead: ['publicRead'],
      dbHost: ['dbHost'], dbPort: ['dbPort'], dbName: ['dbName'], vaultDbUsername: ['vaultDbUsername'],
      vaultDbPassword: ['vaultDbPassword'], sslmode: ['sslmode'],
    },
    call: (c, i) => initInstanceVault(c, i as never),
  },
  { name: 'createCollaboratorRole', base: spec, fields: { ...specFields, overwrite: ['overwrite'] }, call: (c, i) => createCollaboratorRole(c, i as never) },
  { name: 'updateCollaboratorRole', base: spec, fields: { ...specFields, revokeExisting: ['revokeExisting'] }, call: (c, i) => updateCollaboratorRole(c, i as never) },
  { name: 'deleteCollaboratorRole', base: collab, fields: collabFields, call: (c, i) => deleteCollaboratorRole(c, i as never) },
  { name: 'generateDbCredentials', base: collab, fields: collabFields, call: (c, i) => generateDbCredentials(c, i as never) },
  {
    name: 'generateDbCredentials(roleName)', base: { roleName: `${IID}-public-read-db`, mount: 'database' },
    fields: { roleName: ['roleName'], mount: ['mount'] }, call: (c, i) => generateDbCredentials(c, i as never),
  },
  {
    name: 'deleteInstanceVault', base: ref, fields: { ...common, dropGroupRoles: ['dropGroupRoles'] },
    call: (c, i) => deleteInstanceVault(c, i as never),
  },
  { name: 'connectionConfigExists', base: ref, fields: common, call: (c, i) => connectionConfigExists(c, i as never) },
  { name: 'collaboratorRoleExists', base: collab, fields: collabFields, call: (c, i) => collaboratorRoleExists(c, i as never) },
  {
    name: 'listCollaboratorRoles', base: ref, options: { withLevels: true },
    fields: { ...common, withLevels: ['options.withLevels'] },
    call: (c, i, o) => listCollaboratorRoles(c, i as never, o as never),
  },
  {
    name: 'buildConnectionString', base: conn,
    fields: {
      '(input)': ['(input)'], dbHost: ['host'], dbPort: ['port'], dbName: ['database'], vaultDbUsername: ['username'],
      vaultDbPassword: ['password'], sslmode: ['sslmode'],
    },
    call: async (_c, i) => buildConnectionString(i as never),
  },
  {
    name: 'renewLease', base: LEASE, options: { increment: '1h' },
    fields: { leaseId: ['(arg)'], ttl: ['options.increment'] },
    call: (c, i, o) => renewLease(c, i as never, o as never),
  },
  { name: 'revokeLease', base: LEASE, fields: { leaseId: ['(arg)'] }, call: (c, i) => revokeLease(c, i as never) },
  {
    name: 'new VaultClient', base: {},
    fields: { address: ['client.address'], token: ['client.token'], namespace: ['client.namespace'], timeoutMs: ['client.timeoutMs'], 'retry.limit': ['client.retry.limit'] },
    call: async (c, _i, o) => new VaultClient({ ...c.config, ...(o as object) } as never),
  },
];

/** The input and options of a target with `value` put into `slot`. */
export function place(target: Target, slot: string, value: unknown): { input: unknown; options: Obj } {
  const options: Obj = { ...target.options };
  if (slot === '(arg)' || slot === '(input)') return { input: value, options };
  const input = { ...(target.base as Obj) };
  if (slot === 'client.retry.limit') return { input, options: { retry: { limit: value } } };
  if (slot.startsWith('client.')) return { input, options: { [slot.slice('client.'.length)]: value } };
  if (slot.startsWith('options.')) options[slot.slice('options.'.length)] = value;
  else input[slot] = value;
  return { input, options };
}

/** The issue path a validation error must name for a slot (`undefined`: any path will do). */
export function expectedPath(field: string, slot: string): string | undefined {
  if (slot === '(input)') return undefined;
  if (slot === '(arg)') return field;
  if (slot.startsWith('client.')) return slot.slice('client.'.length);
  return slot.startsWith('options.') ? slot.slice('options.'.length) : slot;
}

/** Whether an issue path names `path` (or something inside it, like `publicRead.ttl`). */
export const pathMatches = (issuePath: string, path: string): boolean =>
  issuePath === path || issuePath.startsWith(`${path}.`) || issuePath.startsWith(`${path}[`);
