/** Thin wrappers over `sys/auth` and the JWT auth method (wire names stay snake_case here). */
import * as z from 'zod';
import type { VaultClient, VaultResponse } from '../http/index.js';
import { isVaultError } from '../errors.js';
import { mountPath } from '../plan/index.js';

const AuthMountSchema = z.object({ type: z.string(), accessor: z.string() });
export type AuthMount = z.infer<typeof AuthMountSchema>;

/** The auth method at `mount`, or `undefined` when nothing is mounted there (Vault answers 400). */
export async function readAuthMount(client: VaultClient, mount: string): Promise<AuthMount | undefined> {
  try {
    return (await client.read(['sys', 'auth', ...mountPath(mount)], { schema: AuthMountSchema })).data;
  } catch (error) {
    if (isVaultError(error, 400) || isVaultError(error, 404)) return undefined;
    throw error;
  }
}

export async function enableAuthMethod(client: VaultClient, mount: string, type: string, description: string): Promise<void> {
  await client.write(['sys', 'auth', ...mountPath(mount)], { type, description });
}

const JwtConfigSchema = z.object({
  bound_issuer: z.string().nullish(),
  jwks_url: z.string().nullish(),
  jwt_validation_pubkeys: z.array(z.string()).nullish(),
  jwt_supported_algs: z.array(z.string()).nullish(),
});
export type JwtConfig = z.infer<typeof JwtConfigSchema>;

/** `auth/<mount>/config`, or `undefined` before the first write. */
export async function readJwtConfig(client: VaultClient, mount: string): Promise<JwtConfig | undefined> {
  return (await client.readIfExists(['auth', ...mountPath(mount, 'config')], { schema: JwtConfigSchema }))?.data;
}

export async function writeJwtConfig(client: VaultClient, mount: string, body: object): Promise<void> {
  await client.write(['auth', ...mountPath(mount, 'config')], body, { idempotent: true });
}

export async function writeJwtRole(client: VaultClient, mount: string, role: string, body: object): Promise<void> {
  await client.write(['auth', ...mountPath(mount, 'role', role)], body, { idempotent: true });
}

/** `auth/<mount>/login`: no token is sent, only the JWT in the body. */
export async function jwtLogin(client: VaultClient, mount: string, role: string, jwt: string): Promise<VaultResponse<unknown> | undefined> {
  return client.write(['auth', ...mountPath(mount, 'login')], { role, jwt }, { token: null });
}

/** Deleting an absent role succeeds. */
export async function deleteJwtRole(client: VaultClient, mount: string, role: string): Promise<void> {
  await client.delete(['auth', ...mountPath(mount, 'role', role)]);
}
