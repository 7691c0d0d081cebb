/**
 * Pausing the stack's own containers (`docker pause`), found by the host port they publish
 * and the run label the stack puts on them, so a test never touches another file's stack.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { STACK_LABEL } from '../../src/testing/index.js';

const run = promisify(execFile);

/**
 * The id of this run's container publishing `hostPort`; `undefined` when no Docker engine
 * answers or none of this run's containers publishes it (an external or process stack).
 * A failing query of a running engine, or two matches, throw: they must not pass as a skip.
 */
export async function containerPublishing(hostPort: number): Promise<string | undefined> {
  const filters = ['--filter', `publish=${hostPort}`, '--filter', `label=${STACK_LABEL}`];
  const runLabel = process.env['LAMIN_VAULT_TEST_RUN'];
  if (runLabel) filters.push('--filter', `label=${STACK_LABEL}.run=${runLabel}`);
  let stdout: string;
  try {
    ({ stdout } = await run('docker', ['ps', '-q', ...filters], { timeout: 60_000 }));
  } catch (error) {
    if (await dockerAnswers()) throw error;
    return undefined;
  }
  const ids = stdout.split('\n').filter(Boolean);
  if (ids.length > 1) throw new Error(`${ids.length} containers of this run publish port ${hostPort}`);
  return ids[0];
}

async function dockerAnswers(): Promise<boolean> {
  try {
    await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: 60_000 });
    return true;
  } catch {
    return false;
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
