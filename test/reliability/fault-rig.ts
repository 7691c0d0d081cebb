/**
 * A real stack with one initialised instance, a fault proxy in front of its Vault, and
 * clients through the proxy whose every HTTP attempt is recorded by the debug hook.
 */
import { VaultClient } from '../../src/index.js';
import type { VaultClientConfigInput, VaultDebugEvent } from '../../src/config.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { newInstance, type TestInstance } from '../helpers/instance.js';
import { recordOutput } from './leak-guard/store.js';

export interface FaultRig {
  stack: VaultStack;
  /** Talks to Vault directly. */
  root: VaultClient;
  inst: TestInstance;
  proxy: FaultProxy;
  /** Debug events of the clients made by `through`, in order. */
  events: VaultDebugEvent[];
  /** A client through the proxy: 1.5 s budget, 2 retries, 50 ms base backoff, 1 s cap. */
  through(over?: Partial<VaultClientConfigInput>): VaultClient;
  /** Forgets the proxy log and debug events, and lets everything pass. */
  reset(): void;
  close(): Promise<void>;
}

export const BUDGET_MS = 1_500;

export async function startFaultRig(): Promise<FaultRig> {
  const stack = await startVaultStack();
  const root = new VaultClient(stack.client());
  const inst = await newInstance(stack, root);
  const proxy = await startFaultProxy(stack.vault.address);
  const events: VaultDebugEvent[] = [];
  const clients: VaultClient[] = [];
  return {
    stack, root, inst, proxy, events,
    through(over = {}) {
      const client = new VaultClient({
        address: proxy.url, token: stack.vault.token, timeoutMs: BUDGET_MS,
        retry: { limit: 2, baseDelayMs: 50, maxDelayMs: 1_000 }, debug: (e) => events.push(e), ...over,
      });
      clients.push(client);
      return client;
    },
    reset() {
      recordOutput('debug hook events', JSON.stringify(events));
      proxy.log.splice(0);
      events.splice(0);
      proxy.rule(() => ({ kind: 'pass' }));
    },
    async close() {
      recordOutput('debug hook events', JSON.stringify(events));
      for (const c of clients) c.close();
      root.close();
      await proxy.close();
      await inst.close();
      await stack.stop();
    },
  };
}
