import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VaultClient, collaboratorRoleExists, connectionConfigExists, createCollaboratorRole, deleteCollaboratorRole,
  deleteInstanceVault, generateDbCredentials, initInstanceVault, listCollaboratorRoles, renewLease, revokeLease,
  updateCollaboratorRole,
} from '../../src/index.js';
import {
  configureJwtAuth, createCredentialsProvider, ensureTokenRole, issueCollaboratorToken, issueInstanceAdminToken,
  renderServicePolicy, type ServiceOperation,
} from '../../src/auth/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { dynamicRoles, newInstance, type TestInstance } from '../helpers/instance.js';
import { clientWithPolicy, expectDenied, newSigningKey } from './auth-helpers.js';

// Each operation runs with a token holding only renderServicePolicy(operation) for this
// one instance (a subset of the every-instance policy a hub service gets), in order.
let stack: VaultStack;
let root: VaultClient;
let inst: TestInstance;
let iid: string;
const accountId = randomUUID();

const as = (op: ServiceOperation) => clientWithPolicy(root, renderServicePolicy(op, { instanceId: iid }));

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  inst = await newInstance(stack, root, { init: false });
  iid = inst.instanceId;
});
afterAll(async () => { await inst?.close(); await stack?.stop(); });

describe.sequential('every operation works with only its minimal policy', () => {
  it('initInstanceVault (also re-run adding, removing and re-adding public read)', async () => {
    const client = await as('initInstanceVault');
    const input = {
      instanceId: iid, adminAccountId: inst.adminAccountId, dbHost: stack.postgres.hostForVault, dbPort: stack.postgres.portForVault,
      dbName: inst.database, vaultDbUsername: stack.postgres.adminUser, vaultDbPassword: stack.postgres.adminPassword, sslmode: 'disable' as const,
    };
    await initInstanceVault(client, input);
    await initInstanceVault(client, { ...input, publicRead: true });
    await initInstanceVault(client, { ...input, publicRead: false });
    await initInstanceVault(client, { ...input, publicRead: true });
  });
  it('connectionConfigExists', async () => { expect(await connectionConfigExists(await as('connectionConfigExists'), { instanceId: iid })).toBe(true); });
  it('createCollaboratorRole', async () => { await createCollaboratorRole(await as('createCollaboratorRole'), { instanceId: iid, accountId, role: 'read' }); });
  it('collaboratorRoleExists', async () => { expect(await collaboratorRoleExists(await as('collaboratorRoleExists'), { instanceId: iid, accountId })).toBe(true); });
  it('listCollaboratorRoles', async () => {
    const listed = await listCollaboratorRoles(await as('listCollaboratorRoles'), { instanceId: iid }, { withLevels: true });
    expect(listed).toContainEqual(expect.objectContaining({ accountId, level: 'read' }));
  });
  it('generateDbCredentials, renewLease, revokeLease', async () => {
    const creds = await generateDbCredentials(await as('generateDbCredentials'), { instanceId: iid, accountId });
    await renewLease(await as('renewLease'), creds.leaseId);
    await revokeLease(await as('revokeLease'), creds.leaseId);
    expect(await dynamicRoles(inst.owner, iid)).not.toContain(creds.username);
  });
  it('updateCollaboratorRole (revokes old leases)', async () => {
    const creds = await generateDbCredentials(root, { instanceId: iid, accountId });
    const result = await updateCollaboratorRole(await as('updateCollaboratorRole'), { instanceId: iid, accountId, role: 'write' });
    expect(result.revokedLeases).toBe(true);
    expect(await dynamicRoles(inst.owner, iid)).not.toContain(creds.username);
  });
  it('createCredentialsProvider', async () => {
    const provider = createCredentialsProvider(await as('createCredentialsProvider'), { instanceId: iid, accountId });
    const creds = await provider.current();
    await provider.stop();
    expect(await dynamicRoles(inst.owner, iid)).not.toContain(creds.username);
  });
  it('ensureTokenRole', async () => { await ensureTokenRole(await as('ensureTokenRole')); });
  it('issueCollaboratorToken', async () => { await issueCollaboratorToken(await as('issueCollaboratorToken'), { instanceId: iid, accountId }); });
  it('issueInstanceAdminToken', async () => {
    await issueInstanceAdminToken(await as('issueInstanceAdminToken'), { instanceId: iid, accountId: inst.adminAccountId, isInstanceAdmin: true });
  });
  it('issueInstanceAdminToken scoped to one instance cannot leave it: no other policy text, name or token policy', async () => {
    const issuer = await as('issueInstanceAdminToken');
    const escape = 'path "database/creds/*" { capabilities = ["read"] }';
    await expectDenied(() => issuer.write(['sys', 'policies', 'acl', `${iid}-evil-db-policy`], { policy: escape }));
    await expectDenied(() => issuer.write(['sys', 'policies', 'acl', `${iid}-admin-db-policy`], { policy: escape }));
    const foreign = `${randomUUID()}-x-db-policy`;
    await root.write(['sys', 'policies', 'acl', foreign], { policy: escape });
    for (const policies of [[foreign], [`${iid}-admin-db-policy`, foreign]]) {
      await expectDenied(() => issuer.write(['auth', 'token', 'create', 'lamin-vault-issuer'], { policies, no_default_policy: true }));
    }
    await root.delete(['sys', 'policies', 'acl', foreign]);
  });
  it('configureJwtAuth (with an admin role, then without)', async () => {
    const client = await as('configureJwtAuth');
    const input = { instanceId: iid, jwtValidationPubkeys: [newSigningKey().publicPem], boundIssuer: 'https://hub.test', boundAudiences: ['lamin'] };
    await configureJwtAuth(client, { ...input, adminSubjects: [inst.adminAccountId] });
    await configureJwtAuth(client, { ...input, adminSubjects: [] });
  });
  it('deleteCollaboratorRole', async () => { await deleteCollaboratorRole(await as('deleteCollaboratorRole'), { instanceId: iid, accountId }); });
  it('deleteInstanceVault (with group roles)', async () => {
    const result = await deleteInstanceVault(await as('deleteInstanceVault'), { instanceId: iid, dropGroupRoles: true });
    expect(result.connectionExisted).toBe(true);
    expect(await connectionConfigExists(root, { instanceId: iid })).toBe(false);
  });
});

describe('the policies are minimal', () => {
  it("one operation's policy does not allow another's writes", async () => {
    const reader = await as('generateDbCredentials');
    await expectDenied(() => createCollaboratorRole(reader, { instanceId: iid, accountId: randomUUID(), role: 'admin' }));
    const creator = await as('createCollaboratorRole');
    await expectDenied(() => deleteInstanceVault(creator, { instanceId: iid }));
  });
  it('an instance-scoped policy reaches no other instance', async () => {
    const client = await as('generateDbCredentials');
    await expectDenied(() => generateDbCredentials(client, { instanceId: randomUUID(), accountId }));
  });
  it("the every-instance policy 'all' is accepted by the server", async () => {
    await expect(clientWithPolicy(root, renderServicePolicy('all'))).resolves.toBeDefined();
  });
});
