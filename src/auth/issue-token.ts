import type { VaultClient } from '../http/index.js';
import { VaultResponseError, type ValidationIssue } from '../errors.js';
import { ttlSeconds } from '../plan/index.js';
import { createWrappedToken, lookupAccessor, revokeAccessor, type TokenLookup } from './vault-tokens.js';

/** A response-wrapped token, as the issuing service sees it (it never sees the token itself). */
export interface IssuedToken {
  /** Single-use wrapping token: hand it to the user, who unwraps it with `unwrapToken`. */
  wrappingToken: string;
  /** When the wrapping token stops working, unused or not. */
  wrapExpiresAt: Date;
  /** Accessor of the wrapped token: look it up or revoke it without knowing the token. */
  accessor: string;
  /** Policies the token carries, verified on the server. */
  policies: string[];
  /** Seconds the token lives, as Vault granted it. */
  ttl: number;
}

export interface WrappedTokenRequest {
  tokenRole: string;
  policies: string[];
  ttl: string;
  wrapTtl: string;
  meta: Record<string, string>;
}

/**
 * Creates a token through the token role, response-wrapped, then verifies through its
 * accessor that it carries exactly the requested policies, no identity policies, is an
 * orphan and lives no longer than asked (C29). A token failing a check is revoked.
 */
export async function issueWrappedToken(client: VaultClient, req: WrappedTokenRequest): Promise<IssuedToken> {
  const issuedAt = Date.now();
  const body = { policies: req.policies, ttl: req.ttl, no_default_policy: true, renewable: false, meta: req.meta };
  const res = await createWrappedToken(client, req.tokenRole, body, req.wrapTtl);
  const wrap = res?.wrapInfo;
  const path = `/v1/auth/token/create/${req.tokenRole}`;
  if (!wrap?.wrappedAccessor) {
    throw new VaultResponseError({ method: 'POST', path, issues: [{ path: 'wrap_info', message: 'missing wrapped_accessor' }] });
  }
  const lookup = await lookupAccessor(client, wrap.wrappedAccessor);
  const issues = tokenIssues(lookup, req);
  if (issues.length > 0) {
    await revokeAccessor(client, wrap.wrappedAccessor);
    if (wrap.accessor) await revokeAccessor(client, wrap.accessor); // the wrapping token too
    throw new VaultResponseError({ method: 'POST', path, issues });
  }
  return {
    wrappingToken: wrap.token,
    wrapExpiresAt: new Date(issuedAt + wrap.ttl * 1000),
    accessor: wrap.wrappedAccessor,
    policies: [...(lookup.policies ?? [])],
    ttl: lookup.ttl,
  };
}

/** What is wrong with an issued token, as issues without any secret. */
export function tokenIssues(lookup: TokenLookup, req: WrappedTokenRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const got = [...(lookup.policies ?? [])].sort();
  const want = [...req.policies].sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    issues.push({ path: 'policies', message: `token has [${got.join(', ')}], requested [${want.join(', ')}]` });
  }
  if ((lookup.identity_policies ?? []).length > 0) issues.push({ path: 'identity_policies', message: 'token inherited identity policies' });
  if (lookup.orphan !== true) issues.push({ path: 'orphan', message: 'token is not an orphan' });
  if (lookup.ttl <= 0) issues.push({ path: 'ttl', message: 'token never expires' });
  if (lookup.ttl > ttlSeconds(req.ttl)) issues.push({ path: 'ttl', message: `token lives ${lookup.ttl}s, more than requested` });
  if (lookup.role != null && lookup.role !== req.tokenRole) issues.push({ path: 'role', message: 'token was not created through the token role' });
  return issues;
}
