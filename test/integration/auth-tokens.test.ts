import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LaminVaultValidationError, VaultClient, VaultNotFoundError, VaultResponseError, createCollaboratorRole,
  generateDbCredentials, initInstanceVault,
} from '../../src/index.js';
import {
  WrappingTokenError, ensureTokenRole, issueCollaboratorToken, issueInstanceAdminToken, renderServicePolicy, unwrapToken,
} from '../../src/auth/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { clientWithPolicy, expectDenied, sleep } from './auth-helpers.js';

let stack: VaultStack;
let root: VaultClient;
let issuer: VaultClient;
let inst: TestInstance;
let collaborator: string;

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  inst = await newInstance(stack, root);
  collaborator = randomUUID();
  await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId: collaborator, role: 'read' });
  await ensureTokenRole(root);
  // The hub's service token holds only what issuing needs.
  issuer = await clientWithPolicy(root, renderServicePolicy('issueInstanceAdminToken'));
});
afterAll(async () => { await inst?.close(); await stack?.stop(); });

const lookupSelf = async (client: VaultClient) => (await client.read(['auth', 'token', 'lookup-self'])).data as Record<string, unknown>;

describe('issueCollaboratorToken', () => {
  it('issues a wrapped token holding only the collaborator policy, which reads its credentials', async () => {
    const issued = await issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: collaborator });
    expect(issued.policies).toEqual([`${inst.instanceId}-${collaborator}-db-policy`]);
    const token = await unwrapToken(stack.vault.address, issued.wrappingToken);
    expect(token.policies).toEqual(issued.policies);
    expect(token.accessor).toBe(issued.accessor);
    const user = root.withOptions({ token: token.token });
    const creds = await generateDbCredentials(user, { instanceId: inst.instanceId, accountId: collaborator });
    expect(creds.username).toMatch(/^v-/);
  });

  it('never puts the default policy or identity policies on the token, and keeps to the requested TTL', async () => {
    const issued = await issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: collaborator, ttl: '10m' });
    const info = await root.write(['auth', 'token', 'lookup-accessor'], { accessor: issued.accessor });
    const data = info?.data as Record<string, unknown>;
    expect(data.policies).toEqual([`${inst.instanceId}-${collaborator}-db-policy`]);
    expect(data.identity_policies ?? []).toEqual([]);
    expect(data.orphan).toBe(true);
    expect(data.ttl as number).toBeLessThanOrEqual(600);
    expect(data.renewable).toBe(false);
  });

  it('adds the public-read policy only when the instance is public', async () => {
    await initInstanceVault(root, {
      instanceId: inst.instanceId, adminAccountId: inst.adminAccountId, dbHost: stack.postgres.hostForVault,
      dbPort: stack.postgres.portForVault, dbName: inst.database, vaultDbUsername: stack.postgres.adminUser,
      vaultDbPassword: stack.postgres.adminPassword, sslmode: 'disable', publicRead: true,
    });
    const base = { instanceId: inst.instanceId, accountId: collaborator };
    expect((await issueCollaboratorToken(issuer, base)).policies).toHaveLength(1);
    const pub = await issueCollaboratorToken(issuer, { ...base, instanceIsPublic: true });
    expect(pub.policies.sort()).toEqual([`${inst.instanceId}-${collaborator}-db-policy`, `${inst.instanceId}-public-read-db-policy`].sort());
    // A signed-in non-collaborator of a public instance gets public read alone.
    const stranger = await issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: randomUUID(), instanceIsPublic: true });
    expect(stranger.policies).toEqual([`${inst.instanceId}-public-read-db-policy`]);
  });

  it('refuses a non-collaborator of a private instance: nothing is issued', async () => {
    await expect(issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: randomUUID() }))
      .rejects.toBeInstanceOf(VaultNotFoundError);
  });

  it('issues an orphan: revoking the issuing token does not end the issued token', async () => {
    const shortIssuer = await clientWithPolicy(root, renderServicePolicy('issueCollaboratorToken'));
    const issued = await issueCollaboratorToken(shortIssuer, { instanceId: inst.instanceId, accountId: collaborator });
    await root.write(['auth', 'token', 'revoke'], { token: shortIssuer.config.token });
    const token = await unwrapToken(stack.vault.address, issued.wrappingToken);
    const user = root.withOptions({ token: token.token });
    await expect(generateDbCredentials(user, { instanceId: inst.instanceId, accountId: collaborator })).resolves.toBeDefined();
  });

  it('revokes and refuses a token that fails verification (created through a non-orphan role)', async () => {
    await root.write(['auth', 'token', 'roles', 'lax'], { orphan: false, allowed_policies_glob: ['*-db-policy'] });
    const laxIssuer = await clientWithPolicy(root, renderServicePolicy('issueCollaboratorToken', { tokenRole: 'lax' }));
    const before = await root.list(['auth', 'token', 'accessors']);
    const error = await issueCollaboratorToken(laxIssuer, { instanceId: inst.instanceId, accountId: collaborator, tokenRole: 'lax' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultResponseError);
    expect((error as VaultResponseError).issues.map((i) => i.path)).toContain('orphan');
    const after = await root.list(['auth', 'token', 'accessors']);
    expect(after.filter((a) => !before.includes(a))).toEqual([]); // the bad token is gone
  });
});

