/** 2,000 sequential policy reads from the real server over keep-alive: latency per op. */
import type { Scenario } from '../lib/context.js';
import { readContenders } from '../lib/read-contenders.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, ROUNDS, scale, summarize } from '../lib/stats.js';

const READS = scale(2_000);
const WARMUP = scale(200);

/** Median latency of one op over a run of `n` sequential ops, in microseconds. */
async function medianLatency(one: () => Promise<unknown>, n: number): Promise<number> {
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await one();
    lat[i] = (performance.now() - t0) * 1000;
  }
  return summarize(Array.from(lat)).median;
}

export const sequentialReads: Scenario = async ({ ours, stack }) => {
  const c = await readContenders(ours, stack.vault.address, stack.vault.token);
  try {
    for (const one of Object.values(c.reads)) await medianLatency(one, WARMUP);
    const runs = await interleave(ROUNDS, {
      ours: () => medianLatency(c.reads.ours, READS),
      raw: () => medianLatency(c.reads.raw, READS),
      peer: () => medianLatency(c.reads.peer, READS),
      floor: () => medianLatency(c.reads.floor, READS),
    });
    const r = {
      name: `${READS} sequential policy reads, real server (median per op)`,
      unit: 'µs/op',
      ours: summarize(runs.ours), baseline: summarize(runs.raw), peer: summarize(runs.peer), floor: summarize(runs.floor),
      target: 'ours/raw ≤ 1.05; ours ≤ node-vault',
    };
    const result: Result = { ...r, met: ratio(r.ours, r.baseline)! <= 1.05 && ratio(r.ours, r.peer)! <= 1 };
    return { results: [result] };
  } finally {
    c.close();
  }
};
