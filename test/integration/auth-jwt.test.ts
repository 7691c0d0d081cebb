import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LaminVaultConflictError, VaultClient, createCollaboratorRole, deleteCollaboratorRole, generateDbCredentials, isVaultError,
} from '../../src/index.js';
import { configureJwtAuth, loginWithJwt } from '../../src/auth/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { claims, expectDenied, expectRefusedCall, newSigningKey, signJwt, type SigningKey } from './auth-helpers.js';

let stack: VaultStack;
let root: VaultClient;
let anonymous: VaultClient;
let inst: TestInstance;
let key: SigningKey;
const c1 = randomUUID();
const c2 = randomUUID();
const otherInstance = randomUUID();

const setup = (instanceId: string) => configureJwtAuth(root, {
  instanceId, jwtValidationPubkeys: [key.publicPem], boundIssuer: 'https://hub.test', boundAudiences: ['lamin'],
  clockSkewLeewaySeconds: 5,
});
const login = (jwt: string, instanceId = inst.instanceId) => loginWithJwt(anonymous, { instanceId, jwt });
const loginAs = async (sub: string, instanceId?: string) => (await login(signJwt(key, claims({ sub })), instanceId)).client;

/** The login is refused by Vault with a 4xx naming the reason, never echoing the JWT. */
async function expectRefused(jwt: string): Promise<void> {
  const error = await login(jwt).then(() => undefined, (e: unknown) => e);
  expect(isVaultError(error) && [400, 403].includes(error.status), String(error)).toBe(true);
  expect(String(error)).not.toContain(jwt);
}

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  anonymous = new VaultClient({ address: stack.vault.address });
  inst = await newInstance(stack, root);
  key = newSigningKey();
  for (const account of [c1, c2]) await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId: account, role: 'read' });
  await setup(inst.instanceId);
  await setup(otherInstance);
});
afterAll(async () => { await inst?.close(); await stack?.stop(); });

describe('configureJwtAuth', () => {
  it('is idempotent and sets bound audiences, user claim sub and the templated policy', async () => {
    const again = await setup(inst.instanceId);
    expect(again).toMatchObject({ mount: 'jwt', role: inst.instanceId, policyName: `${inst.instanceId}-collaborators-policy` });
    const role = (await root.read(['auth', 'jwt', 'role', inst.instanceId])).data as Record<string, unknown>;
    expect(role).toMatchObject({ role_type: 'jwt', user_claim: 'sub', bound_audiences: ['lamin'] });
    const policy = ((await root.read(['sys', 'policies', 'acl', again.policyName])).data as { policy: string }).policy;
    expect(policy).toContain(`database/creds/${inst.instanceId}-{{identity.entity.aliases.${again.accessor}.name}}-db`);
  });
});

describe('configureJwtAuth on a mount another instance configured', () => {
  it('refuses another issuer or key set (the config is shared), and replaces it only with replaceSharedConfig', async () => {
    const mount = `jwt-shared-${randomUUID().slice(0, 8)}`;
    const [first, second] = [randomUUID(), randomUUID()];
    const other = newSigningKey();
    const configure = (instanceId: string, signing: SigningKey, issuer: string, extra = {}) => configureJwtAuth(root, {
      instanceId, mount, jwtValidationPubkeys: [signing.publicPem], boundIssuer: issuer, boundAudiences: ['lamin'], ...extra,
    });
    const config = async () => (await root.read(['auth', mount, 'config'])).data as { bound_issuer: string; jwt_validation_pubkeys: string[] };
    await configure(first, key, 'https://hub.test');
    await expect(configure(second, key, 'https://hub.test')).resolves.toMatchObject({ role: second });
    await expect(configure(second, other, 'https://hub.test')).rejects.toThrow(/jwt_validation_pubkeys/);
    await expect(configure(second, key, 'https://other.test')).rejects.toBeInstanceOf(LaminVaultConflictError);
    expect(await config()).toMatchObject({ bound_issuer: 'https://hub.test', jwt_validation_pubkeys: [key.publicPem.trim()] });
    await configure(second, other, 'https://other.test', { replaceSharedConfig: true });
    expect(await config()).toMatchObject({ bound_issuer: 'https://other.test', jwt_validation_pubkeys: [other.publicPem.trim()] });
  });
});

