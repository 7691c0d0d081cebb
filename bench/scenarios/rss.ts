/** RSS growth over 10,000 operations, measured in a fresh child process (see rss-child.ts). */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../lib/context.js';
import type { Result } from '../lib/report.js';
import { scale, summarize } from '../lib/stats.js';

const OPS = scale(10_000);
const MIB = 1024 * 1024;

interface Snap { rss: number; heapUsed: number; external: number }

export const rss: Scenario = async ({ stack, instance }) => {
  const child = fileURLToPath(new URL('./rss-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child], {
    encoding: 'utf8',
    env: {
      ...process.env,
      BENCH_RSS_OPS: String(OPS),
      BENCH_VAULT_ADDR: stack.vault.address, BENCH_VAULT_TOKEN: stack.vault.token,
      BENCH_INSTANCE_ID: instance.instanceId, BENCH_ACCOUNT_ID: instance.adminAccountId,
    },
  });
  const snaps = JSON.parse(out) as Snap[];
  const before = snaps[0]!;
  const after = snaps[snaps.length - 1]!;
  const peak = Math.max(...snaps.map((s) => s.rss));
  const growth = (after.rss - before.rss) / MIB;
  const result: Result = {
    name: `RSS growth over ${OPS} operations (reads, 404s, re-provisioning; 8 in flight)`,
    unit: 'MiB', ours: summarize([growth]), target: '< 10 MB', met: after.rss - before.rss < 10e6 && peak - before.rss < 10e6,
    note: `after a warm-up; peak ${((peak - before.rss) / MIB).toFixed(1)} MiB over it; heapUsed ${((after.heapUsed - before.heapUsed) / MIB).toFixed(2)} MiB`,
  };
  const mib = (n: number) => Number((n / MIB).toFixed(1));
  return { results: [result], diagnostics: { rssMiBAtEachTenth: snaps.map((s) => mib(s.rss)), heapUsedMiBAtEachTenth: snaps.map((s) => mib(s.heapUsed)) } };
};
