import { initInstanceVault, type InitInstanceVaultInput } from '../../operations/init-instance-vault.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag, mountOf, optional, required, type Values } from '../args.js';
import type { Command, Env } from '../command.js';
import { parseDbUrl } from '../db-url.js';
import { UsageError } from '../errors.js';
import { dryRun } from '../plan/dry-run.js';
import { planOutput } from '../plan/render-plan.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id (lowercase UUID)' },
  admin: { type: 'string', value: '<account>', description: 'account id of the instance admin collaborator' },
  db: {
    type: 'string', value: '<url>',
    description: 'postgresql://user[:password]@host:port/db[?sslmode=…] as Vault reaches it (default: $LAMIN_VAULT_DB_URL)',
  },
  sslmode: { type: 'string', value: '<mode>', description: 'TLS mode of Vault\'s connection (overrides ?sslmode=)' },
  'public-read': { type: 'boolean', description: 'also create the public-read role (finite TTL)' },
  'admin-ttl': { type: 'string', value: '<ttl>', description: 'lease TTL of the admin\'s credentials (default 1h)' },
  'admin-max-ttl': { type: 'string', value: '<ttl>', description: 'max lease TTL of the admin\'s credentials (default 24h)' },
  ...PLAN_OPTION, ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

/** The operation's input from flags; the DB password from the URL or `$LAMIN_VAULT_DB_PASSWORD`. */
export function initInputFrom(values: Values, env: Env): InitInstanceVaultInput {
  const url = optional(values, 'db') ?? env['LAMIN_VAULT_DB_URL'];
  if (!url) throw new UsageError('missing --db (or $LAMIN_VAULT_DB_URL)');
  const db = parseDbUrl(url);
  const password = db.password ?? env['LAMIN_VAULT_DB_PASSWORD'];
  if (!password) throw new UsageError('no database password: put it in --db or set $LAMIN_VAULT_DB_PASSWORD');
  const sslmode = optional(values, 'sslmode') ?? db.sslmode;
  const adminTtl = optional(values, 'admin-ttl');
  const adminMaxTtl = optional(values, 'admin-max-ttl');
  return {
    instanceId: required(values, 'instance'),
    adminAccountId: required(values, 'admin'),
    dbHost: db.host,
    dbName: db.database,
    vaultDbUsername: db.user,
    vaultDbPassword: password,
    mount: mountOf(values),
    publicRead: flag(values, 'public-read'),
    ...(db.port === undefined ? {} : { dbPort: db.port }),
    // The schema validates the enum; an unknown mode becomes a validation error (exit 2).
    ...(sslmode === undefined ? {} : { sslmode: sslmode as InitInstanceVaultInput['sslmode'] }),
    ...(adminTtl === undefined ? {} : { adminTtl }),
    ...(adminMaxTtl === undefined ? {} : { adminMaxTtl }),
  };
}

const NEW_INSTANCE = 'as for an instance Vault does not know yet; the credential issue runs the bootstrap SQL and its revocation drops the temporary user';

/** `lamin-vault init-instance`. */
export const initInstanceCommand: Command = {
  name: 'init-instance',
  summary: 'connect Vault to an instance database and create its admin collaborator',
  usage: '--instance <uuid> --admin <account> --db <url> [options]',
  description: [
    'Writes the connection <mount>/config/<instance> (verified against PostgreSQL), creates the',
    'instance\'s group roles and the admin collaborator. Re-running converges; collaborators stay.',
    'The --db user is the PostgreSQL user Vault connects as (superuser, or CREATEROLE + owner).',
    'Passwords in --db may be raw or percent-encoded; flags show in ps, so prefer a URL without',
    'a password plus $LAMIN_VAULT_DB_PASSWORD. Host and port are as Vault reaches them.',
  ].join('\n'),
  options,
  async run(values, env) {
    const input = initInputFrom(values, env);
    if (flag(values, 'plan')) return planOutput(await dryRun('init-instance', (c) => initInstanceVault(c, input), { notes: [NEW_INSTANCE] }));
    const result = await initInstanceVault(clientFrom(values, env), input);
    const lines = [
      `initialised instance ${result.instanceId}`,
      `  connection  ${result.connectionPath}`,
      `  admin       ${result.admin.accountId} (role ${result.admin.roleName}, policy ${result.admin.policyName})`,
    ];
    if (result.publicRead) lines.push(`  public-read role ${result.publicRead.roleName}`);
    return { json: { ...result }, text: lines.join('\n') };
  },
};
