import { randomBytes } from 'node:crypto';
import { initInstanceVault, type InitInstanceVaultInput } from '../../operations/init-instance-vault.js';
import { flag, mountOf, optional, type Values } from '../args.js';
import type { Env } from '../command.js';
import { DbUrlError, parseDbUrl, type DbUrl } from '../db-url.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { dryRunClient } from '../plan/dry-run.js';

/**
 * The password a plan renders (masked) when none was given: a plan sends nothing, so
 * it needs none. Random, so it can never be mistaken for, or collide with, real text.
 */
const PLACEHOLDER_PASSWORD = randomBytes(18).toString('base64url');

/** Stands in for a `--db` that is missing or unusable, so the other flags are still checked. */
const PLACEHOLDER_DB: DbUrl = {
  user: 'postgres', password: PLACEHOLDER_PASSWORD, host: 'localhost', port: undefined, database: 'postgres', sslmode: undefined,
};

/** What `init-instance` hands the operation, and whether a real DB password was given. */
export interface InitInput {
  input: InitInstanceVaultInput;
  passwordGiven: boolean;
}

function dbFrom(r: FlagInput, env: Env): DbUrl {
  const url = optional(r.values, 'db') ?? env['LAMIN_VAULT_DB_URL'];
  if (!url) {
    r.problem('db', 'is required (or set $LAMIN_VAULT_DB_URL)');
    return PLACEHOLDER_DB;
  }
  try {
    return parseDbUrl(url);
  } catch (error) {
    if (!(error instanceof DbUrlError)) throw error;
    r.problem(error.field, error.detail);
    return PLACEHOLDER_DB;
  }
}

/** The DB password from the URL or `$LAMIN_VAULT_DB_PASSWORD`; a plan may go without. */
function passwordFrom(r: FlagInput, db: DbUrl, env: Env, plan: boolean): string | undefined {
  if (db.password === '') {
    r.problem('vaultDbPassword', "is empty (leave out the ':' to take $LAMIN_VAULT_DB_PASSWORD)");
    return undefined;
  }
  const password = db.password ?? (env['LAMIN_VAULT_DB_PASSWORD'] || undefined);
  if (password === undefined && !plan) r.problem('vaultDbPassword', 'is missing: put it in --db or set $LAMIN_VAULT_DB_PASSWORD');
  return password;
}

/** `--sslmode` or the URL's `?sslmode=`; both are fine when they agree. */
function sslmodeFrom(r: FlagInput, db: DbUrl): string | undefined {
  const given = optional(r.values, 'sslmode');
  if (given !== undefined && db.sslmode !== undefined && given !== db.sslmode) {
    r.problem('sslmode', 'the two differ: give one of them');
  }
  return given ?? db.sslmode;
}

/**
 * The operation's input from the flags, every problem of every flag reported at
 * once (checked before anything is sent). A plan without a DB password renders a
 * placeholder instead, masked like a real one.
 */
export async function initInputFrom(values: Values, env: Env, plan: boolean): Promise<InitInput> {
  const r = new FlagInput(values);
  const instanceId = r.required('instance', 'instanceId', PLACEHOLDER.instanceId);
  const adminAccountId = r.required('admin', 'adminAccountId', PLACEHOLDER.accountId);
  const db = dbFrom(r, env);
  const password = passwordFrom(r, db, env, plan);
  const sslmode = sslmodeFrom(r, db);
  const adminTtl = optional(values, 'admin-ttl');
  const adminMaxTtl = optional(values, 'admin-max-ttl');
  const input: InitInstanceVaultInput = {
    instanceId, adminAccountId, dbHost: db.host, dbName: db.database, vaultDbUsername: db.user,
    vaultDbPassword: password ?? PLACEHOLDER_PASSWORD,
    mount: mountOf(values),
    // Only when asked: without the flag a re-run leaves an existing public-read role alone.
    ...(flag(values, 'public-read') ? { publicRead: true } : {}),
    ...(db.port === undefined ? {} : { dbPort: db.port }),
    // The schema validates the enum; an unknown mode becomes a validation error (exit 2).
    ...(sslmode === undefined ? {} : { sslmode: sslmode as InitInstanceVaultInput['sslmode'] }),
    ...(adminTtl === undefined ? {} : { adminTtl }),
    ...(adminMaxTtl === undefined ? {} : { adminMaxTtl }),
  };
  // The operation validates first thing; against the in-memory Vault nothing is sent.
  await r.check(() => initInstanceVault(dryRunClient().client, input));
  return { input, passwordGiven: password !== undefined };
}
