/**
 * Cold import: a fresh `node` per sample, timing just the `import()` inside it (wall and CPU).
 * That is "fresh process minus an empty one" without the noise of process start-up, which on
 * a loaded machine swamps the difference. A second row times up to the first answer (import,
 * client, one read from the instant fake server), so deferring work past the import cannot
 * pass for a saving. Each runtime dependency alone says who costs what.
 */
import { execFileSync } from 'node:child_process';
import type { Scenario } from '../lib/context.js';
import { startFakeVault } from '../lib/fake-vault.js';
import { BENCH_DIR } from '../lib/ours.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, QUICK, summarize, type Cost } from '../lib/stats.js';

const ROUNDS = QUICK ? 3 : 15;
const READ_PATH = 'sys/policies/acl/bench-policy';

const PROGRAM = (body: string) => `
const c0 = process.cpuUsage(), t0 = performance.now();
${body}
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }));
process.exit(0);`;

const importOnly = (specs: readonly string[]) => specs.map((s) => `await import(${JSON.stringify(s)});`).join('\n');

/** Import, make a client as each README shows, read one policy. */
const FIRST_ANSWER = {
  ours: (address: string) => `
const { VaultClient } = await import('lamin-vault');
await new VaultClient({ address: '${address}', token: 'bench-token' }).read('${READ_PATH}'.split('/'));`,
  peer: (address: string) => `
const { default: nodeVault } = await import('node-vault');
await nodeVault({ apiVersion: 'v1', endpoint: '${address}', token: 'bench-token' }).read('${READ_PATH}');`,
};

/** Runs in {@link BENCH_DIR}, where `lamin-vault` is the build under test. */
const spawnProgram = async (body: string): Promise<Cost> =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PROGRAM(body)], { cwd: BENCH_DIR, encoding: 'utf8' })) as Cost;

const SPECIFIERS = {
  ours: ['lamin-vault'],
  peer: ['node-vault'],
  zod: ['zod'],
  axios: ['axios'],
  pgFormat: ['pg-format'],
  axiosCjs: ['data:text/javascript,import{createRequire}from"node:module";createRequire(process.cwd()+"/")("axios")'],
} as const;
type Key = keyof typeof SPECIFIERS | 'oursFirstAnswer' | 'peerFirstAnswer';

export const coldImport: Scenario = async () => {
  const fake = await startFakeVault();
  try {
    const contenders = {
      ...Object.fromEntries(Object.entries(SPECIFIERS).map(([k, specs]) => [k, () => spawnProgram(importOnly(specs))])),
      oursFirstAnswer: () => spawnProgram(FIRST_ANSWER.ours(fake.address)),
      peerFirstAnswer: () => spawnProgram(FIRST_ANSWER.peer(fake.address)),
    } as Record<Key, () => Promise<Cost>>;
    await contenders.oursFirstAnswer(); // fills the OS file cache: we measure module cost, not disk
    await contenders.peerFirstAnswer();
    const runs = await interleave(ROUNDS, contenders);
    const stat = (k: Key, m: keyof Cost) => summarize(runs[k].map((c) => c[m]));
    const row = (ours: Key, peer: Key, m: keyof Cost, label: string): Result => {
      const r = { name: label, unit: 'ms', ours: stat(ours, m), peer: stat(peer, m), target: 'ours ≤ 0.8 × node-vault' };
      return { ...r, met: ratio(r.ours, r.peer)! <= 0.8 };
    };
    const alone = (k: Key) => ({ wallMs: stat(k, 'wallMs').median, cpuMs: stat(k, 'cpuMs').median });
    return {
      results: [
        row('ours', 'peer', 'wallMs', 'cold import, wall time (fresh process, timed around import())'),
        row('ours', 'peer', 'cpuMs', 'cold import, CPU time (fresh process, timed around import())'),
        row('oursFirstAnswer', 'peerFirstAnswer', 'wallMs', 'cold start to first answer, wall time (import, client, one read from the instant server)'),
      ],
      diagnostics: {
        coldImportAloneMedianMs: { zod: alone('zod'), axiosEsm: alone('axios'), axiosCjs: alone('axiosCjs'), pgFormat: alone('pgFormat') },
        firstAnswerCpuMedianMs: { ours: alone('oursFirstAnswer').cpuMs, peer: alone('peerFirstAnswer').cpuMs },
      },
    };
  } finally {
    await fake.stop();
  }
};
