/**
 * Unit: every public operation checks its client argument first, so plain JavaScript that
 * passes `undefined` or a config object gets a typed error naming `client`, not a TypeError.
 */
import { describe, expect, it } from 'vitest';
import * as lv from '../../src/index.js';

const IID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const calls: Record<string, (client: unknown) => unknown> = {
  initInstanceVault: (c) => lv.initInstanceVault(c as never, { instanceId: IID, adminAccountId: 'alice', dbHost: 'db', dbName: 'x', vaultDbUsername: 'u', vaultDbPassword: 'p' }),
  createCollaboratorRole: (c) => lv.createCollaboratorRole(c as never, { instanceId: IID, accountId: 'alice', role: 'read' }),
  updateCollaboratorRole: (c) => lv.updateCollaboratorRole(c as never, { instanceId: IID, accountId: 'alice', role: 'read' }),
  deleteCollaboratorRole: (c) => lv.deleteCollaboratorRole(c as never, { instanceId: IID, accountId: 'alice' }),
  generateDbCredentials: (c) => lv.generateDbCredentials(c as never, { instanceId: IID, accountId: 'alice' }),
  renewLease: (c) => lv.renewLease(c as never, 'database/creds/r/abc'),
  revokeLease: (c) => lv.revokeLease(c as never, 'database/creds/r/abc'),
  connectionConfigExists: (c) => lv.connectionConfigExists(c as never, { instanceId: IID }),
  collaboratorRoleExists: (c) => lv.collaboratorRoleExists(c as never, { instanceId: IID, accountId: 'alice' }),
  listCollaboratorRoles: (c) => lv.listCollaboratorRoles(c as never, { instanceId: IID }),
  deleteInstanceVault: (c) => lv.deleteInstanceVault(c as never, { instanceId: IID }),
  issueCollaboratorToken: (c) => lv.issueCollaboratorToken(c as never, { instanceId: IID, accountId: 'alice' }),
  issueInstanceAdminToken: (c) => lv.issueInstanceAdminToken(c as never, { instanceId: IID, accountId: 'alice', isInstanceAdmin: true }),
  ensureTokenRole: (c) => lv.ensureTokenRole(c as never),
  configureJwtAuth: (c) => lv.configureJwtAuth(c as never, { instanceId: IID, boundIssuer: 'i', boundAudiences: ['a'], jwksUrl: 'https://idp/jwks' }),
  loginWithJwt: (c) => lv.loginWithJwt(c as never, { instanceId: IID, jwt: 'a.b.c' }),
  createCredentialsProvider: (c) => lv.createCredentialsProvider(c as never, { instanceId: IID, accountId: 'alice' }),
};

describe.each(Object.entries(calls))('%s', (_name, call) => {
  it.each([undefined, null, {}, { address: 'http://127.0.0.1:8200', token: 't' }])('with %j as client: a validation error naming client', async (client) => {
    const error = await (async () => call(client))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(lv.LaminVaultValidationError);
    expect((error as lv.LaminVaultValidationError).issues).toEqual([{ path: 'client', message: expect.stringContaining('must be a VaultClient') }]);
  });
});
