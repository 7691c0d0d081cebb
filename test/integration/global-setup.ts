import { randomUUID } from 'node:crypto';
import { removeStackLeftovers } from '../../src/testing/index.js';
import { externalStackConfigured } from '../../src/testing/external-stack.js';

// Runs once in the main vitest process, before the workers start (they inherit the env):
// tags this run's containers, clears those of dead runs, and removes this run's leftovers at the end.
export default async function setup(): Promise<() => Promise<void>> {
  const run = (process.env.LAMIN_VAULT_TEST_RUN ||= randomUUID());
  process.env.LAMIN_VAULT_TEST_OWNER_PID ||= String(process.pid);
  const usesContainers = !externalStackConfigured() && process.env.LAMIN_VAULT_TEST_STACK !== 'processes';
  // Without a container runtime there is nothing to clean; startVaultStack() then
  // falls back to local processes or fails each test file with what is missing.
  if (!usesContainers || (await removeStackLeftovers({ deadOwners: true }).catch(() => undefined)) === undefined) {
    return async () => {};
  }
  return async () => {
    const removed = await removeStackLeftovers({ run });
    if (removed > 0) console.warn(`global teardown: removed ${removed} leftover stack container(s)`);
  };
}
