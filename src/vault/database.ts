import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { mountPath } from '../plan/index.js';

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


export const readConnection = async (client: VaultClient, mount: string, name: string) =>
  (await client.readIfExists(mountPath(mount, 'config', name), { schema: ConnectionSchema }))?.data;

export async function writeConnection(client: VaultClient, mount: string, name: string, body: object): Promise<void> {
  await client.write(mountPath(mount, 'config', name), body, { idempotent: true });
}

export async function deleteConnection(client: VaultClient, mount: string, name: string): Promise<void> {
  await client.delete(mountPath(mount, 'config', name));
}

export const readRole = async (client: VaultClient, mount: string, role: string) =>
  (await client.readIfExists(mountPath(mount, 'roles', role), { schema: RoleSchema }))?.data;

export async function writeRole(client: VaultClient, mount: string, role: string, body: object): Promise<void> {
  await client.write(mountPath(mount, 'roles', role), body, { idempotent: true });
}

export async function deleteRole(client: VaultClient, mount: string, role: string): Promise<void> {
  await client.delete(mountPath(mount, 'roles', role));
}

/** All role names on the mount (Vault has no server-side prefix filter for LIST). */
export const listRoles = (client: VaultClient, mount: string): Promise<string[]> =>
  client.list(mountPath(mount, 'roles'));

/** Issues credentials. Never retried by the client: every call creates a Postgres user. */
export const readCredentials = (client: VaultClient, mount: string, role: string, signal?: AbortSignal) =>
  client.read(mountPath(mount, 'creds', role), { schema: CredentialsSchema, ...(signal ? { signal } : {}) });
