/**
 * Every CLI subcommand as a target for the hostile-input corpus, run in-process through
 * `runCli` with VAULT_ADDR pointing at the recording server.
 *
 * A slot is a flag (`--instance`), a part of the `--db` URL (`db.host`; user, password
 * and database name are percent-encoded, the host is inserted as is) or `env.NAME`.
 */
import { runCli } from '../../../src/cli/run.js';
import type { RecordingServer } from '../../helpers/recording-server.js';
import { recordOutput } from '../leak-guard/store.js';
import { echoable } from './check.js';
import { AID, IID } from './targets.js';

export interface CliTarget {
  name: string;
  /** Flags of a valid invocation (`true` for a boolean flag). */
  flags: Record<string, string | true>;
  /** Whether the command has a `--db` URL. */
  db?: boolean;
  fields: Record<string, readonly string[]>;
  /** Why a value is not hostile for this command (it is then not tried), or `undefined`. */
  skip?: (field: string, value: unknown) => string | undefined;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** `undefined` when the invocation was rejected properly. */
  problem(field: string, value: unknown): string | undefined;
}

const CLIENT = { address: ['--address'], namespace: ['--namespace'], token: ['env.VAULT_TOKEN'] };
const DB_PARTS = { host: 'db.example.com', port: '5432', name: 'lamin', user: 'lamin_admin', password: 'pw-1234567890' };

const initFields = {
  instanceId: ['--instance'], accountId: ['--admin'], mount: ['--mount'], ttl: ['--admin-ttl', '--admin-max-ttl'],
  maxTtl: ['--admin-max-ttl'], sslmode: ['--sslmode'], dbHost: ['db.host'], dbPort: ['db.port'], dbName: ['db.name'],
  vaultDbUsername: ['db.user'], vaultDbPassword: ['db.password'],
};
const setFields = { instanceId: ['--instance'], accountId: ['--account'], mount: ['--mount'], role: ['--level'], ttl: ['--ttl', '--max-ttl'], maxTtl: ['--max-ttl'] };
const refFields = { instanceId: ['--instance'], mount: ['--mount'] };
const collabFields = { ...refFields, accountId: ['--account'] };

const skip = (field: string, value: unknown): string | undefined => {
  if (field === 'token' && typeof value === 'string' && value.trim() !== value) return 'VAULT_TOKEN is trimmed by design';
  if (field === 'dbPort' && value === '5432') return 'a numeral is how ports are written on a command line';
  if (field === 'dbHost' && typeof value === 'string' && /[@/?#]/.test(value)) return 'a delimiter of the --db URL: it parses as another, valid URL';
  if (field === 'mount' && typeof value === 'string' && value !== value.replace(/^\/+|\/+$/g, '') && value.replace(/^\/+|\/+$/g, '') !== '') {
    return 'the CLI trims leading/trailing slashes from --mount by design (`database/` is how vault prints mounts)';
  }
  return undefined;
};

export const CLI_TARGETS: readonly CliTarget[] = [
  { name: 'init-instance', flags: { instance: IID, admin: AID, sslmode: 'disable' }, db: true, fields: { ...initFields, ...CLIENT }, skip },
  { name: 'plan init-instance', flags: { instance: IID, admin: AID, sslmode: 'disable' }, db: true, fields: initFields, skip },
  { name: 'collaborator set', flags: { instance: IID, account: AID, level: 'read' }, fields: { ...setFields, ...CLIENT }, skip },
  { name: 'plan collaborator set', flags: { instance: IID, account: AID, level: 'read' }, fields: setFields, skip },
  { name: 'collaborator delete', flags: { instance: IID, account: AID }, fields: { ...collabFields, ...CLIENT }, skip },
  { name: 'plan collaborator delete', flags: { instance: IID, account: AID }, fields: collabFields, skip },
  { name: 'collaborator list', flags: { instance: IID }, fields: { ...refFields, ...CLIENT }, skip },
  {
    name: 'creds', flags: { instance: IID, account: AID, host: 'db.example.com', database: 'lamin' },
    fields: { ...collabFields, dbHost: ['--host'], dbName: ['--database'], dbPort: ['--port'], sslmode: ['--sslmode'], ...CLIENT }, skip,
  },
  { name: 'creds', flags: { role: `${IID}-public-read-db` }, fields: { roleName: ['--role'], mount: ['--mount'] }, skip },
  { name: 'status', flags: { instance: IID }, fields: { ...refFields, ...CLIENT }, skip },
  { name: 'delete-instance', flags: { instance: IID, yes: true }, fields: { ...refFields, ...CLIENT }, skip },
  { name: 'plan delete-instance', flags: { instance: IID }, fields: refFields, skip },
];

function dbUrl(parts: typeof DB_PARTS): string {
  const e = encodeURIComponent;
  return `postgresql://${e(parts.user)}:${e(parts.password)}@${parts.host}:${parts.port}/${e(parts.name)}`;
}

/** The argv and env of a target with `value` in `slot` (no slot: the valid invocation). */
export function cliInvocation(server: RecordingServer, target: CliTarget, slot?: string, value?: string) {
  const flags: Record<string, string | true> = { ...target.flags };
  // No retries: a retried request of one invocation would land in the next one's recording.
  const env: Record<string, string> = { VAULT_ADDR: server.url, VAULT_TOKEN: 'hostile-test-token', VAULT_MAX_RETRIES: '0' };
  const db = { ...DB_PARTS };
  if (slot !== undefined && value !== undefined) {
    if (slot.startsWith('--')) flags[slot.slice(2)] = value;
    else if (slot.startsWith('env.')) env[slot.slice(4)] = value;
    else if (slot.startsWith('db.')) db[slot.slice(3) as keyof typeof DB_PARTS] = value;
  }
  if (target.db) flags['db'] = dbUrl(db);
  const argv = [...target.name.split(' '), ...Object.entries(flags).map(([k, v]) => (v === true ? `--${k}` : `--${k}=${v}`)), '--json'];
  return { argv, env };
}

const DB_PART_NAMES: Record<string, string> = { host: 'host', port: 'port', name: 'database', user: 'username', password: 'password' };
const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** What an error may call the slot: the flag (`--max-ttl`), the field it feeds (`maxTtl`), `--db`, the env name. */
function namesFor(slot: string): string[] {
  if (slot.startsWith('db.')) return ['--db', DB_PART_NAMES[slot.slice(3)] ?? slot];
  if (slot.startsWith('env.')) return [slot.slice(4)];
  return [slot, camel(slot.slice(2))];
}

/** Runs one invocation and judges it (see {@link CliResult.problem}). */
export async function runCliCase(server: RecordingServer, target: CliTarget, slot?: string, value?: string): Promise<CliResult> {
  const { argv, env } = cliInvocation(server, target, slot, value);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    version: '0.0.0-test',
  });
  recordOutput(`cli ${target.name}`, stdout + stderr);
  const sent = server.connections();
  const names = slot === undefined ? [] : namesFor(slot);
  return {
    code, stdout, stderr,
    problem(field, v) {
      const problems: string[] = [];
      if (sent > 0) problems.push(`sent ${sent} request(s) (${server.requestLines().join(', ')})`);
      if (code !== 2) problems.push(`exit ${code}: ${stderr.trim().slice(0, 160)}`);
      else if (![field, ...names].some((n) => stderr.includes(n))) problems.push(`stderr names neither ${[field, ...names].join(' nor ')}: ${stderr.trim().slice(0, 160)}`);
      if (code === 2 && echoable(v) && (stdout + stderr).includes(v)) problems.push('output echoes the value');
      return problems.length === 0 ? undefined : problems.join('; ');
    },
  };
}
