import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient, createCollaboratorRole, generateDbCredentials } from '../../src/index.js';
import { HubExchangeError, ensureTokenRole, exchangeHubJwt, renderServicePolicy } from '../../src/auth/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { createHubHandler } from '../../examples/hub-endpoint.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { clientWithPolicy, expectDenied } from './auth-helpers.js';

// The whole hub flow: the example hub endpoint (with a service token holding only the
// issuing policy) and exchangeHubJwt on the client side, against the real server.
let stack: VaultStack;
let root: VaultClient;
let inst: TestInstance;
let hub: Server;
let hubUrl: string;
const collaborator = randomUUID();
const jwts = new Map<string, string>(); // jwt → account id, standing in for the IdP

const exchange = (jwt: string, admin = false) =>
  exchangeHubJwt({ hubUrl, instanceId: inst.instanceId, jwt, admin, vault: { address: stack.vault.address } });

beforeAll(async () => {
  stack = await startVaultStack();
  root = new VaultClient({ address: stack.vault.address, token: stack.vault.token });
  inst = await newInstance(stack, root);
  await createCollaboratorRole(root, { instanceId: inst.instanceId, accountId: collaborator, role: 'write' });
  await ensureTokenRole(root);
  const service = await clientWithPolicy(root, renderServicePolicy('issueInstanceAdminToken'));
  jwts.set('jwt.of.collaborator', collaborator).set('jwt.of.admin', inst.adminAccountId);
  hub = createServer(createHubHandler(service, {
    verifyJwt: async (jwt) => jwts.get(jwt),
    isInstanceAdmin: async (accountId, instanceId) => accountId === inst.adminAccountId && instanceId === inst.instanceId,
    isPublic: async () => false,
  }));
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => hub?.close(resolve));
  await inst?.close();
  await stack?.stop();
});

describe('exchangeHubJwt through the example hub', () => {
  it("gives a collaborator a client that reads exactly its own credentials", async () => {
    const vault = await exchange('jwt.of.collaborator');
    await expect(generateDbCredentials(vault, { instanceId: inst.instanceId, accountId: collaborator })).resolves.toBeDefined();
    await expectDenied(() => generateDbCredentials(vault, { instanceId: inst.instanceId, accountId: inst.adminAccountId }));
  });

  it('gives an instance admin a client that reads the connection but writes no policy', async () => {
    const vault = await exchange('jwt.of.admin', true);
    await expect(vault.read(['database', 'config', inst.instanceId])).resolves.toBeDefined();
    await expectDenied(() => vault.write(['sys', 'policies', 'acl', `${inst.instanceId}-admin-db-policy`], { policy: 'path "*" { capabilities = ["read"] }' }));
  });

  it('refuses a collaborator asking for an admin token (403 from the hub)', async () => {
    const error = await exchange('jwt.of.collaborator', true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubExchangeError);
    expect((error as HubExchangeError).status).toBe(403);
  });

  it('refuses an unknown JWT (401) without echoing it', async () => {
    const error = await exchange('jwt.nobody.knows').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HubExchangeError', status: 401, failure: 'http' });
    expect(JSON.stringify(error) + String(error)).not.toContain('jwt.nobody.knows');
  });
});
