import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';

// The test stack itself: everything other integration tests take for granted.
// scripts/test.sh runs the integration project once per PostgreSQL major (POSTGRES_MAJOR).
const expectedMajor = process.env.POSTGRES_MAJOR ? Number(process.env.POSTGRES_MAJOR) : undefined;

let stack: VaultStack;
beforeAll(async () => {
  stack = await startVaultStack();
});
afterAll(async () => {
  await stack?.stop();
  await stack?.stop(); // idempotent
});

async function vault(method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.vault.address}/v1/${path}`, {
    method,
    headers: { 'x-vault-token': stack.vault.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

function connectionConfig(database: string, password: string) {
  const { hostForVault, portForVault, adminUser } = stack.postgres;
  return {
    plugin_name: 'postgresql-database-plugin',
    connection_url: `postgresql://{{username}}:{{password}}@${hostForVault}:${portForVault}/${database}?sslmode=disable`,
    username: adminUser,
    password,
    verify_connection: true,
    allowed_roles: [],
  };
}

describe('test stack', () => {
  it('runs an initialized, unsealed dev server and reports its version', async () => {
    const health = await vault('GET', 'sys/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ initialized: true, sealed: false, standby: false });
    expect(stack.vault.version).toMatch(/^(OpenBao|Vault) \d+\.\d+\.\d+/);
    expect(stack.vault.version.endsWith(health.json.version)).toBe(true);
    expect(stack.client()).toEqual({ address: stack.vault.address, token: stack.vault.token });
  });

  it('has the database secrets engine mounted at database/', async () => {
    const mounts = await vault('GET', 'sys/mounts');
    expect(mounts.status).toBe(200);
    expect(mounts.json.data['database/']).toMatchObject({ type: 'database' });
  });

  it('runs the expected PostgreSQL major version', async () => {
    const client = await stack.postgres.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    await client.end();
    expect(Math.floor(Number(rows[0]?.v) / 10_000)).toBe(stack.postgres.majorVersion);
    if (expectedMajor !== undefined) expect(stack.postgres.majorVersion).toBe(expectedMajor);
  });

  it('accepts the awkward admin password through pg, as fields and as an encoded URL', async () => {
    const { adminUser, adminPassword, hostForTests, portForTests, database } = stack.postgres;
    for (const ch of ['@', ':', '/', '?', '#', '%', "'"]) expect(adminPassword).toContain(ch);
    const viaFields = await stack.postgres.connect();
    const { rows } = await viaFields.query<{ rolsuper: boolean }>(
      'select rolsuper from pg_roles where rolname = current_user',
    );
    await viaFields.end();
    expect(rows[0]?.rolsuper).toBe(true);
    const url = `postgresql://${encodeURIComponent(adminUser)}:${encodeURIComponent(adminPassword)}@${hostForTests}:${portForTests}/${database}`;
    const viaUrl = new pg.Client({ connectionString: url });
    await viaUrl.connect();
    await viaUrl.end();
  });

  it('gives each caller a fresh database', async () => {
    const [a, b] = await Promise.all([stack.postgres.createDatabase(), stack.postgres.createDatabase()]);
    expect(a).not.toBe(b);
    const client = await stack.postgres.connect({ database: a });
    const { rows } = await client.query<{ n: string }>("select count(*) as n from pg_tables where schemaname = 'public'");
    await client.end();
    expect(rows[0]?.n).toBe('0');
  });

  it('lets Vault verify a templated connection to PostgreSQL', async () => {
    const db = await stack.postgres.createDatabase();
    const write = await vault('POST', `database/config/${db}`, connectionConfig(db, stack.postgres.adminPassword));
    expect(write.status, write.text).toBeLessThan(300);
    const read = await vault('GET', `database/config/${db}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(stack.postgres.adminPassword);
    expect(read.json.data.connection_details.username).toBe(stack.postgres.adminUser);
  });

  it('reports its container ids: the containers publishing its Vault and PostgreSQL ports', async (ctx) => {
    if (!stack.containers) return ctx.skip('the stack runs no containers (external or process stack)');
    const hostPorts = async (id: string) => {
      const { stdout } = await promisify(execFile)('docker', ['inspect', '--format', '{{json .NetworkSettings.Ports}}', id]);
      const ports = JSON.parse(stdout) as Record<string, { HostPort: string }[] | null>;
      return Object.values(ports).flatMap((bindings) => (bindings ?? []).map((b) => Number(b.HostPort)));
    };
    expect(await hostPorts(stack.containers.vault)).toContain(Number(new URL(stack.vault.address).port));
    expect(await hostPorts(stack.containers.postgres)).toContain(stack.postgres.portForTests);
  });

  it('fails verification with a wrong admin password, naming the cause but not the password', async () => {
    const db = await stack.postgres.createDatabase();
    const wrong = `${stack.postgres.adminPassword}-wrong`;
    const write = await vault('POST', `database/config/${db}`, connectionConfig(db, wrong));
    expect(write.status).toBe(400);
    expect(write.text).toMatch(/password authentication failed/);
    expect(write.text).not.toContain(wrong);
    expect(write.text).not.toContain(stack.postgres.adminPassword);
  });
});
