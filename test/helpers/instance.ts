import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { initInstanceVault, type VaultClient, type DbCredentials } from '../../src/index.js';
import type { VaultStack } from '../../src/testing/index.js';
import { createLaminSchema } from './lamin-schema.js';

export type ConnectionUserKind = 'superuser' | 'createrole';

export interface TestInstance {
  instanceId: string;
  adminAccountId: string;
  database: string;
  /** The instance's Postgres admin (the user Vault connects as). */
  owner: pg.Client;
  ownerUser: string;
  ownerPassword: string;
  /** A connected client for issued credentials (closed by `close()`). */
  connectAs(creds: Pick<DbCredentials, 'username' | 'password'>): Promise<pg.Client>;
  loginConfig(creds: Pick<DbCredentials, 'username' | 'password'>): pg.ClientConfig;
  close(): Promise<void>;
}

/**
 * A fresh database with a LaminDB-like schema, owned by either the stack's
 * superuser or a non-superuser CREATEROLE user (the managed-Postgres case, C07),
 * and `initInstanceVault` run against it.
 */
export async function newInstance(
  stack: VaultStack,
  client: VaultClient,
  options: { connectionUser?: ConnectionUserKind; init?: boolean } = {},
): Promise<TestInstance> {
  const database = await stack.postgres.createDatabase();
  let ownerUser = stack.postgres.adminUser;
  let ownerPassword = stack.postgres.adminPassword;
  if (options.connectionUser === 'createrole') {
    ownerUser = `owner_${randomBytes(4).toString('hex')}`;
    ownerPassword = `pw-${randomBytes(12).toString('base64url')}@:/?#%'`;
    const su = await stack.postgres.connect({ database });
    await su.query(`CREATE ROLE ${ownerUser} LOGIN CREATEROLE PASSWORD ${pg.escapeLiteral(ownerPassword)}`);
    await su.query(`ALTER DATABASE "${database}" OWNER TO ${ownerUser}`);
    await su.query(`ALTER SCHEMA public OWNER TO ${ownerUser}`);
    await su.end();
  }
  const owner = await stack.postgres.connect({ database, user: ownerUser, password: ownerPassword });
  await createLaminSchema(owner);
  const instanceId = randomUUID();
  const adminAccountId = randomUUID();
  if (options.init !== false) {
    await initInstanceVault(client, {
      instanceId, adminAccountId,
      dbHost: stack.postgres.hostForVault, dbPort: stack.postgres.portForVault, dbName: database,
      vaultDbUsername: ownerUser, vaultDbPassword: ownerPassword, sslmode: 'disable',
    });
  }
  const open = new Set<pg.Client>();
  const loginConfig = (creds: Pick<DbCredentials, 'username' | 'password'>): pg.ClientConfig => ({
    host: stack.postgres.hostForTests, port: stack.postgres.portForTests, database,
    user: creds.username, password: creds.password,
  });
  return {
    instanceId, adminAccountId, database, owner, ownerUser, ownerPassword, loginConfig,
    async connectAs(creds) {
      const c = new pg.Client(loginConfig(creds));
      c.on('error', () => undefined); // sessions may be terminated by revocation on purpose
      await c.connect();
      open.add(c);
      return c;
    },
    async close() {
      await Promise.all([...open].map((c) => c.end().catch(() => undefined)));
      await owner.end().catch(() => undefined);
    },
  };
}

/** Dynamic login roles Vault created for this instance that still exist. */
export async function dynamicRoles(owner: pg.Client, instanceId: string): Promise<string[]> {
  const prefix = `v-${instanceId.slice(0, 8)}`;
  const { rows } = await owner.query<{ rolname: string }>(
    'SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1', [`${prefix}%`],
  );
  return rows.map((r) => r.rolname);
}
