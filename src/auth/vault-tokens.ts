/** Thin wrappers over Vault's token store and response wrapping (wire names stay snake_case here). */
import * as z from 'zod';
import type { VaultClient, VaultResponse } from '../http/index.js';
import { VaultResponseError } from '../errors.js';

const TokenLookupSchema = z.object({
  policies: z.array(z.string()).nullish(),
  identity_policies: z.array(z.string()).nullish(),
  orphan: z.boolean().nullish(),
  ttl: z.number(),
  role: z.string().nullish(),
  meta: z.record(z.string(), z.string()).nullish(),
});
export type TokenLookup = z.infer<typeof TokenLookupSchema>;

export async function writeTokenRole(client: VaultClient, role: string, body: object): Promise<void> {
  await client.write(['auth', 'token', 'roles', role], body, { idempotent: true });
}

/** `auth/token/create/<role>`, response-wrapped: the caller only ever sees the wrapping token. */
export async function createWrappedToken(
  client: VaultClient,
  role: string,
  body: object,
  wrapTtl: string,
): Promise<VaultResponse<unknown> | undefined> {
  return client.write(['auth', 'token', 'create', role], body, { wrapTtl });
}

/** Looks a token up by accessor, so the issuer never handles the token itself. */
export async function lookupAccessor(client: VaultClient, accessor: string): Promise<TokenLookup> {
  const res = await client.write(['auth', 'token', 'lookup-accessor'], { accessor }, { schema: TokenLookupSchema, idempotent: true });
  return requireBody(res, 'auth/token/lookup-accessor').data;
}

export async function revokeAccessor(client: VaultClient, accessor: string): Promise<void> {
  await client.write(['auth', 'token', 'revoke-accessor'], { accessor }, { idempotent: true });
}

/** `sys/wrapping/unwrap` authenticated by the wrapping token itself (no other token is sent). */
export async function unwrap(client: VaultClient, wrappingToken: string): Promise<VaultResponse<unknown> | undefined> {
  return client.write(['sys', 'wrapping', 'unwrap'], {}, { token: wrappingToken });
}

const WrapLookupSchema = z.object({ creation_path: z.string(), creation_ttl: z.number(), creation_time: z.string() });

/** `sys/wrapping/lookup`: where a wrapping token came from, without consuming it. */
export async function lookupWrapping(client: VaultClient, wrappingToken: string) {
  const res = await client.write(['sys', 'wrapping', 'lookup'], { token: wrappingToken }, {
    token: null, schema: WrapLookupSchema, idempotent: true,
  });
  return requireBody(res, 'sys/wrapping/lookup').data;
}

/** A 204 where Vault always sends a body is a response-shape error. */
export function requireBody<T>(res: VaultResponse<T> | undefined, path: string): VaultResponse<T> {
  if (res) return res;
  throw new VaultResponseError({ method: 'POST', path: `/v1/${path}`, issues: [{ path: '(root)', message: 'expected a body, got none' }] });
}
