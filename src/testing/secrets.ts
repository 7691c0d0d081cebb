import { randomBytes } from 'node:crypto';

/** Random lowercase hex, `bytes * 2` characters. */
export function randomHex(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * An admin password that breaks naive URL and SQL building: it contains `@:/?#%`
 * and a single quote, plus a random part so no two stacks share it.
 */
export function awkwardPassword(): string {
  return `pw@:/?#%'${randomHex(12)}`;
}

/** Label every container and network the stack makes, so leftovers can be found. */
export const STACK_LABEL = 'lamin-vault.test';

/** Labels for one stack: the run (set by the test runner's global setup) and the owning process. */
export function stackLabels(): Record<string, string> {
  return {
    [STACK_LABEL]: '1',
    [`${STACK_LABEL}.run`]: process.env.LAMIN_VAULT_TEST_RUN ?? 'none',
    [`${STACK_LABEL}.pid`]: process.env.LAMIN_VAULT_TEST_OWNER_PID ?? String(process.pid),
  };
}
