import { z } from 'zod';
import { MountSchema } from '../plan/index.js';

/** Options every operation accepts. */
export const TargetOptionsSchema = z.object({
  /** Path of the database secrets engine. Default: `database`. */
  mount: MountSchema.default('database'),
});
export type TargetOptions = z.input<typeof TargetOptionsSchema>;
