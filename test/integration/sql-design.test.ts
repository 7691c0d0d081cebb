import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapStatements, collaboratorStatements, groupRoles, teardownStatements, type Level } from '../../src/plan/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { trySql, type SqlOutcome } from '../helpers/try-sql.js';

// Proves the SQL design on a real PostgreSQL without Vault: statements run exactly as
// Vault's PostgreSQL plugin runs them (placeholders substituted as text, plain statements
// split on ";", `END` blocks whole, all of one phase in one transaction, extended protocol).
// The Vault-level tests (lifecycle, permissions) cover the same rows through a real server.

type Conn = { user: string; password: string; database: string };
type Outcome = SqlOutcome;
interface Issued { username: string; password: string; revocation: string[] }

const withoutLastLiteral = (s: string): string => {
  const literals = [...(s.match(/(".*?")/g) ?? []), ...(s.match(/('.*?')/g) ?? [])];
  const last = literals.at(-1);
  return last === undefined ? s : s.replaceAll(last, ''); // the plugin's own (quirky) loop
};
const vaultQueries = (statements: string[]): string[] =>
  statements.flatMap((s) => (/\bEND\b/.test(withoutLastLiteral(s)) ? [s] : s.split(';').map((q) => q.trim()).filter(Boolean)));
const goTime = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+0000');

class Cluster {
  constructor(private readonly stack: VaultStack) {}
  connect = (c: Partial<Conn>): Promise<pg.Client> => this.stack.postgres.connect(c);
  async run(as: Conn, statements: string[], vars: Record<string, string>): Promise<void> {
    const client = await this.connect(as);
    try {
      await client.query('BEGIN');
      for (const q of vaultQueries(statements)) {
        const text = Object.entries(vars).reduce((acc, [k, v]) => acc.replaceAll(`{{${k}}}`, v), q);
        await client.query({ text, queryMode: 'extended' } as pg.QueryConfig);
      }
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  }
}

/** One instance on one database, driven as the given connection user. */
class Instance {
  readonly iid = randomUUID();
  readonly groups = groupRoles(this.iid);
  constructor(readonly cluster: Cluster, readonly admin: Conn) {}

  async issue(level: Level, allowDelete = false): Promise<Issued> {
    const { creation, revocation } = collaboratorStatements(this.iid, level, { allowDelete });
    const username = `v-${this.iid.replaceAll('-', '')}-${randomBytes(8).toString('hex')}-${Math.floor(Date.now() / 1000)}`;
    const password = `Pw-${randomBytes(12).toString('hex')}`;
    const expiration = goTime(new Date(Date.now() + 3_600_000));
    await this.cluster.run(this.admin, creation, { name: username, username, password, expiration });
    return { username, password, revocation };
  }
  revoke = (user: { username: string; revocation?: string[] }): Promise<void> =>
    this.cluster.run(this.admin, user.revocation ?? collaboratorStatements(this.iid, 'read').revocation, {
      name: user.username, username: user.username,
    });
  async temp(phase: { creation: string[]; revocation: string[] }): Promise<void> {
    const name = `v-${this.iid.replaceAll('-', '')}-${randomBytes(8).toString('hex')}-tmp`;
    await this.cluster.run(this.admin, phase.creation, { name, username: name, password: 'x', expiration: goTime(new Date()) });
    await this.cluster.run(this.admin, phase.revocation, { name, username: name });
  }
  bootstrap = (options: { adoptExistingTables?: boolean } = {}): Promise<void> =>
    this.temp(bootstrapStatements(this.iid, options));
  teardown = (): Promise<void> => this.temp(teardownStatements(this.iid));
  login = (u: Issued): Promise<pg.Client> => this.cluster.connect({ user: u.username, password: u.password, database: this.admin.database });
  asAdmin = (): Promise<pg.Client> => this.cluster.connect(this.admin);
}

async function scalar<T>(client: pg.Client, sql: string, values: unknown[] = []): Promise<T> {
  const { rows } = await client.query(sql, values);
  return Object.values(rows[0] as object)[0] as T;
}

const SCHEMA = `
  CREATE TABLE pre_serial (id serial PRIMARY KEY, name text);
  CREATE TABLE pre_ident (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
  INSERT INTO pre_serial (name) VALUES ('a'), ('b'); INSERT INTO pre_ident (name) VALUES ('a'), ('b');`;
const LATER = `
  CREATE TABLE post_serial (id bigserial PRIMARY KEY, name text);
  INSERT INTO post_serial (name) VALUES ('a'), ('b');`;

const MATRIX = (t: string) => ({
  select: `SELECT count(*) FROM ${t}`,
  insert: `INSERT INTO ${t} (name) VALUES ('x')`,
  update: `UPDATE ${t} SET name = 'y'`,
  delete: `DELETE FROM ${t}`,
  create: 'CREATE TABLE made_here (id int)',
});
const EXPECTED: Record<string, Record<string, 'ok' | 'denied'>> = {
  read: { select: 'ok', insert: 'denied', update: 'denied', delete: 'denied', create: 'denied' },
  write: { select: 'ok', insert: 'ok', update: 'ok', delete: 'denied', create: 'denied' },
  'write+delete': { select: 'ok', insert: 'ok', update: 'ok', delete: 'ok', create: 'denied' },
  admin: { select: 'ok', insert: 'ok', update: 'ok', delete: 'ok', create: 'ok' },
};

const major = Number(process.env.POSTGRES_MAJOR ?? 17) as 15 | 17;
let stack: VaultStack;
let cluster: Cluster;
beforeAll(async () => {
  stack = await startVaultStack({ postgresMajor: major });
  cluster = new Cluster(stack);
});
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await stack?.stop();
});

