import { z } from 'zod';
import type { VaultClient, VaultPath } from '../http/index.js';

/**
 * Revokes every lease under `<mount>/creds/<role>` synchronously, so the revocation
 * statements have run in Postgres when this resolves. Needs `sudo` on the path.
 */
export async function revokeCredsLeases(client: VaultClient, mount: string, role: string): Promise<void> {
  const prefix: VaultPath = ['sys', 'leases', 'revoke-prefix', ...mount.split('/'), 'creds', role];
  await client.write(prefix, { sync: true }, { idempotent: true });
}

/** Lease ids outstanding under `<mount>/creds/<role>/` (needs `sudo` + `list`). */
export async function listCredsLeases(client: VaultClient, mount: string, role: string): Promise<string[]> {
  return client.list(['sys', 'leases', 'lookup', ...mount.split('/'), 'creds', role]);
}

const RenewSchema = z.unknown();

export async function renewLease(client: VaultClient, leaseId: string, incrementSeconds?: number) {
  const body = incrementSeconds === undefined ? { lease_id: leaseId } : { lease_id: leaseId, increment: incrementSeconds };
  return client.write(['sys', 'leases', 'renew'], body, { idempotent: true, schema: RenewSchema });
}

export async function revokeLease(client: VaultClient, leaseId: string): Promise<void> {
  await client.write(['sys', 'leases', 'revoke'], { lease_id: leaseId, sync: true }, { idempotent: true });
}
