import * as z from 'zod';
import type { VaultClient, VaultPath } from '../http/index.js';
import { isAbsent } from './absent.js';

/** Wire shape of `database/config/<name>` as Vault returns it (password never included). */
const ConnectionSchema = z.object({
  plugin_name: z.string(),
  allowed_roles: z.array(z.string()).nullish(),
  connection_details: z.record(z.string(), z.unknown()).nullish(),
  password_policy: z.string().nullish(),
});
export type ConnectionData = z.infer<typeof ConnectionSchema>;

/** Wire shape of `database/roles/<name>`. TTLs come back as seconds. */
const RoleSchema = z.object({
  db_name: z.string(),
  creation_statements: z.array(z.string()),
  revocation_statements: z.array(z.string()).nullish(),
  default_ttl: z.number(),
  max_ttl: z.number(),
});
export type RoleData = z.infer<typeof RoleSchema>;

const CredentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

const at = (mount: string, ...rest: string[]): VaultPath => [...mount.split('/'), ...rest];

/** Reads a resource, mapping 404 to `undefined` (absence is an answer, not an error). */
async function readOptional<T>(read: () => Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await read()).data;
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

export const readConnection = (client: VaultClient, mount: string, name: string) =>
  readOptional(() => client.read(at(mount, 'config', name), { schema: ConnectionSchema }));

export async function writeConnection(client: VaultClient, mount: string, name: string, body: object): Promise<void> {
  await client.write(at(mount, 'config', name), body, { idempotent: true });
}

export async function deleteConnection(client: VaultClient, mount: string, name: string): Promise<void> {
  await client.delete(at(mount, 'config', name));
}

export const readRole = (client: VaultClient, mount: string, role: string) =>
  readOptional(() => client.read(at(mount, 'roles', role), { schema: RoleSchema }));

export async function writeRole(client: VaultClient, mount: string, role: string, body: object): Promise<void> {
  await client.write(at(mount, 'roles', role), body, { idempotent: true });
}

export async function deleteRole(client: VaultClient, mount: string, role: string): Promise<void> {
  await client.delete(at(mount, 'roles', role));
}

/** All role names on the mount (Vault has no server-side prefix filter for LIST). */
export const listRoles = (client: VaultClient, mount: string): Promise<string[]> =>
  client.list(at(mount, 'roles'));

/** Issues credentials. Never retried by the client: every call creates a Postgres user. */
export const readCredentials = (client: VaultClient, mount: string, role: string, signal?: AbortSignal) =>
  client.read(at(mount, 'creds', role), { schema: CredentialsSchema, ...(signal ? { signal } : {}) });
