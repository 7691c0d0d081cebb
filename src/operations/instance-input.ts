import * as z from 'zod';
import { InstanceIdSchema, MountSchema } from '../plan/index.js';

/** Identifies one instance's Vault objects. */
export const InstanceRefSchema = z.strictObject({
  instanceId: InstanceIdSchema,
  /** Path of the database secrets engine. Default: `database`. */
  mount: MountSchema.default('database'),
});
/**
 * Names an instance's connection: its id and the secrets engine mount.
 * @interface
 */
export type InstanceRef = z.input<typeof InstanceRefSchema>;
