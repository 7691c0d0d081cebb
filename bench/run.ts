/**
 * Runs the benchmark scenarios against the private build and one stack, prints a markdown
 * table, and writes bench/latest.json. Started by scripts/bench.sh (`npm run bench`).
 * BENCH_ONLY=name,name runs a subset; BENCH_QUICK=1 shrinks counts; BENCH_PKG_DIR measures
 * another build. Those runs write next to the build (.tmp/...), not to bench/latest.json.
 */
import { join } from 'node:path';
import type { ScenarioOutput, Scenario } from './lib/context.js';
import { environment, machine } from './lib/env.js';
import { newInstance } from './lib/instance.js';
import { BENCH_DIR, isolateBenchDir, loadOurs, loadTesting, OTHER_BUILD, REPO_ROOT } from './lib/ours.js';
import { markdown, writeLatest, type Result } from './lib/report.js';
import { QUICK } from './lib/stats.js';
import { clientCost } from './scenarios/client-cost.js';
import { coldImport } from './scenarios/cold-import.js';
import { credentials } from './scenarios/credentials.js';
import { parallelReads } from './scenarios/parallel-reads.js';
import { provision } from './scenarios/provision.js';
import { rss } from './scenarios/rss.js';
import { sequentialReads } from './scenarios/sequential-reads.js';
import { size } from './scenarios/size.js';

const SCENARIOS: Record<string, Scenario> = {
  clientCost, sequentialReads, parallelReads, provision, credentials, coldImport, size, rss,
};
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const selected = Object.entries(SCENARIOS).filter(([name]) => !only || only.includes(name));
// Only a full run of the build bench.sh made may replace the committed results.
const outFile = QUICK || only || OTHER_BUILD ? join(BENCH_DIR, 'latest.json') : join(REPO_ROOT, 'bench', 'latest.json');
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

const startedAt = new Date();
const loadAtStart = machine().loadAverage;
isolateBenchDir();
const ours = await loadOurs();
const { startVaultStack } = await loadTesting();
log('starting the stack');
const stack = await startVaultStack();
const results: Result[] = [];
const diagnostics: Record<string, unknown> = {};
const errors: Record<string, string> = {};
try {
  const client = new ours.VaultClient(stack.client());
  const instance = await newInstance(ours, stack, client);
  client.close();
  log(`${stack.vault.version}, PostgreSQL ${stack.postgres.majorVersion}, instance ${instance.instanceId}`);
  for (const [name, scenario] of selected) {
    const t0 = performance.now();
    log(`${name} …`);
    let out: ScenarioOutput;
    try {
      out = await scenario({ ours, stack, instance });
    } catch (error) {
      errors[name] = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log(`${name} FAILED: ${errors[name]}`);
      continue;
    }
    results.push(...out.results);
    Object.assign(diagnostics, out.diagnostics);
    log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  await stack.stop();
}
const env = environment(stack, startedAt, loadAtStart);
writeLatest(outFile, results, env, { ...diagnostics, errors });
console.log(markdown(results));
console.log(`\n${env.cpu} (${env.cores} cores), ${env.os}, Node ${env.node}, ${env.server.vault}, ` +
  `PostgreSQL ${env.server.postgresMajor}; load ${env.loadAverageAtStart.join('/')} → ${env.loadAverage.join('/')}; ` +
  `medians of ${env.rounds} interleaved rounds (min–max). Written to ${outFile}.`);
if (Object.keys(errors).length > 0) process.exitCode = 1;
