import type * as z from 'zod';
import { LaminVaultValidationError } from '../errors.js';
import type { VaultClient } from '../http/index.js';

/**
 * Validates an operation's input before any request leaves the process.
 * The error names the offending fields and never echoes their values.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw LaminVaultValidationError.fromZod(result.error);
  return result.data;
}

/**
 * Checks the client argument like the input: from plain JavaScript, `undefined` or a config
 * object in its place is a typed error before any request, not a TypeError deep inside.
 * Duck-typed, so a client from the package's other module format (ESM/CommonJS) passes.
 */
export function requireClient(client: unknown): asserts client is VaultClient {
  const c = client as { read?: unknown; write?: unknown } | null | undefined;
  if (typeof c?.read !== 'function' || typeof c.write !== 'function') {
    throw new LaminVaultValidationError([{ path: 'client', message: 'must be a VaultClient (new VaultClient({ address, token }))' }], 'arguments');
  }
}
