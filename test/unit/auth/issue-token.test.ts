import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultClient, VaultResponseError } from '../../../src/index.js';
import { issueCollaboratorToken } from '../../../src/auth/index.js';
import { tokenIssues } from '../../../src/auth/issue-token.js';
import { startTestServer, vaultError, type TestServer } from '../../helpers/http-server.js';

const IID = 'abcdef01-2222-4333-8444-555555555555';
const AID = 'c0ffee00-7777-4888-8999-000000000000';
const POLICY = `${IID}-${AID}-db-policy`;
const REQ = { tokenRole: 'lamin-vault-issuer', policies: [POLICY], ttl: '1h', wrapTtl: '60s', meta: {} };
const GOOD = { policies: [POLICY], identity_policies: null, orphan: true, ttl: 3600, role: 'lamin-vault-issuer' };

describe('tokenIssues (C29 verification)', () => {
  it('accepts exactly what was requested', () => { expect(tokenIssues(GOOD, REQ)).toEqual([]); });
  it.each([
    ['policies', { policies: [POLICY, 'default'] }],
    ['identity_policies', { identity_policies: ['admin'] }],
    ['orphan', { orphan: false }],
    ['ttl', { ttl: 7200 }],
    ['ttl', { ttl: 0 }],
    ['role', { role: 'other' }],
  ])('flags %s', (path, over) => {
    expect(tokenIssues({ ...GOOD, ...over }, REQ).map((i) => i.path)).toContain(path);
  });
});

describe('issueCollaboratorToken against a server that returns a broader token', () => {
  let vault: TestServer;
  beforeEach(async () => {
    vault = await startTestServer({
      handler: (req) => {
        if (req.url === `/v1/sys/policies/acl/${POLICY}`) return { body: { data: { policy: '…' } } };
        if (req.url.startsWith('/v1/sys/policies/acl/')) return vaultError(404);
        if (req.url === '/v1/auth/token/create/lamin-vault-issuer') {
          return { body: { wrap_info: { token: 's.wrap', accessor: 'wrapAcc', ttl: 60, creation_time: 'now', creation_path: 'auth/token/create/lamin-vault-issuer', wrapped_accessor: 'tokAcc' } } };
        }
        if (req.url === '/v1/auth/token/lookup-accessor') return { body: { data: { ...GOOD, policies: [POLICY, 'root'] } } };
        if (req.url === '/v1/auth/token/revoke-accessor') return { status: 204 };
        return vaultError(404);
      },
    });
  });
  afterEach(async () => vault.close());

  it('revokes the token and its wrapping token, and throws without any token in the error', async () => {
    const client = new VaultClient({ address: vault.url, token: 'service' });
    const error = await issueCollaboratorToken(client, { instanceId: IID, accountId: AID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultResponseError);
    expect(String(error)).not.toContain('s.wrap');
    const create = vault.requests.find((r) => r.url === '/v1/auth/token/create/lamin-vault-issuer');
    expect(create?.headers['x-vault-wrap-ttl']).toBe('60s');
    expect(JSON.parse(create?.body ?? '{}')).toMatchObject({ policies: [POLICY], no_default_policy: true, renewable: false, ttl: '1h' });
    const revoked = vault.requests.filter((r) => r.url === '/v1/auth/token/revoke-accessor').map((r) => JSON.parse(r.body).accessor);
    expect(revoked.sort()).toEqual(['tokAcc', 'wrapAcc']);
  });
});
