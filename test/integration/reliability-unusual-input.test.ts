/**
 * Issue #7, valid but unusual input works end to end on the real stack: the longest
 * allowed ids, database names that need quoting and URL-encoding, and a non-superuser
 * connection user whose name needs quoting and whose password holds every printable
 * ASCII character. Each case: init, a collaborator, credentials, a login and a query,
 * then deleteInstanceVault leaves nothing behind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  LaminVaultValidationError, VaultClient, createCollaboratorRole, deleteInstanceVault, generateDbCredentials, initInstanceVault, revokeLease,
} from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { instanceState } from '../reliability/instance-state.js';

let stack: VaultStack;
let root: VaultClient;
beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient(stack.client());
});
afterAll(async () => {
  root?.close();
  await stack?.stop();
});

/** Every printable ASCII character, space to tilde: quotes, backslash, `%`, `@:/?#`, braces. */
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const pad63 = (s: string) => s + 'x'.repeat(63 - bytes(s));

interface Case {
  name: string;
  instanceId: string;
  accountId: string;
  dbName: string;
  /** A CREATEROLE (non-superuser) owner of the database instead of the stack's superuser. */
  user?: { name: string; password: string };
}

const CASES: Case[] = [
  {
    name: 'the longest slug account id and an all-f instance id',
    instanceId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', accountId: `a${'_0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, 31)}`,
    dbName: 'lamin_plain',
  },
  {
    name: 'a UUID account id, an all-zero instance id, a database name needing quotes',
    instanceId: '00000000-0000-0000-0000-000000000000', accountId: 'ffffffff-ffff-ffff-ffff-ffffffffffff', dbName: 'Lamin DB "x"',
  },
  {
    name: 'a 63-byte database name full of URL, SQL and template specials',
    instanceId: '0f0e0d0c-0b0a-4908-8706-050403020100', accountId: 'x',
    dbName: pad63(`a/b?c#d%e@f:g {{h}} 'i" j\\k;$$--%2F`),
  },
  {
    name: 'a 63-byte multi-byte database name',
    instanceId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d', accountId: 'u', dbName: pad63('Ωmega ñandú 数据库 🙂'),
  },
  {
    name: 'a CREATEROLE connection user with a quoted name and every printable ASCII character as password',
    instanceId: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901', accountId: 'owner_test', dbName: 'Lamin "owner" DB',
    user: { name: 'Lamin Admin "q" @home', password: PRINTABLE },
  },
];

async function databaseFor(c: Case): Promise<{ user: string; password: string }> {
  await stack.postgres.createDatabase(c.dbName);
  const su = await stack.postgres.connect({ database: c.dbName });
  try {
    if (c.user) {
      const who = su.escapeIdentifier(c.user.name);
      await su.query(`CREATE ROLE ${who} LOGIN CREATEROLE PASSWORD ${su.escapeLiteral(c.user.password)}`);
      await su.query(`ALTER DATABASE ${su.escapeIdentifier(c.dbName)} OWNER TO ${who}`);
      await su.query(`ALTER SCHEMA public OWNER TO ${who}`);
      await su.query(`CREATE TABLE public.t (x int); ALTER TABLE public.t OWNER TO ${who}; INSERT INTO public.t VALUES (1)`);
      return { user: c.user.name, password: c.user.password };
    }
    await su.query('CREATE TABLE public.t (x int); INSERT INTO public.t VALUES (1)');
    return { user: stack.postgres.adminUser, password: stack.postgres.adminPassword };
  } finally {
    await su.end();
  }
}

it.each(CASES)('$name', async (c) => {
  expect(bytes(c.dbName)).toBeLessThanOrEqual(63);
  const owner = await databaseFor(c);
  const admin = 'admin_1';
  await initInstanceVault(root, {
    instanceId: c.instanceId, adminAccountId: admin, dbHost: stack.postgres.hostForVault, dbPort: stack.postgres.portForVault,
    dbName: c.dbName, vaultDbUsername: owner.user, vaultDbPassword: owner.password, sslmode: 'disable',
  });
  await createCollaboratorRole(root, { instanceId: c.instanceId, accountId: c.accountId, role: 'read' });
  const creds = await generateDbCredentials(root, { instanceId: c.instanceId, accountId: c.accountId });
  const session = await stack.postgres.connect({ database: c.dbName, user: creds.username, password: creds.password });
  expect((await session.query('SELECT x FROM public.t')).rows).toEqual([{ x: 1 }]);
  await session.end();
  await revokeLease(root, creds.leaseId);
  await deleteInstanceVault(root, { instanceId: c.instanceId, dropGroupRoles: true });
  const check = await stack.postgres.connect({ database: c.dbName });
  expect(await instanceState(root, check, c.instanceId)).toEqual({
    connection: false, roles: [], levels: [], policies: [], leases: {}, users: [], groups: [],
  });
  await check.end();
});

it('a connection user whose name holds ":" is refused up front: Vault leaves ":" unescaped in the URL', async () => {
  // PostgreSQL allows the name, but OpenBao substitutes {{username}} with url.PathEscape, which keeps ":",
  // so the URL's user ends at the colon and Vault logs in as someone else ("lamin" here).
  const c: Case = { name: '', instanceId: '5c6d7e8f-9012-4345-8678-9abcdef01234', accountId: 'c', dbName: 'colon_user', user: { name: 'lamin:admin', password: 'pw-colon' } };
  const owner = await databaseFor(c);
  const error = await initInstanceVault(root, {
    instanceId: c.instanceId, adminAccountId: 'admin_1', dbHost: stack.postgres.hostForVault, dbPort: stack.postgres.portForVault,
    dbName: c.dbName, vaultDbUsername: owner.user, vaultDbPassword: owner.password, sslmode: 'disable',
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LaminVaultValidationError);
  expect((error as LaminVaultValidationError).issues.map((i) => i.path)).toContain('vaultDbUsername');
});