describe('a valid JWT', () => {
  it('logs in and reads exactly its own credentials', async () => {
    const { client, token } = await login(signJwt(key, claims({ sub: c1 })));
    expect(token.policies).toEqual([`${inst.instanceId}-collaborators-policy`]);
    await expect(generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c1 })).resolves.toBeDefined();
    await expectDenied(() => generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c2 }));
    await expectDenied(() => client.read(['database', 'config', inst.instanceId]));
    await expectDenied(() => client.list(['database', 'roles']));
    await expectDenied(() => client.read(['database', 'roles', `${inst.instanceId}-${c1}-db`]));
  });

  it('accepts aud as a string and as an array (C30), and a small clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(login(signJwt(key, claims({ sub: c1, aud: ['lamin', 'other'] })))).resolves.toBeDefined();
    await expect(login(signJwt(key, claims({ sub: c1, nbf: now + 2, iat: now + 2 })))).resolves.toBeDefined();
  });

  it('at another instance role reaches nothing of this instance', async () => {
    const client = await loginAs(c1, otherInstance);
    await expectDenied(() => generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c1 }));
  });

  it('follows collaborator changes with no policy write: new roles work at once, deleted ones yield nothing', async () => {
    const c3 = randomUUID();
    const client = await loginAs(c3);
    await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId: c3, role: 'write' });
    await expect(generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c3 })).resolves.toBeDefined();
    await deleteCollaboratorRole(root, { instanceId: inst.instanceId, accountId: c3 });
    await expect(generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c3 })).rejects.toSatisfy((e) => isVaultError(e));
  });
});

describe('JWT login refuses', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('an expired token', async () => expectRefused(signJwt(key, claims({ sub: c1, iat: now() - 600, nbf: now() - 600, exp: now() - 60 }))));
  it('a not-yet-valid token', async () => expectRefused(signJwt(key, claims({ sub: c1, iat: now(), nbf: now() + 120, exp: now() + 600 }))));
  it('a wrong issuer', async () => expectRefused(signJwt(key, claims({ sub: c1, iss: 'https://evil.test' }))));
  it('a wrong audience', async () => expectRefused(signJwt(key, claims({ sub: c1, aud: 'other' }))));
  it('a token without audience', async () => expectRefused(signJwt(key, claims({ sub: c1, aud: undefined }))));
  it('a token without subject', async () => expectRefused(signJwt(key, claims({}))));
  it('a token signed by another key', async () => expectRefused(signJwt(newSigningKey(), claims({ sub: c1 }))));
  it('an unsigned token (alg: none)', async () => expectRefused(signJwt(key, claims({ sub: c1 }), 'none')));
  it('a token whose payload was altered after signing', async () => {
    const [head, , sig] = signJwt(key, claims({ sub: c2 })).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ sub: c1 }))).toString('base64url');
    await expectRefused(`${head}.${forged}.${sig}`);
  });
});

describe('a wrong subject', () => {
  it("logs in but cannot read another collaborator's credentials", async () => {
    const client = await loginAs(randomUUID());
    await expectDenied(() => generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c1 }));
  });

  // OpenBao will not fill `*`, `+` or `/` from an alias name into a policy path
  // (allow_wildcards/slashes_in_identity_templates default to false): 400 "Forbidden".
  it.each(['*', '+', `${c1}*`, `${c1}-db/../${c1}`])('%s as subject reaches no role', async (sub) => {
    const client = await loginAs(sub);
    await expectRefusedCall(() => generateDbCredentials(client, { instanceId: inst.instanceId, accountId: c1 }));
  });
});

describe('admin login via JWT (adminSubjects)', () => {
  it('lets listed subjects log in with only the admin policy, refuses others, and can be removed', async () => {
    const adminId = inst.adminAccountId;
    const setupAdmins = (adminSubjects: string[]) => configureJwtAuth(root, {
      instanceId: inst.instanceId, jwtValidationPubkeys: [key.publicPem], boundIssuer: 'https://hub.test', boundAudiences: ['lamin'], adminSubjects,
    });
    expect((await setupAdmins([adminId])).adminRole).toBe(`${inst.instanceId}-admin`);
    const adminLogin = (sub: string) => loginWithJwt(anonymous, { instanceId: inst.instanceId, jwt: signJwt(key, claims({ sub })), admin: true });

    const { client, token } = await adminLogin(adminId);
    expect(token.policies).toEqual([`${inst.instanceId}-admin-db-policy`]);
    await expect(client.read(['database', 'config', inst.instanceId])).resolves.toBeDefined();
    await expectDenied(() => client.write(['sys', 'policies', 'acl', `${inst.instanceId}-admin-db-policy`], { policy: 'path "*" { capabilities = ["read"] }' }));

    await expect(adminLogin(c1)).rejects.toSatisfy((e) => isVaultError(e));
    await setupAdmins([]);
    await expect(adminLogin(adminId)).rejects.toSatisfy((e) => isVaultError(e));
  });
});
