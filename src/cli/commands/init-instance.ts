import { initInstanceVault } from '../../operations/init-instance-vault.js';
import { OUTPUT_OPTIONS, PLAN_OPTION, VAULT_OPTIONS, flag } from '../args.js';
import type { Command } from '../command.js';
import { dryRun } from '../plan/dry-run.js';
import { planOutput } from '../plan/render-plan.js';
import { clientFrom } from '../vault-client.js';
import { initInputFrom } from './init-input.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id (lowercase UUID)' },
  admin: { type: 'string', value: '<account>', description: 'account id of the instance admin collaborator' },
  db: {
    type: 'string', value: '<url>',
    description: 'postgresql://user[:password]@host:port/db[?sslmode=…] as Vault reaches it (default: $LAMIN_VAULT_DB_URL)',
  },
  sslmode: { type: 'string', value: '<mode>', description: 'TLS mode of Vault\'s connection (or ?sslmode= in --db; both must agree)' },
  'public-read': { type: 'boolean', description: 'also create the public-read role (finite TTL)' },
  'admin-ttl': { type: 'string', value: '<ttl>', description: 'lease TTL of the admin\'s credentials (default 1h)' },
  'admin-max-ttl': { type: 'string', value: '<ttl>', description: 'max lease TTL of the admin\'s credentials (default 24h)' },
  ...PLAN_OPTION, ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

const NEW_INSTANCE = 'as for an instance Vault does not know yet; the credential issue runs the bootstrap SQL and its revocation drops the temporary user';
const NO_PASSWORD = 'no database password was given: the plan uses a placeholder (masked above); the real run needs it in --db or $LAMIN_VAULT_DB_PASSWORD';

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
    'a password plus $LAMIN_VAULT_DB_PASSWORD. Host and port are as Vault reaches them; the only',
    'query parameter taken is sslmode. Every flag is checked, and all problems reported, first.',
  ].join('\n'),
  options,
  async run(values, env) {
    const plan = flag(values, 'plan');
    const { input, passwordGiven } = await initInputFrom(values, env, plan);
    if (plan) {
      const notes = passwordGiven ? [NEW_INSTANCE] : [NEW_INSTANCE, NO_PASSWORD];
      return planOutput(await dryRun('init-instance', (c) => initInstanceVault(c, input), { notes }));
    }
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
