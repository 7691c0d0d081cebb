import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { TtlSchema, ttlSeconds } from '../plan/index.js';
import * as vaultLeases from '../vault/leases.js';
import { parseInput, requireClient } from './parse-input.js';

const LeaseIdSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'must look like a Vault lease id')
  .refine((id) => !id.split('/').some((s) => s === '.' || s === '..'), 'must not contain . or .. segments');
const RenewInputSchema = z.object({ leaseId: LeaseIdSchema, increment: TtlSchema.optional() });
const RevokeInputSchema = z.object({ leaseId: LeaseIdSchema });

export interface RenewedLease {
  leaseId: string;
  /** Seconds granted by the server; may be less than asked when capped by max TTL (C18). */
  leaseDuration: number;
  renewable: boolean;
  expiresAt: Date;
  /** Server warnings, e.g. that the TTL was capped. */
  warnings: string[];
}

/**
 * Extends a credentials lease. The server may grant less than `increment`.
 * Minimal policy: `update` on `sys/leases/renew/<mount>/creds/<role>/*` (part of the creds policy).
 * @example await renewLease(client, creds.leaseId, { increment: '1h' });
 */
export async function renewLease(
  client: VaultClient,
  leaseId: string,
  options: { increment?: string | number } = {},
): Promise<RenewedLease> {
  requireClient(client);
  const parsed = parseInput(RenewInputSchema, { leaseId, increment: options.increment });
  const id = parsed.leaseId;
  const increment = parsed.increment === undefined ? undefined : ttlSeconds(parsed.increment);
  const issuedAt = Date.now();
  const response = await vaultLeases.renewLeaseById(client, id, increment);
  const leaseDuration = response?.leaseDuration ?? 0;
  return {
    leaseId: response?.leaseId || id,
    leaseDuration,
    renewable: response?.renewable ?? false,
    expiresAt: new Date(issuedAt + leaseDuration * 1000),
    warnings: response?.warnings ?? [],
  };
}

/**
 * Revokes a credentials lease now: the revocation statements drop the Postgres
 * user and end its sessions before this resolves.
 * Minimal policy: `update` on `sys/leases/revoke/<mount>/creds/<role>/*` (part of the creds policy).
 * @example await revokeLease(client, creds.leaseId);
 */
export async function revokeLease(client: VaultClient, leaseId: string): Promise<void> {
  requireClient(client);
  await vaultLeases.revokeLeaseById(client, parseInput(RevokeInputSchema, { leaseId }).leaseId);
}
