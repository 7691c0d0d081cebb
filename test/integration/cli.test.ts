import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient } from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { CliBinary, type CliRun } from '../helpers/cli.js';
import { createLaminSchema } from '../helpers/lamin-schema.js';
import { tryLogin } from '../helpers/try-sql.js';

// Every character that means something in a URL, plus quotes, backslash and space.
const SPECIAL = `p:/?#[]@!$&'()*+,;=%" \\<>^{}|~\`-${randomBytes(6).toString('hex')}`;

let stack: VaultStack;
let cli: CliBinary;
let client: VaultClient;
let env: Record<string, string>;
let database: string;
const owner = `cli_owner_${randomBytes(4).toString('hex')}`;
const instanceId = randomUUID();
const shownPasswords: string[] = [];

const dbUrl = (password: string | undefined) =>
  `postgresql://${owner}${password === undefined ? '' : `:${password}`}@${stack.postgres.hostForVault}:${stack.postgres.portForVault}/${database}?sslmode=disable`;
const run = (args: string[], extra: Record<string, string> = {}) => cli.run(args, { ...env, ...extra });

/** A usage error: exit 2, one line on stderr, nothing (or the JSON error) on stdout. */
function expectUsage(r: CliRun): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^lamin-vault: /);
}

beforeAll(async () => {
  [stack, cli] = await Promise.all([startVaultStack(), CliBinary.build()]);
  client = new VaultClient(stack.client());
  env = { VAULT_ADDR: stack.vault.address, VAULT_TOKEN: stack.vault.token };
  database = await stack.postgres.createDatabase();
  const su = await stack.postgres.connect({ database });
  await su.query(`CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD ${pg.escapeLiteral(SPECIAL)}`);
  await su.query(`ALTER DATABASE "${database}" OWNER TO ${owner}`);
  await su.query(`ALTER SCHEMA public OWNER TO ${owner}`);
  await su.end();
  const ownerClient = await stack.postgres.connect({ database, user: owner, password: SPECIAL });
  await createLaminSchema(ownerClient);
  await ownerClient.end();
});
afterAll(async () => {
  await cli?.remove();
  await stack?.stop();
});