describe.each(['superuser', 'createrole-owner'] as const)('SQL design as %s', (mode) => {
  let inst: Instance;
  beforeAll(async () => {
    const database = await stack.postgres.createDatabase();
    let admin: Conn = { user: stack.postgres.adminUser, password: stack.postgres.adminPassword, database };
    if (mode === 'createrole-owner') {
      const owner = { user: `owner_${randomBytes(4).toString('hex')}`, password: `Pw-${randomBytes(9).toString('hex')}` };
      const su = await cluster.connect({});
      await su.query(`CREATE ROLE ${owner.user} LOGIN CREATEROLE PASSWORD '${owner.password}'`);
      await su.query(`ALTER DATABASE ${JSON.stringify(database)} OWNER TO ${owner.user}`);
      await su.end();
      admin = { ...owner, database };
    }
    inst = new Instance(cluster, admin);
    if (mode === 'createrole-owner') {
      // External clusters outlive the run: give everything back and drop the owner role.
      cleanups.push(async () => {
        const su = await cluster.connect({ database });
        await su.query(`REASSIGN OWNED BY ${admin.user} TO CURRENT_USER; DROP OWNED BY ${admin.user}; DROP ROLE ${admin.user}`);
        await su.end();
      });
    }
    const c = await inst.asAdmin();
    expect(await scalar<boolean>(c, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).toBe(mode === 'superuser');
    await c.query(SCHEMA);
    await c.end();
  });

  it('bootstraps idempotently, and again after later tables exist', async () => {
    await inst.bootstrap();
    const c = await inst.asAdmin();
    await c.query(LATER);
    await c.end();
    await inst.bootstrap();
    const su = await cluster.connect({ database: inst.admin.database });
    const groups = await scalar<number>(su, 'SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($1) AND NOT rolcanlogin',
      [Object.values(inst.groups)]);
    expect(groups).toBe(4);
    await su.end();
  });

  it('bootstraps concurrently (re-inits and other instances queue on one lock)', async () => {
    const other = new Instance(cluster, inst.admin);
    await Promise.all([inst.bootstrap(), inst.bootstrap(), other.bootstrap(), other.bootstrap()]);
    await other.teardown();
  });

  it.each([['read', false], ['write', false], ['write', true], ['admin', false]] as const)(
    'level %s (allowDelete %s) gets exactly its row of the matrix',
    async (level, allowDelete) => {
      const user = await inst.issue(level, allowDelete);
      const client = await inst.login(user);
      const row = EXPECTED[allowDelete ? 'write+delete' : level] ?? {};
      for (const table of ['pre_serial', 'pre_ident', 'post_serial']) {
        const actual: Record<string, Outcome> = {};
        for (const [k, sql] of Object.entries(MATRIX(table))) actual[k] = await trySql(client, sql);
        expect({ table, ...actual }).toEqual({ table, ...row });
      }
      expect(await trySql(client, `TRUNCATE pre_serial`)).toBe(level === 'admin' ? 'ok' : 'denied');
      expect(await trySql(client, `CREATE ROLE x_${randomBytes(3).toString('hex')}`)).toBe('denied');
      expect(await trySql(client, `GRANT ${inst.groups.admin} TO CURRENT_USER`)).toBe('denied');
      await client.end();
      await inst.revoke(user);
    },
  );

  it('adoptExistingTables lets admins migrate existing tables; other levels keep their rights', async () => {
    await inst.bootstrap({ adoptExistingTables: true });
    const [admin, write, read] = [await inst.issue('admin'), await inst.issue('write'), await inst.issue('read')];
    const [a, w, r] = [await inst.login(admin), await inst.login(write), await inst.login(read)];
    expect(await trySql(a, 'ALTER TABLE pre_serial ADD COLUMN extra int')).toBe('ok');
    expect(await trySql(a, 'ALTER TABLE pre_ident ADD COLUMN extra int')).toBe('ok');
    expect(await trySql(w, "INSERT INTO pre_serial (name) VALUES ('w')")).toBe('ok');
    expect(await trySql(w, 'ALTER TABLE pre_serial ADD COLUMN extra int')).toBe('denied');
    expect(await trySql(r, 'SELECT count(*) FROM pre_ident')).toBe('ok');
    const owner = await inst.asAdmin();
    expect(await trySql(owner, 'ALTER TABLE pre_serial ADD COLUMN extra int')).toBe('ok');
    await Promise.all([a.end(), w.end(), r.end(), owner.end()]);
    await Promise.all([inst.revoke(admin), inst.revoke(write), inst.revoke(read)]);
  });

  it('renewal (Vault\'s default ALTER ROLE … VALID UNTIL) works as the connection user', async () => {
    const user = await inst.issue('write');
    await cluster.run(inst.admin, ['ALTER ROLE "{{name}}" VALID UNTIL \'{{expiration}}\';'], {
      name: user.username, expiration: goTime(new Date(Date.now() + 7_200_000)),
    });
    await inst.revoke(user);
  });

  it('an admin\'s tables belong to the admin group, survive revocation and serve every level', async () => {
    const admin = await inst.issue('admin');
    const a = await inst.login(admin);
    expect(await scalar<string>(a, 'SELECT current_user')).toBe(inst.groups.admin);
    expect(await trySql(a, 'CREATE TABLE by_admin (id serial PRIMARY KEY, name text); INSERT INTO by_admin (name) VALUES (\'a\')', true)).toBe('ok');
    // Acting as itself instead (RESET ROLE), with a session left open during revocation.
    await a.query('RESET ROLE');
    expect(await trySql(a, 'CREATE TABLE by_user (id serial PRIMARY KEY); INSERT INTO by_user DEFAULT VALUES', true)).toBe('ok');
    a.on('error', () => {}); // the revocation terminates this session
    await inst.revoke(admin);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    await a.end().catch(() => {});

    const su = await cluster.connect({ database: inst.admin.database });
    expect(await scalar<number>(su, 'SELECT count(*)::int FROM pg_roles WHERE rolname = $1', [admin.username])).toBe(0);
    for (const t of ['by_admin', 'by_user']) {
      expect(await scalar<string>(su, 'SELECT tableowner FROM pg_tables WHERE tablename = $1', [t])).toBe(inst.groups.admin);
    }
    await su.end();

    const [r, w] = [await inst.issue('read'), await inst.issue('write')];
    const [rc, wc] = [await inst.login(r), await inst.login(w)];
    expect(await trySql(rc, 'SELECT * FROM by_admin')).toBe('ok');
    expect(await trySql(rc, 'INSERT INTO by_admin (name) VALUES (\'r\')')).toBe('denied');
    expect(await trySql(wc, 'INSERT INTO by_admin (name) VALUES (\'w\')')).toBe('ok');
    expect(await trySql(wc, 'DELETE FROM by_admin')).toBe('denied');
    expect(await trySql(wc, 'DROP TABLE by_admin')).toBe('denied');
    await Promise.all([rc.end(), wc.end()]);
    await Promise.all([inst.revoke(r), inst.revoke(w)]);
  });

  it('revocation is idempotent and safe for a user that never existed', async () => {
    const user = await inst.issue('write');
    await inst.revoke(user);
    await inst.revoke(user);
    await inst.revoke({ username: 'v-never-existed' });
  });

  it('keeps table ACLs and default ACLs flat over many issue/revoke cycles', async () => {
    const su = await cluster.connect({ database: inst.admin.database });
    const aclSize = () => scalar<number>(su,
      "SELECT sum(coalesce(array_length(relacl, 1), 0))::int FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    const defaults = () => scalar<number>(su, 'SELECT sum(coalesce(array_length(defaclacl, 1), 0))::int FROM pg_default_acl');
    const before = [await aclSize(), await defaults()];
    for (let i = 0; i < 12; i++) {
      const level = (['read', 'write', 'admin'] as const)[i % 3] ?? 'read';
      const user = await inst.issue(level, level === 'write' && i % 2 === 1);
      const c = await inst.login(user);
      await trySql(c, level === 'read' ? 'SELECT 1 FROM pre_serial' : 'INSERT INTO post_serial (name) VALUES (\'c\')', true);
      await c.end();
      await inst.revoke(user);
    }
    expect([await aclSize(), await defaults()]).toEqual(before);
    const left = await scalar<number>(su, 'SELECT count(*)::int FROM pg_roles WHERE rolname LIKE $1', [`v-${inst.iid.replaceAll('-', '')}-%`]);
    expect(left).toBe(0);
    const orphanSettings = 'SELECT count(*)::int FROM pg_db_role_setting WHERE setrole <> 0 AND setrole NOT IN (SELECT oid FROM pg_roles)';
    expect(await scalar<number>(su, orphanSettings)).toBe(0);
    await su.end();
  });

  it('issues and revokes concurrently', async () => {
    const levels = ['read', 'write', 'admin', 'write', 'read', 'admin', 'write', 'read'] as const;
    const users = await Promise.all(levels.map((level) => inst.issue(level)));
    const clients = await Promise.all(users.map((u) => inst.login(u)));
    for (const c of clients) c.on('error', () => {});
    await Promise.all(users.map((u) => inst.revoke(u)));
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    const su = await cluster.connect({ database: inst.admin.database });
    expect(await scalar<number>(su, 'SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($1)', [users.map((u) => u.username)])).toBe(0);
    await su.end();
  });

  it('teardown hands the admin group\'s tables to the connection user and drops the groups', async () => {
    await inst.teardown();
    await inst.teardown();
    const su = await cluster.connect({ database: inst.admin.database });
    expect(await scalar<number>(su, 'SELECT count(*)::int FROM pg_roles WHERE rolname = ANY($1)', [Object.values(inst.groups)])).toBe(0);
    for (const t of ['by_admin', 'pre_serial']) {
      expect(await scalar<string>(su, 'SELECT tableowner FROM pg_tables WHERE tablename = $1', [t])).toBe(inst.admin.user);
    }
    expect(await scalar<number>(su, 'SELECT count(*)::int FROM pg_default_acl')).toBe(0);
    await su.end();
  });
});

