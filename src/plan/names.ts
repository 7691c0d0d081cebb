import type { Level } from './ids.js';

// The ONLY module that derives names. Inputs are validated ids (see ids.ts).


/** Postgres group (NOLOGIN) role kinds per instance: read ⊂ write ⊂ admin, plus delete. */
export type GroupKind = Level | 'delete';

/** Vault role of a collaborator: `<instanceId>-<accountId>-db`. */
export const roleName = (instanceId: string, accountId: string): string => `${instanceId}-${accountId}-db`;

/** Vault role of the optional public-read credentials: `<instanceId>-public-read-db`. */
export const publicReadRoleName = (instanceId: string): string => `${instanceId}-public-read-db`;

/** Temporary Vault role that runs the bootstrap SQL (no `-db`: never a collaborator's). */
export const bootstrapRoleName = (instanceId: string): string => `${instanceId}-lamin-bootstrap`;

/** Temporary Vault role that runs the teardown SQL. */
export const teardownRoleName = (instanceId: string): string => `${instanceId}-lamin-teardown`;

/** ACL policy that may read a role's credentials: `<role>-policy`. */
export const policyName = (role: string): string => `${role}-policy`;

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
 * Per-instance admin policy, written only by the service from a fixed template. It is the
 * policy name account `admin` would get, which is why that account id is reserved (ids.ts).
 * @example
 * instanceAdminPolicyName(instanceId); // '<instanceId>-admin-db-policy'
 */
export const instanceAdminPolicyName = (instanceId: string): string => policyName(`${instanceId}-admin-db`);

/**
 * Per-instance templated policy of JWT logins: each user reads only their own role's creds.
 * @example
 * collaboratorsPolicyName(instanceId); // '<instanceId>-collaborators-policy'
 */
export const collaboratorsPolicyName = (instanceId: string): string => policyName(`${instanceId}-collaborators`);

/** Token role every issued token is created through (orphan, policy glob, max TTL). */
export const DEFAULT_TOKEN_ROLE = 'lamin-vault-issuer';

/** `allowed_roles` entry of an instance's connection: `<instanceId>-*`. */
export const allowedRolesGlob = (instanceId: string): string => `${instanceId}-*`;

/**
 * Postgres group role of an instance: `lamin_<uuid without dashes>_<kind>`
 * (≤ 45 bytes, a plain lowercase identifier that never needs quoting).
 */
export const groupRoleName = (instanceId: string, kind: GroupKind): string =>
  `lamin_${instanceId.replaceAll('-', '')}_${kind}`;

/**
 * Recognises a collaborator role of the instance (`<instanceId>-<accountId>-db`) and
 * returns its account id; `undefined` for anything else (public-read, temporary, foreign).
 */
export function parseCollaboratorRole(instanceId: string, role: string): { accountId: string } | undefined {
  const prefix = `${instanceId}-`;
  if (!role.startsWith(prefix) || !role.endsWith('-db')) return undefined;
  const accountId = role.slice(prefix.length, -'-db'.length);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  return uuid.test(accountId) || /^[a-z0-9][a-z0-9_]{0,31}$/.test(accountId) ? { accountId } : undefined;
}

/**
 * `<mount>/<rest…>` as path segments (the HTTP client encodes each one): a nested mount
 * (`team/db`) is several segments.
 */
export const mountPath = (mount: string, ...rest: string[]): readonly string[] => [...mount.split('/'), ...rest];

/**
 * Vault `username_template` of every instance connection. Result:
 * `v-<instance uuid hex>-<16 random>-<unix time>`, 62 bytes, lowercase: all users of an
 * instance share a prefix, the random part is never truncated away, and names stay
 * under Postgres' 63-byte limit (longer ones would be cut silently). `replace`,
 * `truncate`, `random`, `unix_time`, `lowercase` exist in Vault ≥ 1.7 and OpenBao.
 */
export const USERNAME_TEMPLATE =
  '{{ printf "v-%s-%s-%s" (.RoleName | replace "-" "" | truncate 32) (random 16) (unix_time) | truncate 63 | lowercase }}';

/**
 * What every user {@link USERNAME_TEMPLATE} makes for the instance starts with: role names
 * start with `<instanceId>-`, so the first 32 characters of the dash-free role name are the
 * instance id's hex.
 */
export const dynamicUserPrefix = (instanceId: string): string => `v-${instanceId.replaceAll('-', '')}-`;