describe('help and usage errors', () => {
  const commands = ['init-instance', 'collaborator set', 'collaborator delete', 'collaborator list', 'creds', 'status', 'delete-instance'];

  it.each(commands)('%s --help prints usage and exits 0', async (name) => {
    const r = await cli.run([...name.split(' '), '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: lamin-vault ${name} `));
    expect(r.stdout).toContain('--json');
  });

  it('prints the top-level, group and plan help; no arguments is a usage error', async () => {
    for (const args of [['--help'], ['-h'], ['collaborator', '--help'], ['plan', '--help'], ['plan', 'collaborator', 'set', '--help']]) {
      const r = await cli.run(args, {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: lamin-vault /);
    }
    const none = await cli.run([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: lamin-vault <command>/);
    const group = await cli.run(['collaborator'], {});
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^Usage: lamin-vault collaborator <command>/);
    expect((await cli.run(['--version'], {})).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['status', '--bogus']],
    [['status', '--instance']],
    [['status']],
    [['collaborator', 'set', '--token=not-a-flag']],
    [['creds', 'positional-s3cret']],
    [['collaborator', 'frobnicate']],
    [['nope']],
    [['--bogus']],
    [['status', '--instance', '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f', '--ca-cert', '/nonexistent/ca.pem']],
    [['delete-instance', '--instance', '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f']],
    [['creds', '--role', 'x', '--instance', '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f']],
  ])('%j is a usage error (exit 2, one line on stderr)', async (args) => {
    const r = await run(args);
    expectUsage(r);
    expect(r.stderr).not.toContain('positional-s3cret');
    expect(r.stderr).not.toContain('not-a-flag');
  });

  it('validation errors exit 2 and name the field; --json gives one error object', async () => {
    const bad = await run(['status', '--instance', 'NOT-A-UUID', '--json']);
    expectUsage(bad);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', exitCode: 2 } });
    expect(bad.stderr).toContain('--instance: ');
    expect(bad.json).toMatchObject({ error: { issues: [{ path: 'instanceId', flag: '--instance' }] } });
    const level = await run(['collaborator', 'set', '--instance', instanceId, '--account', 'x', '--level', 'owner', '--json']);
    expectUsage(level);
    expect(level.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(level.stderr).toContain('--level: ');
  });

  it('repeated value flags, unknown --db query parameters and --help --json', async () => {
    expectUsage(await run(['status', '--instance', instanceId, '--instance', instanceId]));
    const query = await run(['init-instance', '--instance', instanceId, '--admin', 'owner', '--db', `${dbUrl(SPECIAL)}&host=/tmp`]);
    expectUsage(query);
    expect(query.stderr).toContain('"host" is not supported');
    for (const args of [['--help', '--json'], ['collaborator', '--help', '--json'], ['plan', '--json', '--help'], ['status', '--help', '--json']]) {
      const r = await cli.run(args, {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(String(r.json?.['help'])).toMatch(/^Usage: lamin-vault /);
    }
  });
});

describe('exit codes of Vault and network failures', () => {
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => sockets.add(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('a token Vault refuses exits 3 with the status', async () => {
    const r = await cli.run(['status', '--instance', instanceId, '--json'], { ...env, VAULT_TOKEN: 'not-a-real-token' });
    expect(r.code).toBe(3);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'VAULT_HTTP', status: 403 } });
    expect(r.stderr).toMatch(/^lamin-vault: Vault 403/);
  });

  it('no token is a usage error; the address may come from --address', async () => {
    const r = await cli.run(['status', '--instance', instanceId, '--address', stack.vault.address], {});
    expectUsage(r);
    expect(r.stderr).toContain('VAULT_TOKEN');
  });

  it('a refused connection and a timeout exit 4', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await cli.run(['status', '--instance', instanceId, '--json'],
      { VAULT_ADDR: `http://127.0.0.1:${port}`, VAULT_TOKEN: 't', VAULT_MAX_RETRIES: '0' });
    expect(refused.code).toBe(4);
    expect(refused.json).toMatchObject({ error: { code: 'VAULT_NETWORK' } });
    const timeout = await cli.run(['status', '--instance', instanceId],
      { VAULT_ADDR: `http://127.0.0.1:${silentPort}`, VAULT_TOKEN: 't', VAULT_CLIENT_TIMEOUT: '1' });
    expect(timeout.code).toBe(4);
    expect(timeout.stderr).toContain('timed out');
  });
});

describe('plan', () => {
  it('renders paths, bodies, SQL and HCL without a Vault, password masked', async () => {
    const text = await cli.run(['plan', 'init-instance', '--instance', instanceId, '--admin', 'owner', '--db', dbUrl(SPECIAL)], {});
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`POST /v1/database/config/${instanceId}`);
    expect(text.stdout).toContain('CREATE ROLE');
    expect(text.stdout).toContain('capabilities = ["read"]');
    expect(text.stdout).toContain('"********"');
    const json = await cli.run(['init-instance', '--plan', '--json', '--instance', instanceId, '--admin', 'owner', '--db', dbUrl(SPECIAL)], {});
    const steps = json.json?.['steps'] as { path: string; body?: Record<string, unknown> }[];
    expect(steps[0]?.body?.['password']).toBe('********');
    for (const args of [['collaborator', 'set', '--instance', instanceId, '--account', 'a', '--level', 'read'],
      ['collaborator', 'delete', '--instance', instanceId, '--account', 'a'], ['delete-instance', '--instance', instanceId]]) {
      expect((await cli.run(['plan', ...args, '--json'], {})).json).toMatchObject({ ok: true, plan: true });
    }
  });
});

describe('an instance through the CLI', () => {
  it('init-instance takes a --db password with every URL-special character, raw or percent-encoded', async () => {
    const raw = await run(['init-instance', '--instance', instanceId, '--admin', 'owner', '--db', dbUrl(SPECIAL), '--json']);
    expect(raw.code, raw.stderr).toBe(0);
    expect(raw.json).toMatchObject({ ok: true, instanceId, admin: { accountId: 'owner', level: 'admin' } });
    const encoded = await run(['init-instance', '--instance', instanceId, '--admin', 'owner', '--db', dbUrl(encodeURIComponent(SPECIAL))]);
    expect(encoded.code, encoded.stderr).toBe(0);
    expect(encoded.stdout).toContain(`initialised instance ${instanceId}`);
    const fromEnv = await run(['init-instance', '--instance', instanceId, '--admin', 'owner', '--db', dbUrl(undefined)],
      { LAMIN_VAULT_DB_PASSWORD: SPECIAL });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
  });

  it('collaborator set reports created, unchanged and updated, and revokes old credentials', async () => {
    const set = (account: string, level: string) =>
      run(['collaborator', 'set', '--instance', instanceId, '--account', account, '--level', level, '--json']);
    expect((await set('reader', 'read')).json).toMatchObject({ ok: true, action: 'created', level: 'read' });
    expect((await set('reader', 'read')).json).toMatchObject({ action: 'unchanged' });
    expect((await set('writer', 'write')).json).toMatchObject({ action: 'created' });
    const old = await run(['creds', '--instance', instanceId, '--account', 'writer', '--show-password', '--json']);
    shownPasswords.push(String(old.json?.['password']));
    const up = await set('writer', 'admin');
    expect(up.json).toMatchObject({ action: 'updated', previousLevel: 'write', level: 'admin', revokedLeases: true });
    const login = { host: stack.postgres.hostForTests, port: stack.postgres.portForTests, database };
    expect(await tryLogin({ ...login, user: String(old.json?.['username']), password: String(old.json?.['password']) })).not.toBe('ok');
    const human = await run(['collaborator', 'set', '--instance', instanceId, '--account', 'writer', '--level', 'admin']);
    expect(human.stdout).toMatch(/^unchanged: writer is admin/);
  });

  it('collaborator set --keep-credentials says the old credentials were kept, and they still log in', async () => {
    expect((await run(['collaborator', 'set', '--instance', instanceId, '--account', 'keeper', '--level', 'read'])).code).toBe(0);
    const old = await run(['creds', '--instance', instanceId, '--account', 'keeper', '--show-password', '--json']);
    shownPasswords.push(String(old.json?.['password']));
    const kept = await run(['collaborator', 'set', '--instance', instanceId, '--account', 'keeper', '--level', 'write', '--keep-credentials']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/^updated: keeper is write \(was read\) on \S+; old credentials kept \(--keep-credentials\)\n/);
    const login = { host: stack.postgres.hostForTests, port: stack.postgres.portForTests, database };
    expect(await tryLogin({ ...login, user: String(old.json?.['username']), password: String(old.json?.['password']) })).toBe('ok');
    // Back to the collaborators the next tests expect.
    expect((await run(['collaborator', 'delete', '--instance', instanceId, '--account', 'keeper', '--json'])).json).toMatchObject({ existed: true });
  });

  it('collaborator list shows every collaborator with its level', async () => {
    const r = await run(['collaborator', 'list', '--instance', instanceId, '--json']);
    const rows = r.json?.['collaborators'] as { accountId: string; level: string }[];
    expect(rows.map((c) => [c.accountId, c.level]).sort()).toEqual([['owner', 'admin'], ['reader', 'read'], ['writer', 'admin']]);
    expect((await run(['collaborator', 'list', '--instance', instanceId])).stdout).toMatch(/^ACCOUNT\s+LEVEL\s+ROLE/);
  });

  it('creds masks the password unless --show-password, and the shown one logs in', async () => {
    const masked = await run(['creds', '--instance', instanceId, '--account', 'reader', '--json']);
    expect(masked.json).toMatchObject({ ok: true, password: '********', roleName: `${instanceId}-reader-db` });
    expect(String(masked.json?.['username'])).toMatch(/^v-/);
    expect(String(masked.json?.['leaseId'])).toContain(`database/creds/${instanceId}-reader-db/`);
    expect((await run(['creds', '--instance', instanceId, '--account', 'reader'])).stdout).toMatch(/password\s+\*{8}/);
    const shown = await run(['creds', '--instance', instanceId, '--account', 'reader', '--show-password', '--json',
      '--host', stack.postgres.hostForTests, '--port', String(stack.postgres.portForTests), '--database', database]);
    shownPasswords.push(String(shown.json?.['password']));
    const c = new pg.Client({ connectionString: String(shown.json?.['url']) });
    await c.connect();
    expect((await c.query('SELECT count(*)::int AS n FROM lnschema_core_artifact')).rows[0]).toEqual({ n: 2 });
    await c.end();
  });

  it('status shows connection, roles with levels, policies and leases', async () => {
    const r = await run(['status', '--instance', instanceId, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json?.['connection']).toMatchObject({ exists: true, username: owner, allowedRoles: [`${instanceId}-*`] });
    expect(String((r.json?.['connection'] as Record<string, unknown>)['connectionUrl'])).toContain('{{password}}');
    const roles = r.json?.['roles'] as { accountId: string; level: string; policy: string; leases: unknown }[];
    expect(roles.find((x) => x.accountId === 'reader')).toMatchObject({ level: 'read', policy: 'present', leases: 3 }); // the three creds runs above
    expect(roles.find((x) => x.accountId === 'writer')).toMatchObject({ level: 'admin', leases: 0 });
    expect((await run(['status', '--instance', instanceId])).stdout).toMatch(/connection database\/config\/.+: present/);
    // A mount as `vault secrets list` prints it, with its trailing slash.
    const slash = await run(['status', '--instance', instanceId, '--mount', 'database/']);
    expect(slash.code, slash.stderr).toBe(0);
    expect(slash.stdout).toMatch(new RegExp(`^instance ${instanceId} \\(mount database\\)\nconnection database/config/${instanceId}: present`));
  });

  it('status says "not visible" for leases when the token lacks sudo', async () => {
    const policy = `cli-status-${randomBytes(3).toString('hex')}`;
    await client.write(['sys', 'policies', 'acl', policy], { policy: [
      `path "database/config/${instanceId}" { capabilities = ["read"] }`,
      'path "database/roles" { capabilities = ["list"] }',
      `path "database/roles/${instanceId}-*" { capabilities = ["read"] }`,
      `path "sys/policies/acl/${instanceId}-*" { capabilities = ["read"] }`,
    ].join('\n') });
    const created = await client.write(['auth', 'token', 'create'], { policies: [policy], ttl: '10m' });
    const r = await run(['status', '--instance', instanceId, '--json'], { VAULT_TOKEN: created!.auth!.clientToken });
    expect(r.code, r.stderr).toBe(0);
    const roles = r.json?.['roles'] as { leases: unknown }[];
    expect(roles.length).toBe(3);
    expect(roles.every((x) => x.leases === 'not visible')).toBe(true);
  });

  it('collaborator delete removes a collaborator and is idempotent', async () => {
    const first = await run(['collaborator', 'delete', '--instance', instanceId, '--account', 'reader', '--json']);
    expect(first.json).toMatchObject({ ok: true, existed: true });
    expect((await run(['collaborator', 'delete', '--instance', instanceId, '--account', 'reader'])).stdout).toMatch(/^nothing to delete/);
  });

  it('delete-instance needs --yes, then removes everything', async () => {
    expectUsage(await run(['delete-instance', '--instance', instanceId]));
    const r = await run(['delete-instance', '--instance', instanceId, '--yes', '--drop-group-roles', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: true, connectionExisted: true });
    expect((r.json?.['deletedRoles'] as string[]).sort()).toEqual([`${instanceId}-owner-db`, `${instanceId}-writer-db`]);
    const after = await run(['status', '--instance', instanceId, '--json']);
    expect(after.json).toMatchObject({ connection: { exists: false }, roles: [] });
    const su = await stack.postgres.connect({ database });
    const { rows } = await su.query('SELECT count(*)::int AS n FROM pg_roles WHERE starts_with(rolname, $1) OR starts_with(rolname, $2)',
      [`v-${instanceId.replaceAll('-', '')}`, `lamin_${instanceId.replaceAll('-', '')}_`]);
    await su.end();
    expect(rows[0]).toEqual({ n: 0 });
  });
});

describe('secrets', () => {
  it('no output ever contains the Vault token, the DB password or a generated password not asked for', () => {
    expect(cli.runs.length).toBeGreaterThan(30);
    const forbidden = [stack.vault.token, SPECIAL, encodeURIComponent(SPECIAL), stack.postgres.adminPassword];
    for (const r of cli.runs) {
      const output = r.stdout + r.stderr;
      for (const secret of forbidden) expect(output.includes(secret), `${r.args.join(' ')} printed a secret`).toBe(false);
      if (r.args.includes('--show-password')) continue;
      for (const password of shownPasswords) expect(output.includes(password), `${r.args.join(' ')} printed a password`).toBe(false);
    }
  });
});
