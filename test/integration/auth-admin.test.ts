import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient, createCollaboratorRole, generateDbCredentials, type Level } from '../../src/index.js';
import { ensureTokenRole, issueCollaboratorToken, issueInstanceAdminToken, unwrapToken } from '../../src/auth/index.js';
import { collaboratorRoleBody, publicReadRoleBody } from '../../src/plan/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { expectDenied } from './auth-helpers.js';

// Every right an instance-admin or collaborator token must NOT have is its own test,
// on the real server; the rights they need are proven alongside.
let stack: VaultStack;
let root: VaultClient;
let a: TestInstance;
let b: TestInstance;
let admin: VaultClient;   // instance admin of A
let collab: VaultClient;  // collaborator c1 of A
const c1 = randomUUID();
const c2 = randomUUID();
const bCollab = randomUUID();

const tokenClient = async (wrapping: string) => root.withOptions({ token: (await unwrapToken(stack.vault.address, wrapping)).token });
const policyText = async (name: string) => ((await root.read(['sys', 'policies', 'acl', name])).data as { policy: string }).policy;
const roles = (iid: string, name: string) => ['database', 'roles', `${iid}-${name}`];
const body = (iid: string, level: Level) => collaboratorRoleBody({ instanceId: iid, level });

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  [a, b] = await Promise.all([newInstance(stack, root), newInstance(stack, root)]);
  await ensureTokenRole(root);
  for (const [inst, account] of [[a, c1], [a, c2], [b, bCollab]] as const) {
    await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId: account, role: 'write' });
  }
  admin = await tokenClient((await issueInstanceAdminToken(root, { instanceId: a.instanceId, accountId: a.adminAccountId, isInstanceAdmin: true })).wrappingToken);
  collab = await tokenClient((await issueCollaboratorToken(root, { instanceId: a.instanceId, accountId: c1 })).wrappingToken);
});
afterAll(async () => { await Promise.all([a?.close(), b?.close()]); await stack?.stop(); });

describe('an instance-admin token may', () => {
  it('read its connection', async () => { await expect(admin.read(['database', 'config', a.instanceId])).resolves.toBeDefined(); });
  it("read its instance's roles", async () => { await expect(admin.read(roles(a.instanceId, `${c1}-db`))).resolves.toBeDefined(); });
  it("issue its instance's credentials", async () => {
    await expect(generateDbCredentials(admin, { instanceId: a.instanceId, accountId: c1 })).resolves.toBeDefined();
  });
  it("revoke its instance's leases", async () => {
    await expect(admin.write(['sys', 'leases', 'revoke-prefix', 'database', 'creds', `${a.instanceId}-${c1}-db`], {})).resolves.toBeUndefined();
  });
  it.each(['read', 'write', 'admin'] as const)('set a collaborator role to the rendered %s statements', async (level) => {
    await expect(admin.write(roles(a.instanceId, `${c2}-db`), body(a.instanceId, level))).resolves.toBeUndefined();
    const stored = (await root.read(roles(a.instanceId, `${c2}-db`))).data as { creation_statements: string[] };
    expect(stored.creation_statements).toEqual(body(a.instanceId, level).creation_statements);
  });
  it('set write with delete (the fourth rendered variant)', async () => {
    const withDelete = collaboratorRoleBody({ instanceId: a.instanceId, level: 'write', allowDelete: true });
    await expect(admin.write(roles(a.instanceId, `${c2}-db`), withDelete)).resolves.toBeUndefined();
  });
});

