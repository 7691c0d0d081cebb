/**
 * Child process of the RSS scenario (run with --expose-gc): a mix of operations against the
 * real server, 8 at a time. Prints RSS and heap after a warm-up and after each tenth of the
 * measured run, each taken after a full GC.
 */
import { loadOurs } from '../lib/ours.js';
import { runPool } from '../lib/stats.js';

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} not set`); })();
const OPS = Number(env('BENCH_RSS_OPS'));
const WARMUP = Math.ceil(OPS / 5);

const ours = await loadOurs();
const client = new ours.VaultClient({ address: env('BENCH_VAULT_ADDR'), token: env('BENCH_VAULT_TOKEN') });
const instanceId = env('BENCH_INSTANCE_ID');
const accountId = env('BENCH_ACCOUNT_ID');

/** Reads (found and 404), a connection check, and an idempotent re-provision. */
function op(i: number): Promise<unknown> {
  switch (i % 10) {
    case 7: return ours.collaboratorRoleExists(client, { instanceId, accountId: `missing_${i % 100}` });
    case 8: return ours.connectionConfigExists(client, { instanceId });
    case 9: return ours.createCollaboratorRole(client, { instanceId, accountId, role: 'admin' });
    default: return ours.collaboratorRoleExists(client, { instanceId, accountId });
  }
}

const gc = globalThis.gc ?? (() => { throw new Error('run with --expose-gc'); })();
const snapshot = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
};

await runPool(WARMUP, 8, op);
const snaps = [snapshot()];
for (let k = 0; k < 10; k++) {
  await runPool(OPS / 10, 8, op);
  snaps.push(snapshot());
}
client.close();
process.stdout.write(JSON.stringify(snaps) + '\n');
