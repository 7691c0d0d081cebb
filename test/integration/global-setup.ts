import { randomUUID } from 'node:crypto';
import { removeStackLeftovers } from '../../src/testing/index.js';
import { externalStackConfigured } from '../../src/testing/external-stack.js';

// Runs once in the main vitest process, before the workers start (they inherit the env):
// tags this run's containers, clears those of dead runs, and removes this run's leftovers at the end.
export default async function setup(): Promise<() => Promise<void>> {
  const run = (process.env.LAMIN_VAULT_TEST_RUN ||= randomUUID());
  process.env.LAMIN_VAULT_TEST_OWNER_PID ||= String(process.pid);
  if (externalStackConfigured()) return async () => {};

  await removeStackLeftovers({ deadOwners: true }).catch((error: unknown) => {
    throw new Error(
      'Integration tests need a stack and none is available: no container runtime answered ' +
        `(${error instanceof Error ? error.message : String(error)}). Run "npm test" (scripts/test.sh), ` +
        'which provisions one, or set VAULT_ADDR, VAULT_TOKEN and DATABASE_URL.',
    );
  });
  return async () => {
    const removed = await removeStackLeftovers({ run });
    if (removed > 0) console.warn(`global teardown: removed ${removed} leftover stack container(s)`);
  };
}
