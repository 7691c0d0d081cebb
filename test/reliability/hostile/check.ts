/**
 * Judges one hostile call: it must fail with a LaminVaultValidationError that names the
 * field, never echoes the value, and sends nothing (the recording server saw no connection).
 */
import { inspect } from 'node:util';
import { LaminVaultValidationError } from '../../../src/index.js';
import type { RecordingServer } from '../../helpers/recording-server.js';
import { recordError } from '../leak-guard/store.js';
import { pathMatches } from './targets.js';

const HANG_MS = 5_000;

/** Values long and specific enough that finding them in a message means they were echoed. */
export function echoable(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length >= 8;
}

/** Whether `text` mentions `field` as a word (a cross-field rule may name the other field first). */
export const mentions = (text: string, field: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9])${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9]|$)`).test(text);

async function settle(run: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; error: unknown } | { hung: true }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), HANG_MS);
  });
  try {
    return await Promise.race([
      run().then(() => ({ ok: true as const }), (error: unknown) => ({ ok: false as const, error })),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `undefined` when the call was rejected properly, else what went wrong. */
export async function judge(
  server: RecordingServer,
  run: () => Promise<unknown>,
  path: string | undefined,
  value: unknown,
): Promise<string | undefined> {
  server.reset();
  const outcome = await settle(run);
  // Parallel requests of a failed call may still be on their way: count them here, not in the next case.
  if (server.connections() > 0) await new Promise((r) => setTimeout(r, 100));
  const sent = server.connections();
  const problems: string[] = [];
  if (sent > 0) problems.push(`sent ${sent} request(s) (${server.requestLines().join(', ')})`);
  if ('hung' in outcome) return [...problems, `no answer within ${HANG_MS} ms`].join('; ');
  if (outcome.ok) return [...problems, 'accepted'].join('; ');
  const error = outcome.error;
  recordError('hostile-input error', error);
  if (!(error instanceof LaminVaultValidationError)) {
    const name = error instanceof Error ? `${error.name}: ${error.message.slice(0, 120)}` : typeof error;
    return [...problems, `threw ${name}`].join('; ');
  }
  if (path !== undefined) {
    const named = error.issues.some((i) => pathMatches(i.path, path) || mentions(i.message, path));
    if (!named) problems.push(`issues name ${error.issues.map((i) => i.path).join(', ')} instead of ${path}`);
    else if (!mentions(error.message, path) && !error.message.includes(`${path}.`)) problems.push(`message does not name ${path}`);
  }
  if (echoable(value)) {
    const shown = [error.message, JSON.stringify(error), inspect(error)];
    if (shown.some((text) => text.includes(value))) problems.push('error echoes the value');
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}
