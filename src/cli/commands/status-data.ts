import { isVaultError } from '../../errors.js';
import type { VaultClient } from '../../http/index.js';
import { detectLevel } from '../../operations/detect-level.js';
import { parseCollaboratorRole, policyName, publicReadRoleName } from '../../plan/index.js';
import { listRoles, readConnection, readRole } from '../../vault/database.js';
import { listCredsLeases } from '../../vault/leases.js';
import { readPolicy } from '../../vault/policies.js';

export const NOT_VISIBLE = 'not visible';
type Visible<T> = T | typeof NOT_VISIBLE;

export interface ConnectionStatus {
  exists: boolean;
  plugin?: string;
  /** Password part masked unless it is Vault's `{{password}}` template. */
  connectionUrl?: string;
  username?: string;
  allowedRoles?: string[];
}

export interface RoleStatus {
  roleName: string;
  kind: 'collaborator' | 'public-read' | 'other';
  accountId: string | null;
  level: string | null;
  allowDelete: boolean | null;
  policy: Visible<'present' | 'missing'>;
  leases: Visible<number>;
}

/** Runs a read; a 403 means this token may not look, which is reported, not thrown. */
async function visible<T>(read: () => Promise<T>): Promise<Visible<T>> {
  try {
    return await read();
  } catch (error) {
    if (isVaultError(error, 403)) return NOT_VISIBLE;
    throw error;
  }
}

export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)(.*)@/i, (all, head: string, pw: string) => (pw === '{{password}}' ? all : `${head}********@`));
}

export async function connectionStatus(client: VaultClient, mount: string, instanceId: string): Promise<ConnectionStatus> {
  const config = await readConnection(client, mount, instanceId);
  if (!config) return { exists: false };
  const details = config.connection_details ?? {};
  const url = details['connection_url'];
  const username = details['username'];
  return {
    exists: true,
    plugin: config.plugin_name,
    ...(typeof url === 'string' ? { connectionUrl: maskUrlPassword(url) } : {}),
    ...(typeof username === 'string' ? { username } : {}),
    allowedRoles: config.allowed_roles ?? [],
  };
}

async function roleStatus(client: VaultClient, mount: string, instanceId: string, role: string): Promise<RoleStatus> {
  const account = parseCollaboratorRole(instanceId, role);
  const kind = account ? 'collaborator' : role === publicReadRoleName(instanceId) ? 'public-read' : 'other';
  const [stored, policy, leases] = await Promise.all([
    readRole(client, mount, role),
    visible(async () => ((await readPolicy(client, policyName(role))) === undefined ? 'missing' as const : 'present' as const)),
    visible(async () => (await listCredsLeases(client, mount, role)).length),
  ]);
  const detected = stored ? detectLevel(instanceId, stored) : undefined;
  const level = kind === 'public-read' ? 'read' : detected?.level ?? null;
  return { roleName: role, kind, accountId: account?.accountId ?? null, level, allowDelete: detected?.allowDelete ?? null, policy, leases };
}

/** Every Vault role whose name starts with `<instanceId>-` (also leftovers of an interrupted run). */
export async function rolesStatus(client: VaultClient, mount: string, instanceId: string): Promise<RoleStatus[]> {
  const roles = (await listRoles(client, mount)).filter((name) => name.startsWith(`${instanceId}-`)).sort();
  return Promise.all(roles.map((role) => roleStatus(client, mount, instanceId, role)));
}
