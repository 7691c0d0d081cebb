import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { AccountIdSchema, InstanceIdSchema, MountSchema, RoleNameSchema, roleName } from '../plan/index.js';
import { readCredentials } from '../vault/database.js';
import { DbCredentials } from './db-credentials.js';
import { parseInput, requireClient } from './parse-input.js';

const ByAccountSchema = z.strictObject({ instanceId: InstanceIdSchema, accountId: AccountIdSchema, mount: MountSchema.default('database') });
const ByRoleSchema = z.strictObject({ roleName: RoleNameSchema, mount: MountSchema.default('database') });
/** @inline */
type ByAccount = z.input<typeof ByAccountSchema>;
/** @inline */
type ByRole = z.input<typeof ByRoleSchema>;
/** Input of {@link generateDbCredentials}: a collaborator (`instanceId` + `accountId`) or any role by name. */
export type GenerateDbCredentialsInput = ByAccount | ByRole;

/** The role to issue for; picks the input shape by its keys so errors name the real field. */
function targetRole(input: GenerateDbCredentialsInput): { mount: string; role: string } {
  if (typeof input === 'object' && input !== null && 'roleName' in input) {
    const { roleName: role, mount } = parseInput(ByRoleSchema, input);
    return { mount, role };
  }
  const { instanceId, accountId, mount } = parseInput(ByAccountSchema, input);
  return { mount, role: roleName(instanceId, accountId) };
}

/**
 * Issues short-lived Postgres credentials for a collaborator (or any role by
 * name, e.g. the public-read role). Each call creates a new Postgres user, so
 * the request is never retried automatically.
 *
 * Minimal policy: `read` on `<mount>/creds/<role>` (exactly the collaborator's creds policy).
 * @example
 * const creds = await generateDbCredentials(client, { instanceId, accountId });
 * // The password is not enumerable (a spread drops it): pass it by name.
 * const url = buildConnectionString({ username: creds.username, password: creds.password, host, database });
 */
export async function generateDbCredentials(
  client: VaultClient,
  input: GenerateDbCredentialsInput,
  options: { signal?: AbortSignal } = {},
): Promise<DbCredentials> {
  requireClient(client);
  const { mount, role } = targetRole(input);
  const issuedAt = Date.now();
  const response = await readCredentials(client, mount, role, options.signal);
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
