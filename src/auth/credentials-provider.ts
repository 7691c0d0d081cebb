import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { generateDbCredentials, type GenerateDbCredentialsInput } from '../operations/generate-db-credentials.js';
import type { DbCredentials } from '../operations/db-credentials.js';
import { renewLease, revokeLease } from '../operations/leases.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { CredentialsRotation, type RotateListener } from './rotation.js';

const OptionsSchema = z.strictObject({
  /** Fraction of a lease's duration after which it is renewed (or replaced). Default: 2/3. */
  renewAfter: z.number().gt(0).lt(1).default(2 / 3),
  /** How long replaced credentials keep working before their lease is revoked. Default: 60 000 ms. */
  graceMs: z.number().int().min(0).max(86_400_000).default(60_000),
  /** Wait before retrying a failed replacement (shortened near expiry). Default: 5000 ms. */
  retryDelayMs: z.number().int().min(250).max(3_600_000).default(5_000),
  /** Revoke the provider's leases on `stop()` (their Postgres users are dropped). Default: true. */
  revokeOnStop: z.boolean().default(true),
  /** Gets errors of background renewals, replacements and revocations. Default: ignore. */
  onError: z.custom<(error: unknown) => void>((v) => typeof v === 'function').optional(),
});
/**
 * Options of {@link createCredentialsProvider}.
 * @interface
 */
export type CredentialsProviderOptions = z.input<typeof OptionsSchema>;

/** Credentials that stay valid for a long-running service. */
export interface CredentialsProvider {
  /** The live credentials (issued on first call). Cheap: call it whenever a connection is opened. */
  current(): Promise<DbCredentials>;
  /** Called after new credentials replaced old ones; the old ones work for `graceMs` more. Returns an unsubscribe function. */
  onRotate(listener: (next: DbCredentials, previous: DbCredentials) => void): () => void;
  /** Stops every timer (none is left) and, by default, revokes the provider's leases. */
  stop(): Promise<void>;
}

/**
 * Keeps Postgres credentials alive for a long-running service (the original fetched
 * them once and broke after an hour, §9 item 21): renews the lease at 2/3 of its
 * duration, issues new credentials when renewal is refused or capped by the role's max
 * TTL, tells `onRotate` listeners, and revokes the replaced lease after a grace period.
 * Timers are unref'd: the provider never keeps a process alive.
 *
 * Minimal policy: the collaborator's own credentials policy (`credsPolicy`), which
 * grants reading `<mount>/creds/<role>` and renewing and revoking its own leases
 * (`sys/leases/{renew,revoke}/<mount>/creds/<role>/*`). Without renewal rights,
 * credentials are replaced instead; without revocation, replaced leases just expire.
 * @example
 * const provider = createCredentialsProvider(client, { instanceId, accountId });
 * provider.onRotate(() => swapPool());
 * const { username, password } = await provider.current();
 */
export function createCredentialsProvider(
  client: VaultClient,
  target: GenerateDbCredentialsInput,
  options: CredentialsProviderOptions = {},
): CredentialsProvider {
  requireClient(client);
  const o = parseInput(OptionsSchema, options);
  const rotation = new CredentialsRotation(
    {
      issue: () => generateDbCredentials(client, target),
      renew: (leaseId, increment) => renewLease(client, leaseId, { increment }),
      revoke: (leaseId) => revokeLease(client, leaseId),
    },
    { renewAfter: o.renewAfter, graceMs: o.graceMs, retryDelayMs: o.retryDelayMs, revokeOnStop: o.revokeOnStop, onError: o.onError ?? (() => {}) },
  );
  return {
    current: () => rotation.current(),
    onRotate: (listener: RotateListener) => rotation.onRotate(listener),
    stop: () => rotation.stop(),
  };
}
