import type * as z from 'zod';
import { LaminVaultValidationError } from '../errors.js';

/**
 * Validates an operation's input before any request leaves the process.
 * The error names the offending fields and never echoes their values.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw LaminVaultValidationError.fromZod(result.error);
  return result.data;
}
