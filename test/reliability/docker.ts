/**
 * Pausing the stack's own containers (`docker pause`), found by the host port they publish
 * and the run label the stack puts on them, so a test never touches another file's stack.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { STACK_LABEL } from '../../src/testing/index.js';

const run = promisify(execFile);

/** The id of this run's container publishing `hostPort`, or `undefined` (no Docker: external or process stack). */
export async function containerPublishing(hostPort: number): Promise<string | undefined> {
  const filters = ['--filter', `publish=${hostPort}`, '--filter', `label=${STACK_LABEL}`];
  const runLabel = process.env['LAMIN_VAULT_TEST_RUN'];
  if (runLabel) filters.push('--filter', `label=${STACK_LABEL}.run=${runLabel}`);
  try {
    const { stdout } = await run('docker', ['ps', '-q', ...filters], { timeout: 10_000 });
    const ids = stdout.split('\n').filter(Boolean);
    return ids.length === 1 ? ids[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Port of an `http://host:port` address. */
export const portOf = (address: string): number => Number(new URL(address).port);

/** Runs `fn` with the container paused; always unpauses. */
export async function whilePaused<T>(container: string, fn: () => Promise<T>): Promise<T> {
  await run('docker', ['pause', container], { timeout: 10_000 });
  try {
    return await fn();
  } finally {
    await run('docker', ['unpause', container], { timeout: 10_000 });
  }
}
