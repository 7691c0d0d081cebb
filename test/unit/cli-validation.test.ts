/**
 * The CLI's input checks, in-process through runCli with VAULT_ADDR at a recording
 * server: a rejected command line exits 2, names the flags the user typed, reports
 * every problem at once and sends nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import { registerSecret } from '../reliability/leak-guard/store.js';

const IID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const PASSWORD = 'pw-cli-validation-7f3a9c';
const DB = `postgresql://lamin_admin:${PASSWORD}@db.example.com:5432/lamin`;
let server: RecordingServer;
let env: Record<string, string>;

beforeAll(async () => {
  registerSecret('test db password', PASSWORD);
  server = await startRecordingServer();
  env = { VAULT_ADDR: server.url, VAULT_TOKEN: 'cli-validation-token', VAULT_MAX_RETRIES: '0' };
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => server.reset());

/** Runs the CLI and checks it was a usage/validation error that sent nothing. */
async function rejected(args: string[], extraEnv: Record<string, string> = {}) {
  const r = await runInProcess(args, { ...env, ...extraEnv });
  expect(r.code, r.stderr).toBe(2);
  expect(server.connections(), server.requestLines().join(', ')).toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  return r;
}

type Issue = { path: string; message: string; flag?: string };
const issuesOf = (json: Record<string, unknown> | undefined) => (json?.['error'] as { issues?: Issue[] } | undefined)?.issues ?? [];

describe('validation errors name the flags the user typed', () => {
  it('--level READ names --level, not the field "role"; --json keeps the path and adds the flag', async () => {
    const text = await rejected(['collaborator', 'set', '--instance', IID, '--account', 'alice', '--level', 'READ']);
    expect(text.stderr).toMatch(/^lamin-vault: Invalid options: --level: /);
    expect(text.stderr).not.toMatch(/\brole\b/);
    const json = await rejected(['collaborator', 'set', '--instance', IID, '--account', 'alice', '--level', 'READ', '--json']);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', exitCode: 2 } });
    expect(issuesOf(json.json)).toEqual([{ path: 'role', flag: '--level', message: expect.any(String) }]);
  });

  it('init-instance names --admin and the parts of --db, never adminAccountId, dbHost, dbName or vaultDbUsername', async () => {
    const db = `postgresql://${'u'.repeat(64)}:${PASSWORD}@bad_host!/${'d'.repeat(64)}`;
    const r = await rejected(['init-instance', '--instance', IID, '--admin', 'Alice', '--db', db, '--json']);
    for (const field of ['adminAccountId', 'dbHost', 'dbName', 'vaultDbUsername']) expect(r.stderr).not.toContain(field);
    expect(r.stderr).toContain('--admin: ');
    expect(r.stderr).toContain('--db (host): ');
    expect(r.stderr).toContain('--db (database): ');
    expect(r.stderr).toContain('--db (user): ');
    expect(issuesOf(r.json).map((i) => [i.path, i.flag])).toEqual([
      ['adminAccountId', '--admin'], ['dbHost', '--db (host)'], ['dbName', '--db (database)'], ['vaultDbUsername', '--db (user)'],
    ]);
  });

  it('TTLs and the mount of init-instance name their own flags', async () => {
    const r = await rejected(['init-instance', '--instance', IID, '--admin', 'alice', '--db', DB,
      '--admin-ttl', 'forever', '--mount', 'sys', '--json']);
    expect(issuesOf(r.json).map((i) => i.flag).sort()).toEqual(['--admin-ttl', '--mount']);
  });

  it('a bad --ttl and --max-ttl of collaborator set, and a missing --instance of status', async () => {
    const ttl = await rejected(['collaborator', 'set', '--instance', IID, '--account', 'a', '--level', 'read', '--ttl', '2h', '--max-ttl', '1h']);
    expect(ttl.stderr).toContain('--max-ttl: ');
    const missing = await rejected(['status']);
    expect(missing.stderr).toContain('--instance: is required');
  });
});

