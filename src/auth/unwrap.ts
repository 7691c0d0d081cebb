import * as z from 'zod';
import { VaultClient, type VaultResponse } from '../http/index.js';
import { isVaultError, VaultHttpError, VaultResponseError } from '../errors.js';
import { parseInput } from '../operations/parse-input.js';
import { lookupWrapping, unwrap } from './vault-tokens.js';
import { VaultToken } from './vault-token.js';

/** The wrapping token was already used, has expired, or never existed. */
export class WrappingTokenError extends VaultHttpError {
  override name = 'WrappingTokenError';
}

const WrappingTokenSchema = z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/, 'must be a printable token');

export interface UnwrapOptions {
  /** Namespace the token was wrapped in (HCP Vault: `admin`). Default: the client's. */
  namespace?: string | null;
  /**
   * Refuse wrapping tokens not created under this path prefix (checked with
   * `sys/wrapping/lookup` first, which does not use the token up), e.g.
   * `auth/token/create/`: a substituted wrapping token is then refused unopened.
   */
  creationPathPrefix?: string;
}

/**
 * Turns a single-use wrapping token into the token it wraps. A second unwrap, or one
 * after the wrap TTL, fails with {@link WrappingTokenError}: if that happens to a token
 * you never unwrapped, someone else did, so treat it as an incident.
 *
 * `addressOrClient` may be a Vault address (a fresh client without token is used) or a
 * client (its token is not sent).
 * @example
 * const token = await unwrapToken('https://vault.example.com', wrappingToken);
 * const client = new VaultClient({ address: 'https://vault.example.com', token: token.token });
 */
export async function unwrapToken(
  addressOrClient: string | VaultClient,
  wrappingToken: string,
  options: UnwrapOptions = {},
): Promise<VaultToken> {
  const wrapping = parseInput(WrappingTokenSchema, wrappingToken);
  const base = typeof addressOrClient === 'string' ? new VaultClient({ address: addressOrClient }) : addressOrClient;
  const client = options.namespace === undefined ? base : base.withOptions({ namespace: options.namespace });
  try {
    if (options.creationPathPrefix !== undefined) await checkCreationPath(client, wrapping, options.creationPathPrefix);
    const res = await unwrap(client, wrapping);
    return toToken(res);
  } catch (error) {
    if (!isVaultError(error, 400)) throw error;
    throw new WrappingTokenError({ status: error.status, errors: error.errors, method: error.method, path: error.path });
  }
}

async function checkCreationPath(client: VaultClient, wrapping: string, prefix: string): Promise<void> {
  const { creation_path } = await lookupWrapping(client, wrapping);
  if (!creation_path.startsWith(prefix)) {
    throw new VaultResponseError({
      method: 'POST', path: '/v1/sys/wrapping/lookup',
      issues: [{ path: 'creation_path', message: `wrapping token was created at ${creation_path}, expected ${prefix}…` }],
    });
  }
}

function toToken(res: VaultResponse<unknown> | undefined): VaultToken {
  const auth = res?.auth;
  if (!auth?.clientToken) {
    throw new VaultResponseError({ method: 'POST', path: '/v1/sys/wrapping/unwrap', issues: [{ path: 'auth', message: 'the wrapped response holds no token' }] });
  }
  return new VaultToken({
    token: auth.clientToken, accessor: auth.accessor, policies: auth.policies, ttl: auth.leaseDuration, renewable: auth.renewable,
  });
}
