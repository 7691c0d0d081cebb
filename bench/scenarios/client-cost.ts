/**
 * Client cost per request: sequential reads from an instant local server (another process)
 * that always returns the same policy-read body, so what is left is the client's own work.
 */
import { z } from 'zod';
import { startFakeVault } from '../lib/fake-vault.js';
import type { Scenario } from '../lib/context.js';
import { axiosFloorClient } from '../lib/axios-floor.js';
import { peerClient } from '../lib/peer.js';
import { rawClient } from '../lib/raw-client.js';
import { interleave, measure, QUICK, scale, summarize, type Cost } from '../lib/stats.js';
import { ratio, type Result } from '../lib/report.js';

const REQUESTS = scale(20_000);
const WARMUP = scale(2_000);
// 20,000 requests per run are already many samples; three interleaved runs keep this under a minute.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 3));
const PATH = 'sys/policies/acl/bench-policy';
const SEGMENTS = PATH.split('/');
const PolicySchema = z.object({ name: z.string(), policy: z.string() });
const TARGET = 'ours/node-vault ≤ 0.8; ours/raw ≤ 1.5';

export const clientCost: Scenario = async ({ ours }) => {
  const fake = await startFakeVault();
  const token = 'bench-token';
  const client = new ours.VaultClient({ address: fake.address, token });
  const raw = rawClient(fake.address, token);
  const peer = peerClient(fake.address, token);
  const floor = axiosFloorClient(fake.address, token);
  const loops = {
    ours: () => client.read(SEGMENTS, { schema: PolicySchema }),
    raw: () => raw.read(PATH),
    peer: () => peer.read(PATH),
    oursNoSchema: () => client.read(SEGMENTS),
    floor: () => floor.read(PATH),
  };
  const sequential = (one: () => Promise<unknown>, n: number) => async () => {
    for (let i = 0; i < n; i++) await one();
  };
  try {
    for (const one of Object.values(loops)) await sequential(one, WARMUP)();
    const runs = await interleave(ROUNDS, {
      ours: () => measure(sequential(loops.ours, REQUESTS)),
      raw: () => measure(sequential(loops.raw, REQUESTS)),
      peer: () => measure(sequential(loops.peer, REQUESTS)),
      oursNoSchema: () => measure(sequential(loops.oursNoSchema, REQUESTS)),
      floor: () => measure(sequential(loops.floor, REQUESTS)),
    });
    const per = (costs: Cost[], key: keyof Cost) => summarize(costs.map((c) => (c[key] * 1000) / REQUESTS));
    const row = (label: string, key: keyof Cost): Result => {
      const r = { name: `client cost per request, ${label} (${REQUESTS} reads, instant local server)`,
        unit: 'µs/req', ours: per(runs.ours, key), baseline: per(runs.raw, key), peer: per(runs.peer, key), floor: per(runs.floor, key),
        target: TARGET };
      return { ...r, met: ratio(r.ours, r.peer)! <= 0.8 && ratio(r.ours, r.baseline)! <= 1.5 };
    };
    return {
      results: [row('CPU time', 'cpuMs'), row('wall time', 'wallMs')],
      diagnostics: {
        clientCostWithoutSchema: { cpuUsPerReq: per(runs.oursNoSchema, 'cpuMs'), wallUsPerReq: per(runs.oursNoSchema, 'wallMs') },
      },
    };
  } finally {
    client.close();
    raw.close();
    floor.close();
    await fake.stop();
  }
};
