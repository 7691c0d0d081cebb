/** `plan`: every step carries the right comment, and a plan needs no DB password. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const IID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
type Step = { method: string; path: string; why: string; body?: Record<string, unknown> };

/** What each request of these two plans is for, written out path by path (not by the CLI's table). */
function expectedWhy(method: string, path: string): string | undefined {
  const temp = ['bootstrap', 'teardown'].map((k) => `${IID}-lamin-${k}`);
  const collaborators = [`${IID}-owner-db`, `${IID}-public-read-db`, `${IID}-<account>-db`];
  const table: Record<string, string> = {
    [`POST database/config/${IID}`]: 'connection, verified against PostgreSQL by Vault',
    [`GET database/config/${IID}`]: 'does the connection exist?',
    [`DELETE database/config/${IID}`]: 'delete the connection (last: revocation needs it)',
    'LIST database/roles': "find the instance's roles",
  };
  for (const role of temp) {
    table[`POST database/roles/${role}`] = 'temporary role whose creation statements run this SQL';
    table[`GET database/creds/${role}`] = "issue credentials: runs the role's creation statements in PostgreSQL";
    table[`POST sys/leases/revoke-prefix/database/creds/${role}`] = 'revoke the temporary credentials: drops the temporary user';
    table[`DELETE database/roles/${role}`] = 'delete the temporary role';
  }
  for (const role of collaborators) {
    table[`POST database/roles/${role}`] = 'role with the SQL of its level';
    table[`GET database/roles/${role}`] = 'read the role (current level, or read back after a write)';
    table[`DELETE database/roles/${role}`] = 'delete the role';
    table[`POST sys/policies/acl/${role}-policy`] = "policy that may read exactly this role's credentials";
    table[`DELETE sys/policies/acl/${role}-policy`] = 'delete the policy';
    table[`POST sys/leases/revoke-prefix/database/creds/${role}`] = "revoke the role's leases: drops their users and ends their sessions";
  }
  return table[`${method} ${decodeURIComponent(path.replace(/^\/v1\//, ''))}`];
}

async function planSteps(args: string[]): Promise<Step[]> {
  const r = await runInProcess(['plan', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.json?.['steps'] as Step[];
}

describe('plan comments', () => {
  it.each([
    ['init-instance --public-read', ['init-instance', '--instance', IID, '--admin', 'owner', '--db', 'postgresql://u:pw-plan-test@db/lamin', '--public-read']],
    ['delete-instance --drop-group-roles', ['delete-instance', '--instance', IID, '--drop-group-roles']],
  ])('%s: every step has the comment of what it does', async (_, args) => {
    const steps = await planSteps(args);
    for (const step of steps) {
      const expected = expectedWhy(step.method, step.path);
      expect(expected, `no expectation for ${step.method} ${step.path}`).toBeDefined();
      expect(step.why, `${step.method} ${step.path}`).toBe(expected);
    }
    // The case that was wrong: the revoke-prefix of the temporary role.
    expect(steps.some((s) => s.path.includes('revoke-prefix') && s.path.includes('-lamin-'))).toBe(true);
  });

  it('the text rendering prints the same comments', async () => {
    const r = await runInProcess(['plan', 'delete-instance', '--instance', IID, '--drop-group-roles']);
    expect(r.stdout).toMatch(/revoke-prefix\/database\/creds\/[^\n]+-lamin-teardown\n {4}# revoke the temporary credentials: drops the temporary user/);
  });
});

describe('plan init-instance without a DB password', () => {
  const args = ['plan', 'init-instance', '--instance', IID, '--admin', 'owner', '--db', 'postgresql://lamin_admin@db.example.com/lamin'];

  it('renders with a masked placeholder and says so in a note', async () => {
    const r = await runInProcess([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const steps = r.json?.['steps'] as Step[];
    expect(steps[0]?.body?.['password']).toBe('********');
    expect(r.json?.['notes']).toContainEqual(expect.stringMatching(/no database password was given: the plan uses a placeholder/));
    const text = await runInProcess(args);
    expect(text.stdout).toMatch(/^note: no database password was given/m);
    expect(text.stdout).toContain('password: "********"');
  });

  it('takes $LAMIN_VAULT_DB_PASSWORD when set, without the note', async () => {
    const r = await runInProcess([...args, '--json'], { LAMIN_VAULT_DB_PASSWORD: 'pw-from-env-plan' });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(r.json?.['notes'])).not.toContain('no database password');
  });

  it('the real command still needs the password', async () => {
    const r = await runInProcess(args.slice(1), { VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 'never-used-token' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--db (password): is missing');
  });
});
