import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient, listCollaboratorRoles } from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';

let stack: VaultStack;
let dir: string;
const ids = [randomUUID(), randomUUID(), randomUUID()];

async function writeSpec(collaborators: (i: number) => { accountId: string; level: string }[]): Promise<string> {
  const instances = await Promise.all(ids.map(async (instanceId, i) => ({
    instanceId, adminAccountId: 'owner',
    db: {
      host: stack.postgres.hostForVault, port: stack.postgres.portForVault, name: databases[i],
      user: stack.postgres.adminUser, passwordEnv: 'MIGRATE_TEST_DB_PASSWORD', sslmode: 'disable',
    },
    collaborators: collaborators(i),
  })));
  const file = join(dir, `spec-${randomUUID()}.json`);
  await writeFile(file, JSON.stringify({ instances }));
  return file;
}
let databases: string[] = [];

function migrate(file: string, ...flags: string[]): Promise<{ code: number; summary: Record<string, unknown>; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/migrate-from-json.ts', file, '--json', '--concurrency', '2', ...flags], {
      env: { PATH: process.env.PATH, VAULT_ADDR: stack.vault.address, VAULT_TOKEN: stack.vault.token, MIGRATE_TEST_DB_PASSWORD: stack.postgres.adminPassword },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code: code ?? -1, summary: JSON.parse(stdout) as Record<string, unknown>, stderr });
      } catch {
        reject(new Error(`no JSON summary (exit ${code}): ${stderr}`));
      }
    });
  });
}

beforeAll(async () => {
  stack = await startVaultStack();
  databases = await Promise.all(ids.map(() => stack.postgres.createDatabase()));
  dir = await mkdtemp(join(tmpdir(), 'lamin-migrate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await stack?.stop();
});

describe('examples/migrate-from-json.ts', () => {
  const team = (i: number) => [{ accountId: 'alice', level: 'read' }, { accountId: `dev${i}`, level: 'write' }];

  it('provisions every instance, then a re-run changes nothing', async () => {
    const file = await writeSpec(team);
    const first = await migrate(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.summary).toMatchObject({ ok: true, instances: 3, created: 9, updated: 0, unchanged: 0, failed: 0 });
    expect(first.stderr.trim().split('\n')).toHaveLength(3); // one progress line per instance (not a TTY)
    const again = await migrate(file);
    expect(again.summary).toMatchObject({ ok: true, unchangedInstances: 3, created: 0, updated: 0, unchanged: 9 });
    expect(again.stderr).toContain('unchanged');
    const roles = await listCollaboratorRoles(new VaultClient(stack.client()), { instanceId: ids[1]! }, { withLevels: true });
    expect(roles.map((r) => [r.accountId, r.level]).sort()).toEqual([['alice', 'read'], ['dev1', 'write'], ['owner', 'admin']]);
  });

  it('applies only the difference, prunes on request, and never prints the password', async () => {
    const changed = await writeSpec((i) => (i === 0 ? [{ accountId: 'alice', level: 'admin' }] : team(i)));
    const kept = await migrate(changed);
    expect(kept.summary).toMatchObject({ ok: true, updated: 1, deleted: 0, unchanged: 7 });
    const pruned = await migrate(changed, '--prune');
    expect(pruned.summary).toMatchObject({ ok: true, deleted: 1, updated: 0, unchanged: 8 });
    expect(JSON.stringify(pruned) + kept.stderr).not.toContain(stack.postgres.adminPassword);
  });
});
