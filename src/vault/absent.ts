import { isVaultError } from '../errors.js';

/**
 * Whether an error means "this object does not exist": a 404 with no messages. A 404
 * that names a cause (no handler for the route, namespace not found) is a wrong mount,
 * namespace or address, and must not read as absence.
 */
export const isAbsent = (error: unknown): boolean => isVaultError(error, 404) && error.errors.length === 0;

/** Reads a resource, mapping absence (see {@link isAbsent}) to `undefined`. */
export async function readOptional<T>(read: () => Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await read()).data;
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}
