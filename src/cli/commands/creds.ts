import { buildConnectionString } from '../../operations/connection-string.js';
import type { DbCredentials } from '../../operations/db-credentials.js';
import { generateDbCredentials, type GenerateDbCredentialsInput } from '../../operations/generate-db-credentials.js';
import { CollaboratorRefSchema } from '../../operations/collaborator-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { OUTPUT_OPTIONS, VAULT_OPTIONS, flag, mountOf, optional, optionalInt, type Values } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { FlagInput, PLACEHOLDER } from '../flag-input.js';
import { MASK, keyValues } from '../format.js';
import { clientFrom } from '../vault-client.js';

const options = {
  instance: { type: 'string', value: '<uuid>', description: 'instance id (with --account)' },
  account: { type: 'string', value: '<account>', description: 'collaborator account id' },
  role: { type: 'string', value: '<name>', description: 'any Vault role instead, e.g. <instance>-public-read-db' },
  'show-password': { type: 'boolean', description: 'print the password (masked otherwise)' },
  host: { type: 'string', value: '<host>', description: 'with --database: also print a connection URL for this host' },
  port: { type: 'string', value: '<port>', description: 'port of that URL (default 5432)' },
  database: { type: 'string', value: '<name>', description: 'database of that URL' },
  sslmode: { type: 'string', value: '<mode>', description: 'sslmode of that URL' },
  ...VAULT_OPTIONS, ...OUTPUT_OPTIONS,
} as const;

async function targetFrom(values: Values): Promise<GenerateDbCredentialsInput> {
  const mount = mountOf(values);
  const role = optional(values, 'role');
  if (role !== undefined) {
    if (values['instance'] !== undefined || values['account'] !== undefined) throw new UsageError('use either --role or --instance with --account');
    return { roleName: role, mount };
  }
  const r = new FlagInput(values);
  const ref = {
    instanceId: r.required('instance', 'instanceId', PLACEHOLDER.instanceId),
    accountId: r.required('account', 'accountId', PLACEHOLDER.accountId),
    mount,
  };
  await r.check(() => parseInput(CollaboratorRefSchema, ref));
  return ref;
}

function urlFor(values: Values, username: string, password: string): string | undefined {
  const host = optional(values, 'host');
  const database = optional(values, 'database');
  if (host === undefined && database === undefined) return undefined;
  if (host === undefined || database === undefined) throw new UsageError('--host and --database go together');
  const port = optionalInt(values, 'port');
  const sslmode = optional(values, 'sslmode') as Parameters<typeof buildConnectionString>[0]['sslmode'];
  return buildConnectionString({ username, password, host, database, ...(port === undefined ? {} : { port }), ...(sslmode === undefined ? {} : { sslmode }) });
}

function describe(creds: DbCredentials, password: string, url: string | undefined): string {
  const pairs: [string, string][] = [
    ['username', creds.username],
    ['password', password === MASK ? `${MASK} (--show-password prints it)` : password],
    ['role', creds.roleName],
    ['lease', creds.leaseId],
    ['ttl', `${creds.leaseDuration}s, expires ${creds.expiresAt.toISOString()}${creds.renewable ? ', renewable' : ''}`],
  ];
  if (url) pairs.push(['url', url]);
  return keyValues(pairs);
}

/** `lamin-vault creds`. */
export const credsCommand: Command = {
  name: 'creds',
  summary: 'issue short-lived PostgreSQL credentials',
  usage: '(--instance <uuid> --account <account> | --role <name>) [options]',
  description: [
    'Issues new credentials from <mount>/creds/<role>: every call creates a PostgreSQL user that',
    'lives until its lease ends or is revoked. The password is masked unless --show-password.',
  ].join('\n'),
  options,
  async run(values, env) {
    const target = await targetFrom(values);
    urlFor(values, 'check', 'check'); // flag errors before a user is created
    const creds = await generateDbCredentials(clientFrom(values, env), target);
    const password = flag(values, 'show-password') ? creds.password : MASK;
    const url = urlFor(values, creds.username, password);
    const json = { ...creds.toJSON(), password, expiresAt: creds.expiresAt.toISOString(), ...(url ? { url } : {}) };
    return { json, text: describe(creds, password, url) };
  },
};
