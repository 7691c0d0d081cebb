/**
 * Cold import: a fresh `node` importing the package, minus a fresh `node` importing nothing
 * (same flags), paired per round. Also each runtime dependency alone, to say who costs what.
 */
import { spawnSync } from 'node:child_process';
import type { Scenario } from '../lib/context.js';
import { BENCH_DIR } from '../lib/ours.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, QUICK, summarize } from '../lib/stats.js';

const ROUNDS = QUICK ? 3 : 15;

/** Wall time of one fresh process importing `specifiers` (none: an empty program), in ms. */
function spawnImport(...specifiers: string[]): number {
  const code = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join('') || '0';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: BENCH_DIR, stdio: 'inherit' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`importing ${specifiers.join(', ') || 'nothing'} failed`);
  return ms;
}

const SPECIFIERS = {
  ours: ['lamin-vault'],
  peer: ['node-vault'],
  zod: ['zod'],
  axios: ['axios'],
  pgFormat: ['pg-format'],
  zodAndAxios: ['zod', 'axios'],
} as const;

export const coldImport: Scenario = async () => {
  const contenders = Object.fromEntries(
    Object.entries(SPECIFIERS).map(([k, spec]) => [k, async () => spawnImport(...spec) - spawnImport()]),
  ) as Record<keyof typeof SPECIFIERS, () => Promise<number>>;
  spawnImport('lamin-vault'); // fills the OS file cache: we measure module cost, not disk
  const runs = await interleave(ROUNDS, contenders);
  const ours = summarize(runs.ours);
  const peer = summarize(runs.peer);
  const result: Result = {
    name: "cold import (fresh process, minus an empty one)",
    unit: 'ms', ours, peer,
    target: 'ours ≤ 0.8 × node-vault',
    met: ratio(ours, peer)! <= 0.8,
  };
  const net = (k: keyof typeof SPECIFIERS) => summarize(runs[k]);
  return {
    results: [result],
    diagnostics: {
      coldImportMs: { zod: net('zod'), axios: net('axios'), pgFormat: net('pgFormat'), zodAndAxios: net('zodAndAxios') },
    },
  };
};
