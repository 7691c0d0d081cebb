import * as z from 'zod';
import { AccountIdSchema, InstanceIdSchema, LevelSchema, MountSchema, TtlSchema, ttlOrder } from '../plan/index.js';

/** Identifies one collaborator of one instance. */
export const CollaboratorRefSchema = z.strictObject({
  instanceId: InstanceIdSchema,
  accountId: AccountIdSchema,
  /** Path of the database secrets engine. Default: `database`. */
  mount: MountSchema.default('database'),
});
/**
 * Names a collaborator's role: instance, account and mount.
 * @interface
 */
export type CollaboratorRef = z.input<typeof CollaboratorRefSchema>;

/** A collaborator's level and lease lifetimes. */
export const CollaboratorSpecSchema = CollaboratorRefSchema.extend({
  role: LevelSchema,
  /** Let a `write` collaborator DELETE rows too (the original's write level could not). Default: false. */
  allowDelete: z.boolean().default(false),
  /** Lease TTL of issued credentials. Default: `1h`. */
  ttl: TtlSchema.optional(),
  /** Longest a lease can be renewed to. Default: `24h`. */
  maxTtl: TtlSchema.optional(),
}).superRefine(ttlOrder('ttl', 'maxTtl'));
/**
 * A collaborator's role as it should be: who, which level, which TTLs.
 * @interface
 */
export type CollaboratorSpec = z.input<typeof CollaboratorSpecSchema>;
