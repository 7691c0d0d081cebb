import pg from 'pg';

export type SqlOutcome = 'ok' | 'denied' | { error: string };

/**
 * Runs one statement in its own transaction and rolls back, so a failure can
 * never poison the next check (the Python original's checks after the first
 * failure all saw "current transaction is aborted" and proved nothing).
 */
export async function trySql(client: pg.Client, sql: string, commit = false): Promise<SqlOutcome> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    return 'ok';
  } catch (error) {
    await client.query('ROLLBACK');
    const code = (error as { code?: string }).code;
    return code === '42501' ? 'denied' : { error: `${code ?? '?'} ${(error as Error).message}` };
  }
}

/** Attempts a login; returns the SQLSTATE (or message) of the failure, or 'ok'. */
export async function tryLogin(config: pg.ClientConfig): Promise<string> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The five checks of the permission matrix, in the order the README shows them. */
export const MATRIX_STATEMENTS = {
  select: 'SELECT count(*) FROM lnschema_core_artifact',
  insert: "INSERT INTO lnschema_core_ulabel (name) VALUES ('kidney')",
  update: "UPDATE lnschema_core_artifact SET key = 'c.zarr' WHERE id = 1",
  delete: 'DELETE FROM lnschema_core_artifact_ulabels WHERE id = 1',
  create: 'CREATE TABLE matrix_probe (id int)',
} as const;

export type MatrixAction = keyof typeof MATRIX_STATEMENTS;
