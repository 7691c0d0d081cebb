/**
 * Cold import: a fresh `node` per sample, timing just the `import()` inside it (wall and CPU).
 * That is "fresh process minus an empty one" without the noise of process start-up, which on
 * a loaded machine swamps the difference. Each runtime dependency alone says who costs what.
 */
import { execFileSync } from 'node:child_process';
import type { Scenario } from '../lib/context.js';
import { BENCH_DIR } from '../lib/ours.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, QUICK, summarize, type Cost } from '../lib/stats.js';

const ROUNDS = QUICK ? 3 : 15;

const PROGRAM = (specs: readonly string[]) => `
const c0 = process.cpuUsage(), t0 = performance.now();
${specs.map((s) => `await import(${JSON.stringify(s)});`).join('\n')}
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }));`;

/** Runs in {@link BENCH_DIR}, where `lamin-vault` is the build under test. */
const spawnImport = async (specs: readonly string[]): Promise<Cost> =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROGRAM(specs)], { cwd: BENCH_DIR, encoding: 'utf8' })) as Cost;

const SPECIFIERS = {
  ours: ['lamin-vault'],
  peer: ['node-vault'],
  zod: ['zod'],
  axios: ['axios'],
  pgFormat: ['pg-format'],
  axiosCjs: ['data:text/javascript,import{createRequire}from"node:module";createRequire(process.cwd()+"/")("axios")'],
} as const;
type Key = keyof typeof SPECIFIERS;

export const coldImport: Scenario = async () => {
  const contenders = Object.fromEntries(Object.entries(SPECIFIERS).map(([k, specs]) => [k, () => spawnImport(specs)])) as
    Record<Key, () => Promise<Cost>>;
  await spawnImport(SPECIFIERS.ours); // fills the OS file cache: we measure module cost, not disk
  const runs = await interleave(ROUNDS, contenders);
  const stat = (k: Key, m: keyof Cost) => summarize(runs[k].map((c) => c[m]));
  const row = (m: keyof Cost, label: string): Result => {
    const ours = stat('ours', m);
    const peer = stat('peer', m);
    return { name: `cold import, ${label} (fresh process, timed around import())`, unit: 'ms', ours, peer,
      target: 'ours ≤ 0.8 × node-vault', met: ratio(ours, peer)! <= 0.8 };
  };
  const alone = (k: Key) => ({ wallMs: stat(k, 'wallMs').median, cpuMs: stat(k, 'cpuMs').median });
  return {
    results: [row('wallMs', 'wall time'), row('cpuMs', 'CPU time')],
    diagnostics: {
      coldImportAloneMedianMs: { zod: alone('zod'), axiosEsm: alone('axios'), axiosCjs: alone('axiosCjs'), pgFormat: alone('pgFormat') },
    },
  };
};