describe('an instance-admin token may not', () => {
  it('write its own admin policy (the original allowed sys/policy/<iid>-*)', async () => {
    const before = await policyText(`${a.instanceId}-admin-db-policy`);
    await expectDenied(() => admin.write(['sys', 'policies', 'acl', `${a.instanceId}-admin-db-policy`], { policy: 'path "*" { capabilities = ["sudo","create","read","update","delete","list"] }' }));
    await expectDenied(() => admin.write(['sys', 'policy', `${a.instanceId}-admin-db-policy`], { rules: 'path "*" { capabilities = ["read"] }' }));
    expect(await policyText(`${a.instanceId}-admin-db-policy`)).toBe(before);
  });
  it("write a collaborator's policy", async () => {
    await expectDenied(() => admin.write(['sys', 'policies', 'acl', `${a.instanceId}-${c1}-db-policy`], { policy: 'path "*" { capabilities = ["read"] }' }));
  });
  it('create any new policy', async () => {
    await expectDenied(() => admin.write(['sys', 'policies', 'acl', `${a.instanceId}-new-policy`], { policy: 'path "*" { capabilities = ["read"] }' }));
  });
  it('delete a policy', async () => { await expectDenied(() => admin.delete(['sys', 'policies', 'acl', `${a.instanceId}-${c1}-db-policy`])); });
  it('create tokens', async () => { await expectDenied(() => admin.write(['auth', 'token', 'create'], { policies: [`${a.instanceId}-admin-db-policy`] })); });
  it('rewrite its connection', async () => { await expectDenied(() => admin.write(['database', 'config', a.instanceId], { allowed_roles: ['*'] })); });
  it('LIST database/roles (it names every instance, §9 item 9)', async () => { await expectDenied(() => admin.list(['database', 'roles'])); });
  it("read another instance's connection", async () => { await expectDenied(() => admin.read(['database', 'config', b.instanceId])); });
  it("read another instance's roles", async () => { await expectDenied(() => admin.read(roles(b.instanceId, `${bCollab}-db`))); });
  it("write another instance's roles", async () => { await expectDenied(() => admin.write(roles(b.instanceId, `${bCollab}-db`), body(b.instanceId, 'admin'))); });
  it("issue another instance's credentials", async () => { await expectDenied(() => generateDbCredentials(admin, { instanceId: b.instanceId, accountId: bCollab })); });
  it("read another instance's policies", async () => { await expectDenied(() => admin.read(['sys', 'policies', 'acl', `${b.instanceId}-${bCollab}-db-policy`])); });
  it("revoke another instance's leases", async () => {
    await expectDenied(() => admin.write(['sys', 'leases', 'revoke-prefix', 'database', 'creds', `${b.instanceId}-${bCollab}-db`], {}));
    const lease = (await generateDbCredentials(root, { instanceId: b.instanceId, accountId: bCollab })).leaseId;
    await expectDenied(() => admin.write(['sys', 'leases', 'revoke'], { lease_id: lease }));
  });
  it('write a role pointing at another instance (db_name pinned)', async () => {
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...body(a.instanceId, 'read'), db_name: b.instanceId }));
  });
  it("write a role with another instance's rendered statements", async () => {
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...body(b.instanceId, 'admin'), db_name: a.instanceId }));
  });
  it('write a role with its own SQL', async () => {
    const own = { ...body(a.instanceId, 'read'), creation_statements: ['CREATE ROLE "{{name}}" WITH LOGIN SUPERUSER PASSWORD \'{{password}}\';'] };
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), own));
  });
  it('write a role with a rendered set plus one more statement, reordered, or as one string', async () => {
    const base = body(a.instanceId, 'admin');
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, creation_statements: [...base.creation_statements, 'ALTER ROLE "{{name}}" SUPERUSER;'] }));
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, creation_statements: [...base.creation_statements].reverse() }));
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, creation_statements: base.creation_statements.join('\n') }));
  });
  it('write a role with other revocation statements, or parameters outside the pinned set', async () => {
    const base = body(a.instanceId, 'read');
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, revocation_statements: ['SELECT 1;'] }));
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, rollback_statements: ['SELECT 1;'] }));
    await expectDenied(() => admin.write(roles(a.instanceId, `${c2}-db`), { ...base, credential_type: 'rsa_private_key' }));
  });
  it('raise the public-read role to another level (exact path beats the glob)', async () => {
    await expectDenied(() => admin.write(roles(a.instanceId, 'public-read-db'), { ...publicReadRoleBody({ instanceId: a.instanceId }), ...body(a.instanceId, 'admin') }));
  });
});

describe('a collaborator token may', () => {
  it('read its own credentials', async () => {
    await expect(generateDbCredentials(collab, { instanceId: a.instanceId, accountId: c1 })).resolves.toBeDefined();
  });
});

describe('a collaborator token may not', () => {
  it("read another collaborator's credentials", async () => { await expectDenied(() => generateDbCredentials(collab, { instanceId: a.instanceId, accountId: c2 })); });
  it('read the connection config', async () => { await expectDenied(() => collab.read(['database', 'config', a.instanceId])); });
  it('LIST roles', async () => { await expectDenied(() => collab.list(['database', 'roles'])); });
  it('read or write its own role', async () => {
    await expectDenied(() => collab.read(roles(a.instanceId, `${c1}-db`)));
    await expectDenied(() => collab.write(roles(a.instanceId, `${c1}-db`), body(a.instanceId, 'admin')));
  });
  it('write any policy', async () => {
    await expectDenied(() => collab.write(['sys', 'policies', 'acl', `${a.instanceId}-${c1}-db-policy`], { policy: 'path "*" { capabilities = ["read"] }' }));
  });
  it("read another instance's credentials", async () => { await expectDenied(() => generateDbCredentials(collab, { instanceId: b.instanceId, accountId: bCollab })); });
});