describe('the token role', () => {
  it('refuses root and any policy outside its glob', async () => {
    const role = ['auth', 'token', 'create', 'lamin-vault-issuer'];
    for (const policies of [['root'], ['default'], [`${inst.instanceId}-anything`]]) {
      const outcome = await issuer.write(role, { policies }).then(() => 'issued', () => 'refused');
      expect(outcome, policies.join()).toBe('refused');
    }
  });

  it('caps the token lifetime at its explicit max TTL', async () => {
    await ensureTokenRole(root, { name: 'short-role', maxTtl: '2m' });
    const shortIssuer = await clientWithPolicy(root, renderServicePolicy('issueCollaboratorToken', { tokenRole: 'short-role' }));
    const issued = await issueCollaboratorToken(shortIssuer, { instanceId: inst.instanceId, accountId: collaborator, tokenRole: 'short-role', ttl: '1h' });
    expect(issued.ttl).toBeLessThanOrEqual(120);
  });
});

describe('unwrapToken', () => {
  it('unwraps exactly once: the second attempt is a WrappingTokenError', async () => {
    const issued = await issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: collaborator });
    await unwrapToken(stack.vault.address, issued.wrappingToken);
    const second = await unwrapToken(stack.vault.address, issued.wrappingToken).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(WrappingTokenError);
    expect(String(second)).not.toContain(issued.wrappingToken);
  });

  it('expires after the wrap TTL', async () => {
    const issued = await issueCollaboratorToken(issuer, { instanceId: inst.instanceId, accountId: collaborator, wrapTtl: '2s' });
    await sleep(3_500);
    await expect(unwrapToken(stack.vault.address, issued.wrappingToken)).rejects.toBeInstanceOf(WrappingTokenError);
  });

  it('refuses, unopened, a wrapping token from another creation path', async () => {
    const wrapped = await root.write(['sys', 'wrapping', 'wrap'], { anything: 'x' }, { wrapTtl: '60s' });
    const wrapping = wrapped?.wrapInfo?.token ?? '';
    await expect(unwrapToken(stack.vault.address, wrapping, { creationPathPrefix: 'auth/token/create' }))
      .rejects.toBeInstanceOf(VaultResponseError);
    const lookup = await root.write(['sys', 'wrapping', 'lookup'], { token: wrapping });
    expect((lookup?.data as { creation_path: string }).creation_path).toBe('sys/wrapping/wrap'); // still unused
  });
});

describe('issueInstanceAdminToken', () => {
  it('requires the literal claim isInstanceAdmin: true and writes nothing otherwise', async () => {
    const other = randomUUID();
    for (const claim of [false, 'true', 1, undefined]) {
      await expect(issueInstanceAdminToken(issuer, { instanceId: other, accountId: randomUUID(), isInstanceAdmin: claim } as never))
        .rejects.toBeInstanceOf(LaminVaultValidationError);
    }
    await expect(root.read(['sys', 'policies', 'acl', `${other}-admin-db-policy`])).rejects.toBeInstanceOf(VaultNotFoundError);
  });

  it('writes the fixed admin policy and issues a token with only that policy', async () => {
    const issued = await issueInstanceAdminToken(issuer, { instanceId: inst.instanceId, accountId: inst.adminAccountId, isInstanceAdmin: true });
    expect(issued.policies).toEqual([`${inst.instanceId}-admin-db-policy`]);
    const token = await unwrapToken(stack.vault.address, issued.wrappingToken);
    const admin = root.withOptions({ token: token.token });
    await expectDenied(() => lookupSelf(admin)); // not even the default policy
  });
});
