import * as z from 'zod';
import type { VaultClient, VaultPath } from '../http/index.js';
import { mountPath } from '../plan/index.js';

/**
 * Revokes every lease under `<mount>/creds/<role>` synchronously, so the revocation
 * statements have run in Postgres when this resolves. Needs `sudo` on the path.
 */
export async function revokeCredsLeases(client: VaultClient, mount: string, role: string): Promise<void> {
  const prefix: VaultPath = ['sys', 'leases', 'revoke-prefix', ...mountPath(mount, 'creds', role)];
  await client.write(prefix, { sync: true }, { idempotent: true });
}

/** Lease ids outstanding under `<mount>/creds/<role>/` (needs `sudo` + `list`). */
export async function listCredsLeases(client: VaultClient, mount: string, role: string): Promise<string[]> {
  return client.list(['sys', 'leases', 'lookup', ...mountPath(mount, 'creds', role)]);
}

const RenewSchema = z.unknown();

/**
 * The lease id goes in the path (`sys/leases/renew/<lease id>`), not the body, so a
 * policy can grant renewal of exactly one role's leases.
 */
export async function renewLeaseById(client: VaultClient, leaseId: string, incrementSeconds?: number) {
  const body = incrementSeconds === undefined ? {} : { increment: incrementSeconds };
  return client.write(['sys', 'leases', 'renew', ...leaseId.split('/')], body, { idempotent: true, schema: RenewSchema });
}

/** Revokes one lease synchronously; path form for the same reason as {@link renewLeaseById}. */
export async function revokeLeaseById(client: VaultClient, leaseId: string): Promise<void> {
  await client.write(['sys', 'leases', 'revoke', ...leaseId.split('/')], { sync: true }, { idempotent: true });
}
