/**
 * A long-running service that keeps its Postgres access alive: a credentials provider
 * renews the lease, replaces credentials before the role's max TTL, and this wiring
 * opens a new `pg` Pool per rotation and drains the old one (its lease is revoked only
 * after the provider's grace period, so in-flight queries finish).
 *
 *   VAULT_ADDR=… VAULT_TOKEN=… INSTANCE_ID=… ACCOUNT_ID=… PGHOST=… PGDATABASE=… npx tsx examples/service-with-renewal.ts
 *
 * In your code, import from 'lamin-vault' instead of '../src/…'.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { VaultClient, configFromEnv } from '../src/index.js';
import { createCredentialsProvider, type CredentialsProvider } from '../src/auth/index.js';

export interface RotatingPool {
  /** The pool of the current credentials; take it per request, do not keep it. */
  pool(): Promise<pg.Pool>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Drains the pool; stop the provider after this (it revokes the lease). */
  close(): Promise<void>;
}

/** A pg Pool that follows the provider's rotations. `base` holds host, port, database, ssl. */
export function createRotatingPool(provider: CredentialsProvider, base: pg.PoolConfig): RotatingPool {
  let current: { username: string; pool: pg.Pool } | undefined;
  const draining = new Set<Promise<void>>();

  const open = (username: string, password: string) => {
    const pool = new pg.Pool({ ...base, user: username, password });
    pool.on('error', () => {}); // revoked sessions end with an error on idle clients; the next query reconnects
    return { username, pool };
  };
  const retire = (pool: pg.Pool) => {
    const done = pool.end().catch(() => {}).finally(() => draining.delete(done));
    draining.add(done);
  };

  provider.onRotate((next) => {
    const old = current;
    current = open(next.username, next.password);
    if (old) retire(old.pool);
  });

  async function pool(): Promise<pg.Pool> {
    const creds = await provider.current();
    if (current?.username !== creds.username) {
      const old = current;
      current = open(creds.username, creds.password);
      if (old) retire(old.pool);
    }
    return current.pool;
  }

  return {
    pool,
    query: async (text, values) => (await pool()).query(text, values),
    async close() {
      if (current) retire(current.pool);
      current = undefined;
      await Promise.all(draining);
    },
  };
}

async function main(): Promise<void> {
  const vault = new VaultClient(configFromEnv());
  const instanceId = process.env.INSTANCE_ID ?? '';
  const accountId = process.env.ACCOUNT_ID ?? '';
  const provider = createCredentialsProvider(vault, { instanceId, accountId }, {
    onError: (error) => console.error('credentials:', error instanceof Error ? error.message : error),
  });
  provider.onRotate((next, previous) => console.error(`rotated ${previous.username} → ${next.username}`));
  const db = createRotatingPool(provider, { host: process.env.PGHOST, database: process.env.PGDATABASE, max: 5 });

  const tick = setInterval(() => {
    db.query<{ user: string }>('SELECT current_user AS user').then(
      (r) => console.error(`query ok as ${r.rows[0]?.user}`),
      (e: unknown) => console.error('query failed:', e instanceof Error ? e.message : e),
    );
  }, 10_000);
  const shutdown = async () => {
    clearInterval(tick);
    await db.close();      // drain first …
    await provider.stop(); // … then revoke: the Postgres users are dropped
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
