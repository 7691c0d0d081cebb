import * as z from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9][a-z0-9_]{0,31}$/;

/**
 * A LaminDB instance id: a lowercase canonical UUID. Its fixed length is what keeps the
 * allowed-roles glob `<instanceId>-*` from ever matching another instance's roles.
 */
export const InstanceIdSchema = z.string().regex(UUID, 'must be a lowercase UUID (8-4-4-4-12)');

/**
 * A collaborator's account id: a lowercase UUID, or a slug `[a-z0-9][a-z0-9_]{0,31}`.
 * Slugs have no dash, so no account collides with `public-read` or `lamin-*` names.
 */
export const AccountIdSchema = z
  .string()
  .refine((value) => UUID.test(value) || SLUG.test(value), 'must be a lowercase UUID or a slug [a-z0-9][a-z0-9_]{0,31}')
  // `<iid>-admin-db-policy` is the instance-admin policy: no collaborator may own that name.
  .refine((value) => !RESERVED_ACCOUNT_IDS.has(value), 'is reserved');

/** Account ids whose derived names would collide with the library's own objects. */
export const RESERVED_ACCOUNT_IDS: ReadonlySet<string> = new Set(['admin']);

/** Lamin permission level of a collaborator. */
export const LevelSchema = z.enum(['read', 'write', 'admin']);
/**
 * Lamin permission level of a collaborator.
 * @useDeclaredType
 */
export type Level = z.infer<typeof LevelSchema>;

/** Path of a secrets-engine mount, e.g. `database` or `team/db` (no leading/trailing slash). */
export const MountSchema = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*(\/[A-Za-z0-9_][A-Za-z0-9_-]*)*$/, 'must be a mount path like "database" or "team/db", without leading or trailing slashes')
  // Vault's own paths: a "mount" there would aim policies and writes at system endpoints.
  .refine((mount) => !RESERVED_MOUNT_ROOTS.has(mount.split('/')[0]!.toLowerCase()), 'must not be a Vault system path');

/** First path segments that belong to Vault itself, never to a secrets engine. */
export const RESERVED_MOUNT_ROOTS: ReadonlySet<string> = new Set(['sys', 'auth', 'identity', 'cubbyhole']);

/** A Vault role name as this library writes it (also usable for roles made elsewhere). */
export const RoleNameSchema = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/, 'must be a Vault role name [A-Za-z0-9_.-]');
