/**
 * Pausing one of the stack's own containers (`docker pause`), by the id the stack reports
 * (`stack.containers`), so a test never touches another file's stack.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `fn` with the container paused; always unpauses. */
export async function whilePaused<T>(container: string, fn: () => Promise<T>): Promise<T> {
  await run('docker', ['pause', container], { timeout: 10_000 });
  try {
    return await fn();
  } finally {
    await run('docker', ['unpause', container], { timeout: 10_000 });
  }
}
