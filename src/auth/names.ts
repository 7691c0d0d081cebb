/**
 * Names of the objects the authorization half writes. Collaborator names come from
 * `src/plan/names.ts`; these are the per-instance ones that only auth uses.
 */
import { policyName, publicReadRoleName, roleName } from '../plan/index.js';

/** Token role every issued token is created through (orphan, policy glob, max TTL). */
export const DEFAULT_TOKEN_ROLE = 'lamin-vault-issuer';

/**
 * Per-instance admin policy, written only by the service from a fixed template.
 * @example
 * instanceAdminPolicyName(instanceId); // '<instanceId>-admin-db-policy'
 */
export const instanceAdminPolicyName = (instanceId: string): string => `${instanceId}-admin-db-policy`;

/**
 * Per-instance templated policy of JWT logins: each user reads only their own role's creds.
 * @example
 * collaboratorsPolicyName(instanceId); // '<instanceId>-collaborators-policy'
 */
export const collaboratorsPolicyName = (instanceId: string): string => `${instanceId}-collaborators-policy`;

/**
 * A collaborator's credentials policy, `<iid>-<aid>-db-policy`.
 * @example
 * collaboratorPolicyName(instanceId, 'alice'); // '<instanceId>-alice-db-policy'
 */
export const collaboratorPolicyName = (instanceId: string, accountId: string): string =>
  policyName(roleName(instanceId, accountId));

/**
 * The public-read credentials policy, `<iid>-public-read-db-policy`.
 * @example
 * publicReadPolicyName(instanceId); // '<instanceId>-public-read-db-policy'
 */
export const publicReadPolicyName = (instanceId: string): string => policyName(publicReadRoleName(instanceId));

/**
 * Account ids whose names would collide with per-instance auth objects:
 * account `admin` would own `<iid>-admin-db-policy`, the instance-admin policy.
 */
export const RESERVED_ACCOUNT_IDS: ReadonlySet<string> = new Set(['admin']);
