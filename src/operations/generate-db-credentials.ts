import { z } from 'zod';
import type { VaultClient } from '../http/index.js';
import { AccountIdSchema, InstanceIdSchema, MountSchema, RoleNameSchema, roleName } from '../plan/index.js';
import { readCredentials } from '../vault/database.js';
import { DbCredentials } from './db-credentials.js';
import { parseInput } from './parse-input.js';

const GenerateInputSchema = z.union([
  z.strictObject({ instanceId: InstanceIdSchema, accountId: AccountIdSchema, mount: MountSchema.default('database') }),
  z.strictObject({ roleName: RoleNameSchema, mount: MountSchema.default('database') }),
]);
export type GenerateDbCredentialsInput = z.input<typeof GenerateInputSchema>;

/**
 * Issues short-lived Postgres credentials for a collaborator (or any role by
 * name, e.g. the public-read role). Each call creates a new Postgres user, so
 * the request is never retried automatically.
 *
 * Minimal policy: `read` on `<mount>/creds/<role>` (exactly the collaborator's creds policy).
 * @example
 * const creds = await generateDbCredentials(client, { instanceId, accountId });
 * const url = buildConnectionString({ ...creds, host, database });
 */
export async function generateDbCredentials(
  client: VaultClient,
  input: GenerateDbCredentialsInput,
  options: { signal?: AbortSignal } = {},
): Promise<DbCredentials> {
  const parsed = parseInput(GenerateInputSchema, input);
  const role = 'roleName' in parsed ? parsed.roleName : roleName(parsed.instanceId, parsed.accountId);
  const issuedAt = Date.now();
  const response = await readCredentials(client, parsed.mount, role, options.signal);
  return new DbCredentials({
    username: response.data.username,
    password: response.data.password,
    leaseId: response.leaseId,
    leaseDuration: response.leaseDuration,
    renewable: response.renewable,
    expiresAt: new Date(issuedAt + response.leaseDuration * 1000),
    roleName: role,
  });
}
