import { randomUUID } from 'node:crypto';
import { VaultClient } from '../../src/index.js';
import { startVaultStack, type VaultStack } from '../../src/testing/index.js';
import { externalStackConfigured } from '../../src/testing/external-stack.js';
import { adminCreatesTable, downgradeWriter, removeReader } from './change-steps.js';
import { containersOfRun } from './containers.js';
import { DemoDatabase } from './database.js';
import { EXPECTED, LEVELS, sameRow, type Matrix } from './matrix.js';
import { Reporter } from './reporter.js';
import { addCollaborators, initInstance, proveMatrix } from './setup-steps.js';
import type { DemoState } from './state.js';
import { deleteInstance, leftoverRoles } from './teardown-steps.js';

/** The demo's JSON summary (last line of stdout with `--json`). */
export interface DemoSummary {
  ok: boolean;
  vault: string;
  postgres: string;
  steps: Reporter['steps'];
  matrix: Partial<Matrix>;
  leftoverRoles: number;
  containersLeft: number;
  ms: number;
}

async function startStack(r: Reporter, postgresMajor: 15 | 17): Promise<{ stack: VaultStack; db: DemoDatabase }> {
  const external = externalStackConfigured();
  return r.step(external ? 'attach to the stack in VAULT_ADDR / DATABASE_URL' : `start OpenBao and PostgreSQL ${postgresMajor} (containers)`, async (ctx) => {
    const stack = await startVaultStack({ postgresMajor });
    try {
      const db = await DemoDatabase.create(stack);
      ctx.say(`${stack.vault.version} at ${stack.vault.address}; PostgreSQL ${await db.serverVersion()}, database ${db.name} with a LaminDB-like schema`);
      return { stack, db };
    } catch (error) {
      await stack.stop();
      throw error;
    }
  });
}

/** Steps 1-6; the first failure that throws ends them (checks that fail do not). */
async function lifecycle(r: Reporter, s: DemoState): Promise<void> {
  await initInstance(r, s);
  await addCollaborators(r, s);
  await proveMatrix(r, s);
  await adminCreatesTable(r, s);
  await downgradeWriter(r, s);
  await removeReader(r, s);
}

/** Runs the whole demo; never throws, the summary says what held. */
export async function runDemo(write: (line: string) => void, postgresMajor: 15 | 17): Promise<DemoSummary> {
  const started = performance.now();
  const run = `demo-${randomUUID()}`;
  process.env.LAMIN_VAULT_TEST_RUN = run; // label this demo's containers (see containers.ts)
  const r = new Reporter(write);
  const summary: DemoSummary = { ok: false, vault: '', postgres: '', steps: r.steps, matrix: {}, leftoverRoles: -1, containersLeft: -1, ms: 0 };
  const env = await startStack(r, postgresMajor).catch(() => undefined);
  if (!env) {
    summary.ms = Math.round(performance.now() - started);
    return summary;
  }
  const { stack, db } = env;
  // Ctrl-C must not leave containers behind.
  const interrupt = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  summary.vault = stack.vault.version;
  summary.postgres = await db.serverVersion();
  const s: DemoState = { stack, client: new VaultClient(stack.client()), db, instanceId: randomUUID(), creds: {}, sessions: {}, matrix: summary.matrix };
  try {
    await lifecycle(r, s).catch(() => undefined);
    await deleteInstance(r, s).catch(() => undefined);
  } finally {
    await r.step('nothing is left: no instance role in PostgreSQL, no container running', async (ctx) => {
      summary.leftoverRoles = await leftoverRoles(s, ctx);
      await db.close();
      await stack.stop();
      process.off('SIGINT', interrupt);
      summary.containersLeft = externalStackConfigured() ? 0 : await containersOfRun(run);
      ctx.check(summary.containersLeft === 0, `stack.stop() left ${summary.containersLeft} container(s)`);
    }).catch(() => undefined);
  }
  const matrixOk = LEVELS.every((level) => summary.matrix[level] && sameRow(summary.matrix[level], EXPECTED[level]));
  summary.ok = r.allOk && r.steps.length === 9 && matrixOk && summary.leftoverRoles === 0 && summary.containersLeft === 0;
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
