import pg from 'pg';
import { randomHex } from './secrets.js';
import type { ConnectOptions, VaultStackPostgres } from './types.js';

/** Where and as whom the stack's PostgreSQL is reached. */
export type PostgresEndpoints = Pick<
  VaultStackPostgres,
  'hostForVault' | 'portForVault' | 'hostForTests' | 'portForTests' | 'adminUser' | 'adminPassword' | 'database'
>;

/** {@link VaultStackPostgres} plus `close()`, which ends clients the tests left open. */
export type ManagedPostgres = VaultStackPostgres & { close(dropCreated: boolean): Promise<void> };

/**
 * Polls until PostgreSQL answers `select 1` as the admin user through the test-side port.
 * Real readiness: the official image's init-time server is not reachable over TCP yet.
 */
export async function waitForPostgres(ep: PostgresEndpoints, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const client = newClient(ep, {});
    try {
      await client.connect();
      await client.query('select 1');
      const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
      return Math.floor(Number(rows[0]?.v) / 10_000);
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL at ${ep.hostForTests}:${ep.portForTests} not ready after ${timeoutMs} ms: ${describe(error)}`);
      }
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** The `postgres` part of a stack: connect as anyone, create fresh databases. */
export function managedPostgres(ep: PostgresEndpoints, majorVersion: number): ManagedPostgres {
  const open = new Set<pg.Client>();
  const created: string[] = [];
  const connect = async (opts: ConnectOptions = {}): Promise<pg.Client> => {
    const client = newClient(ep, opts);
    client.on('end', () => open.delete(client));
    open.add(client);
    await client.connect();
    return client;
  };
  const asAdmin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    ...ep,
    majorVersion,
    connect,
    async createDatabase(name = `t_${randomHex(6)}`) {
      await asAdmin((c) => c.query(`create database ${c.escapeIdentifier(name)}`));
      created.push(name);
      return name;
    },
    async close(dropCreated) {
      await Promise.all([...open].map((c) => c.end().catch(() => {})));
      if (!dropCreated || created.length === 0) return;
      // Only needed against an external server; FORCE also ends Vault's pooled connections.
      await asAdmin(async (c) => {
        for (const db of created.splice(0)) await c.query(`drop database if exists ${c.escapeIdentifier(db)} with (force)`);
      });
    },
  };
}

function newClient(ep: PostgresEndpoints, opts: ConnectOptions): pg.Client {
  const client = new pg.Client({
    host: ep.hostForTests,
    port: ep.portForTests,
    user: opts.user ?? ep.adminUser,
    password: opts.password ?? ep.adminPassword,
    database: opts.database ?? ep.database,
    connectionTimeoutMillis: 10_000,
  });
  // A server that goes away (stack stopped) must not crash the test process.
  client.on('error', () => {});
  return client;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
