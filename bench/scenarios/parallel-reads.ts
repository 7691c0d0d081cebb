/** 5,000 policy reads from the real server, 64 in flight at a time: throughput. */
import type { Scenario } from '../lib/context.js';
import { readContenders } from '../lib/read-contenders.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, measure, ROUNDS, runPool, scale, summarize } from '../lib/stats.js';

const TOTAL = scale(5_000);
const CONCURRENCY = 64;

const throughput = async (one: () => Promise<unknown>) => {
  const { wallMs } = await measure(() => runPool(TOTAL, CONCURRENCY, one));
  return (TOTAL * 1000) / wallMs;
};

export const parallelReads: Scenario = async ({ ours, stack }) => {
  const c = await readContenders(ours, stack.vault.address, stack.vault.token);
  try {
    // Warm-up also opens the 64 keep-alive sockets each client will reuse.
    for (const one of Object.values(c.reads)) await runPool(CONCURRENCY * 4, CONCURRENCY, one);
    const runs = await interleave(ROUNDS, {
      ours: () => throughput(c.reads.ours),
      raw: () => throughput(c.reads.raw),
      peer: () => throughput(c.reads.peer),
      floor: () => throughput(c.reads.floor),
    });
    const r = {
      name: `${CONCURRENCY}-way parallel policy reads, ${TOTAL} total, real server`,
      unit: 'req/s',
      ours: summarize(runs.ours), baseline: summarize(runs.raw), peer: summarize(runs.peer), floor: summarize(runs.floor),
      target: 'throughput ours/raw ≥ 0.95',
    };
    const result: Result = { ...r, met: ratio(r.ours, r.baseline)! >= 0.95 };
    return { results: [result] };
  } finally {
    c.close();
  }
};