describe('init-instance checks every flag before anything else', () => {
  it('without a password, a path-traversal --instance is still reported, together with the password', async () => {
    const r = await rejected(['init-instance', '--instance', '../../sys/policies/acl/root', '--admin', 'alice',
      '--db', 'postgresql://lamin_admin@db.example.com/lamin', '--json']);
    expect(issuesOf(r.json).map((i) => i.path).sort()).toEqual(['instanceId', 'vaultDbPassword']);
    expect(r.stderr).toContain('--instance: must be a lowercase UUID');
    expect(r.stderr).toContain('--db (password): is missing');
    expect(r.stderr).not.toContain('../../sys');
  });

  it('missing flags and a bad --db are reported together', async () => {
    const r = await rejected(['init-instance', '--db', 'mysql://x', '--json'], {});
    expect(issuesOf(r.json).map((i) => i.flag)).toEqual(['--instance', '--admin', '--db']);
  });

  it('an explicitly empty password in --db is refused, also by plan', async () => {
    const db = 'postgresql://lamin_admin:@db.example.com/lamin';
    for (const args of [['init-instance'], ['plan', 'init-instance']]) {
      const r = await rejected([...args, '--instance', IID, '--admin', 'alice', '--db', db]);
      expect(r.stderr).toContain('--db (password): is empty');
    }
  });

  it('delete-instance reports a missing --yes together with a bad --instance', async () => {
    const r = await rejected(['delete-instance', '--instance', 'nope', '--json']);
    expect(issuesOf(r.json).map((i) => i.flag).sort()).toEqual(['--instance', '--yes']);
  });
});

describe('--db accepts only ?sslmode=, once, agreeing with --sslmode', () => {
  const init = (db: string, ...more: string[]) => ['init-instance', '--instance', IID, '--admin', 'alice', '--db', db, ...more];

  it.each([
    ['?foo=bar', '"foo"'],
    ['?password=s3cret-query-value', '"password"'],
    ['?host=/tmp', '"host"'],
    ['?sslmode=require&options=-c%20x', '"options"'],
    ['?SSLMODE=disable', '"SSLMODE"'],
  ])('%s is a usage error naming the parameter, never its value', async (query, named) => {
    const r = await rejected(init(`${DB}${query}`));
    expect(r.stderr).toContain(`--db: ${named} is not supported`);
    expect(r.stderr).not.toMatch(/bar|s3cret-query-value|\/tmp|-c x/);
  });

  it('a repeated sslmode is refused rather than taking the first', async () => {
    const r = await rejected(init(`${DB}?sslmode=disable&sslmode=require`));
    expect(r.stderr).toContain('sslmode is given more than once');
  });

  it('--sslmode that disagrees with the URL is refused; agreeing is fine', async () => {
    const r = await rejected(init(`${DB}?sslmode=disable`, '--sslmode', 'require', '--json'));
    expect(issuesOf(r.json)).toMatchObject([{ path: 'sslmode', message: 'the two differ: give one of them' }]);
    const same = await runInProcess(['plan', ...init(`${DB}?sslmode=disable`, '--sslmode', 'disable', '--json')], env);
    expect(same.code, same.stderr).toBe(0);
    const body = (same.json?.['steps'] as { body?: Record<string, unknown> }[])[0]?.body;
    expect(String(body?.['connection_url'])).toContain('sslmode=disable');
  });
});

describe('flags given twice', () => {
  it.each([
    [['collaborator', 'set', '--instance', IID, '--account', 'alice', '--level', 'read', '--level', 'write']],
    [['status', '--instance', IID, '--instance=3f2504e0-4f89-41d3-9a0c-0305e82c3302']],
    [['init-instance', '--instance', IID, '--admin', 'alice', '--db', DB, '--db', DB]],
  ])('%j is a usage error', async (args) => {
    const r = await rejected([...args, '--json']);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(r.stderr).toMatch(/--(level|instance|db) is given more than once/);
  });

  it('a repeated boolean flag is harmless', async () => {
    const r = await runInProcess(['plan', 'collaborator', 'set', '--instance', IID, '--account', 'a', '--level', 'read', '--json', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('--mount', () => {
  it.each(['database/', '/database', '/database/'])('%s is trimmed to database', async (mount) => {
    const r = await runInProcess(['plan', 'collaborator', 'set', '--instance', IID, '--account', 'a', '--level', 'read', '--mount', mount, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const paths = (r.json?.['steps'] as { path: string }[]).map((s) => s.path);
    expect(paths).toContain(`/v1/database/roles/${IID}-a-db`);
  });

  it('team/db/ keeps its inner slash; / alone and an inner // are refused', async () => {
    const ok = await runInProcess(['plan', 'delete-instance', '--instance', IID, '--mount', 'team/db/', '--json'], env);
    expect((ok.json?.['steps'] as { path: string }[])[0]?.path).toBe('/v1/team/db/roles');
    for (const mount of ['/', 'database//x']) expect((await rejected(['status', '--instance', IID, '--mount', mount])).stderr).toContain('--mount: ');
  });
});
