import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LaminVaultValidationError, VaultClient } from '../../../src/index.js';
import {
  configureJwtAuth, createCredentialsProvider, ensureTokenRole, exchangeHubJwt, issueCollaboratorToken,
  issueInstanceAdminToken, loginWithJwt, unwrapToken,
} from '../../../src/auth/index.js';
import { startRecordingServer, type RecordingServer } from '../../helpers/recording-server.js';

// Crafted ids never reach Vault (or the hub): every call below must fail validation
// with zero TCP connections to the recording servers.
const IID = 'abcdef01-2222-4333-8444-555555555555';
const AID = '66666666-7777-4888-8999-000000000000';
const CRAFTED = [
  `${IID}"`, `${IID}\n`, `${IID}*`, `${IID}+`, `${IID}/x`, '..', `${IID}/../x`, '{{identity.entity.id}}',
  `x" } path "*" { capabilities = ["sudo"] } #`, IID.toUpperCase(), `${IID}-`, '', ' ', 'a'.repeat(300),
];

let vault: RecordingServer;
let hub: RecordingServer;
let client: VaultClient;
beforeAll(async () => {
  [vault, hub] = await Promise.all([startRecordingServer(), startRecordingServer()]);
  client = new VaultClient({ address: vault.url, token: 'service-token', retry: { limit: 0 } });
});
beforeEach(() => { vault.reset(); hub.reset(); });
afterAll(async () => { await Promise.all([vault.close(), hub.close()]); });

async function expectRefusedOffline(call: () => Promise<unknown> | unknown): Promise<void> {
  const error = await (async () => call())().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LaminVaultValidationError);
  expect(vault.connections() + hub.connections()).toBe(0);
}

describe.each(CRAFTED)('the crafted id %j', (crafted) => {
  it('as instance id is refused by every auth entry point before any request', async () => {
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: crafted, accountId: AID }));
    await expectRefusedOffline(() => issueInstanceAdminToken(client, { instanceId: crafted, accountId: AID, isInstanceAdmin: true }));
    await expectRefusedOffline(() => configureJwtAuth(client, { instanceId: crafted, jwtValidationPubkeys: ['-----BEGIN PUBLIC KEY-----'], boundIssuer: 'i', boundAudiences: ['a'] }));
    await expectRefusedOffline(() => loginWithJwt(client, { instanceId: crafted, jwt: 'a.b.c' }));
    await expectRefusedOffline(() => createCredentialsProvider(client, { instanceId: crafted, accountId: AID }).current());
    await expectRefusedOffline(() => exchangeHubJwt({ hubUrl: hub.url, instanceId: crafted, jwt: 'a.b.c', vault: { address: vault.url } }));
  });

  it('as account id is refused before any request', async () => {
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: crafted }));
    await expectRefusedOffline(() => issueInstanceAdminToken(client, { instanceId: IID, accountId: crafted, isInstanceAdmin: true }));
    await expectRefusedOffline(() => createCredentialsProvider(client, { instanceId: IID, accountId: crafted }).current());
  });
});

describe('other inputs refused before any request', () => {
  it("the reserved account id 'admin' (its policy name is the instance-admin policy's)", async () => {
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: 'admin' }));
  });

  it('an admin claim that is not literally true, naming the field but not echoing values', async () => {
    for (const claim of [false, 'true', 1, null, undefined, {}]) {
      await expectRefusedOffline(() => issueInstanceAdminToken(client, { instanceId: IID, accountId: AID, isInstanceAdmin: claim } as never));
    }
    const error = await issueInstanceAdminToken(client, { instanceId: IID, accountId: AID, isInstanceAdmin: 'yes-please' as never }).catch((e: unknown) => e);
    expect(String(error)).toContain('isInstanceAdmin');
    expect(String(error)).not.toContain('yes-please');
  });

  it('unknown options, bad TTLs and bad token role names', async () => {
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: AID, policies: ['root'] } as never));
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: AID, ttl: '0s' }));
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: AID, wrapTtl: 'forever' }));
    await expectRefusedOffline(() => issueCollaboratorToken(client, { instanceId: IID, accountId: AID, tokenRole: '../root' }));
    await expectRefusedOffline(() => ensureTokenRole(client, { name: 'a/b' }));
  });

  it('JWT auth config: no key source, both key sources, or no audience', async () => {
    const base = { instanceId: IID, boundIssuer: 'i', boundAudiences: ['a'] };
    await expectRefusedOffline(() => configureJwtAuth(client, base));
    await expectRefusedOffline(() => configureJwtAuth(client, { ...base, jwksUrl: 'https://idp/jwks', jwtValidationPubkeys: ['-----BEGIN PUBLIC KEY-----'] }));
    await expectRefusedOffline(() => configureJwtAuth(client, { ...base, jwksUrl: 'https://idp/jwks', boundAudiences: [] }));
    await expectRefusedOffline(() => configureJwtAuth(client, { ...base, jwksUrl: 'https://idp/jwks', supportedAlgs: ['none' as never] }));
  });

  it('a wrapping token or JWT with control characters or spaces', async () => {
    await expectRefusedOffline(() => unwrapToken(client, 's.abc\r\nX-Injected: 1'));
    await expectRefusedOffline(() => loginWithJwt(client, { instanceId: IID, jwt: 'a.b.c\nx' }));
    await expectRefusedOffline(() => exchangeHubJwt({ hubUrl: hub.url, instanceId: IID, jwt: 'a b', vault: { address: vault.url } }));
    await expectRefusedOffline(() => exchangeHubJwt({ hubUrl: 'file:///etc/passwd', instanceId: IID, jwt: 'a.b.c', vault: { address: vault.url } }));
  });

  it('a JWT that is not three dot-separated parts, and a JWKS URL with credentials, are refused offline', async () => {
    for (const jwt of ['abc', 'a.b', 'a.b.c.d', 'a..c']) {
      await expectRefusedOffline(() => loginWithJwt(client, { instanceId: IID, jwt }));
      await expectRefusedOffline(() => exchangeHubJwt({ hubUrl: hub.url, instanceId: IID, jwt, vault: { address: vault.url } }));
    }
    const error = await (async () => configureJwtAuth(client, { instanceId: IID, boundIssuer: 'i', boundAudiences: ['a'], jwksUrl: 'https://user:secret@idp.example/jwks' }))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaminVaultValidationError);
    expect((error as Error).message).toContain('jwksUrl: must not contain credentials');
    expect((error as Error).message).not.toContain('secret');
  });

  it('a hub or Vault URL that is not http(s), or carries credentials, is named as such', async () => {
    const messageOf = async (over: object) =>
      (await (async () => exchangeHubJwt({ hubUrl: hub.url, instanceId: IID, jwt: 'a.b.c', vault: { address: vault.url }, ...over }))().catch((e: unknown) => e) as Error).message;
    expect(await messageOf({ hubUrl: 'ftp://hub.example' })).toContain('hubUrl: must be an http(s) URL');
    expect(await messageOf({ hubUrl: 'https://user:secret@hub.example' })).toContain('hubUrl: must be an http(s) URL without credentials');
    expect(await messageOf({ hubUrl: 'https://user:secret@hub.example' })).not.toContain('secret');
    expect(await messageOf({ vault: { address: 'ftp://vault' } })).toContain('vault.address: must be an http(s) URL');
    expect(vault.connections() + hub.connections()).toBe(0);
  });
});
