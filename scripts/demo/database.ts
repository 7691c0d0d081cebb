import pg from 'pg';
import type { VaultStack } from '../../src/testing/index.js';
import { createLaminSchema } from '../../test/helpers/lamin-schema.js';

export interface Login {
  username: string;
  password: string;
}

/** The instance database as the demo (not Vault) reaches it, with every session it opened. */
export class DemoDatabase {
  private readonly open = new Set<pg.Client>();
  private constructor(private readonly stack: VaultStack, readonly name: string, readonly owner: pg.Client) {}

  /** A fresh database with a LaminDB-like schema created by the Postgres admin user. */
  static async create(stack: VaultStack): Promise<DemoDatabase> {
    const name = await stack.postgres.createDatabase();
    const owner = await stack.postgres.connect({ database: name });
    await createLaminSchema(owner);
    return new DemoDatabase(stack, name, owner);
  }

  loginConfig(login: Login): pg.ClientConfig {
    const { hostForTests: host, portForTests: port } = this.stack.postgres;
    return { host, port, database: this.name, user: login.username, password: login.password, connectionTimeoutMillis: 10_000 };
  }

  /** A session as an issued user; revocation may end it on purpose, so errors are expected. */
  async connectAs(login: Login): Promise<pg.Client> {
    const client = new pg.Client(this.loginConfig(login));
    client.on('error', () => undefined);
    await client.connect();
    this.open.add(client);
    return client;
  }

  /** `17.6` from `17.6 (Debian 17.6-1)`. */
  async serverVersion(): Promise<string> {
    const { rows } = await this.owner.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version.split(' ')[0] ?? 'unknown';
  }

  /** Roles of the instance still in pg_roles: Vault's dynamic users and the group roles. */
  async instanceRoles(instanceId: string): Promise<string[]> {
    const hex = instanceId.replaceAll('-', '');
    const { rows } = await this.owner.query<{ rolname: string }>(
      'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) OR starts_with(rolname, $2) ORDER BY 1',
      [`v-${hex}`, `lamin_${hex}_`],
    );
    return rows.map((r) => r.rolname);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.end().catch(() => undefined)));
    await this.owner.end().catch(() => undefined);
  }
}

