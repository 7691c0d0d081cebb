import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { VaultResponseError } from '../errors.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { InstanceIdSchema, JwtSchema, MountSchema } from './inputs.js';
import { jwtAdminRoleName } from './jwt-roles.js';
import { jwtLogin } from './vault-jwt.js';
import { VaultToken } from './vault-token.js';

const LoginSchema = z.strictObject({
  instanceId: InstanceIdSchema,
  jwt: JwtSchema,
  /** Path of the JWT auth method. Default: `jwt`. */
  mount: MountSchema.default('jwt'),
  /** Log in at the instance's admin role (`configureJwtAuth` with `adminSubjects`). Default: false. */
  admin: z.boolean().default(false),
});
/**
 * Input of {@link loginWithJwt}.
 * @interface
 */
export type LoginWithJwtInput = z.input<typeof LoginSchema>;

/**
 * Logs in with the user's own JWT at the instance's JWT role (see `configureJwtAuth`)
 * and returns a client holding the resulting token, plus the token's metadata. Vault's
 * refusal (expired, wrong audience, wrong issuer, bad signature …) arrives as a
 * `VaultHttpError` whose `errors` name the failed check; the JWT is never echoed.
 * Pass a client scoped to the auth method's namespace (C24).
 * @example
 * const { client: vault } = await loginWithJwt(anonymous, { instanceId, jwt });
 * const creds = await generateDbCredentials(vault, { instanceId, accountId });
 */
export async function loginWithJwt(client: VaultClient, input: LoginWithJwtInput): Promise<{ client: VaultClient; token: VaultToken }> {
  requireClient(client);
  const i = parseInput(LoginSchema, input);
  const res = await jwtLogin(client, i.mount, i.admin ? jwtAdminRoleName(i.instanceId) : i.instanceId, i.jwt);
  const auth = res?.auth;
  if (!auth?.clientToken) {
    throw new VaultResponseError({ method: 'POST', path: `/v1/auth/${i.mount}/login`, issues: [{ path: 'auth', message: 'login answered no token' }] });
  }
  const token = new VaultToken({
    token: auth.clientToken, accessor: auth.accessor, policies: auth.policies, ttl: auth.leaseDuration, renewable: auth.renewable,
  });
  return { client: client.withOptions({ token: auth.clientToken }), token };
}
