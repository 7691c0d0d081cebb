import { LaminVaultConflictError, VaultHttpError } from '../errors.js';
import { isStorageConflict } from '../http/retry.js';

/**
 * The error as a conflict when it means another run on the same objects won: OpenBao's
 * storage conflict that outlasted the client's retries, or a role or connection deleted by
 * that other run between our check or write and our use (every operation reads or writes
 * the connection before it uses it). Nothing of ours was applied by the failed request,
 * and a re-run converges.
 */
export function lostRace(error: unknown, what: string): unknown {
  if (!(error instanceof VaultHttpError)) return error;
  const text = error.errors.join(' ');
  const goneUnderUs = text.includes('unknown role') || text.includes('failed to find entry for connection');
  if (!isStorageConflict(text) && !goneUnderUs) return error;
  return new LaminVaultConflictError(`${what} was changed by another run at the same time; re-run to converge`);
}

/** Runs the requests of an operation, turning a lost race (see {@link lostRace}) into a conflict. */
export async function reportingLostRace<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw lostRace(error, what);
  }
}
