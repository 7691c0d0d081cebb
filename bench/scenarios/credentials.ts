/**
 * 200 credentials at concurrency 8, one per collaborator the provision scenario created
 * (its first `ours` batch): `generateDbCredentials` against raw `GET database/creds/<role>`
 * and node-vault. The first batch `ours` issues is then used to log in to PostgreSQL and
 * read a table, which is what "usable" means.
 */
import type { BenchContext, Scenario } from '../lib/context.js';
import { peerClient } from '../lib/peer.js';
import { rawClient } from '../lib/raw-client.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, measure, ROUNDS, runPool, summarize, type Cost } from '../lib/stats.js';
import { roleName } from '../../src/plan/index.js';
import { accountIds, COLLABORATORS, CONCURRENCY, levelOf } from './provision.js';

type Login = { username: string; password: string };

/** Logs in with each credential and reads a table; returns how many failed. */
async function countUnusable({ stack, instance }: BenchContext, logins: Login[]): Promise<number> {
  let failed = 0;
  await runPool(logins.length, CONCURRENCY, async (i) => {
    const { username: user, password } = logins[i]!;
    try {
      const pg = await stack.postgres.connect({ user, password, database: instance.database });
      await pg.query('SELECT count(*) FROM lnschema_core_artifact').finally(() => pg.end());
    } catch {
      failed++;
    }
  });
  return failed;
}

export const credentials: Scenario = async (ctx) => {
  const { ours, stack, instance } = ctx;
  const ids = accountIds('p0_ours');
  const client = new ours.VaultClient(stack.client());
  const raw = rawClient(stack.vault.address, stack.vault.token);
  const peer = peerClient(stack.vault.address, stack.vault.token);
  const paths = ids.map((a) => `database/creds/${roleName(instance.instanceId, a)}`);
  const issue = {
    ours: (i: number) => ours.generateDbCredentials(client, { instanceId: instance.instanceId, accountId: ids[i]! }),
    raw: async (i: number) => (await raw.read(paths[i]!)) as Login,
    peer: async (i: number) => ((await peer.read(paths[i]!)) as { data: Login }).data,
  };
  let firstBatch: Login[] | undefined;
  const run = (name: keyof typeof issue) => async () => {
    const got: Login[] = [];
    const cost = await measure(() => runPool(ids.length, CONCURRENCY, async (i) => {
      got.push(await issue[name](i));
    }));
    if (name === 'ours') firstBatch ??= got;
    return cost;
  };
  const perSecond = (costs: Cost[]) => summarize(costs.map((c) => (ids.length * 1000) / c.wallMs));
  const cpuPerCred = (costs: Cost[]) => summarize(costs.map((c) => (c.cpuMs * 1000) / ids.length));
  try {
    // Converges (no writes) when the provision scenario already made these roles.
    await runPool(ids.length, CONCURRENCY, (i) =>
      ours.createCollaboratorRole(client, { instanceId: instance.instanceId, accountId: ids[i]!, role: levelOf(i) }));
    for (const one of Object.values(issue)) await runPool(CONCURRENCY, CONCURRENCY, one);
    const runs = await interleave(ROUNDS, { ours: run('ours'), raw: run('raw'), peer: run('peer') });
    const unusable = await countUnusable(ctx, firstBatch ?? []);
    const r = {
      name: `${COLLABORATORS} credentials at concurrency ${CONCURRENCY}`,
      unit: 'creds/s',
      ours: perSecond(runs.ours), baseline: perSecond(runs.raw), peer: perSecond(runs.peer),
      target: `throughput ours/raw ≥ 0.95; all ${COLLABORATORS} log in`,
      note: `${COLLABORATORS - unusable} of ${COLLABORATORS} issued credentials logged in and read a table`,
    };
    const result: Result = { ...r, met: ratio(r.ours, r.baseline)! >= 0.95 && unusable === 0 };
    return {
      results: [result],
      diagnostics: {
        credentialsUnusable: unusable,
        credentialsClientCpuUsPerCred: { ours: cpuPerCred(runs.ours), raw: cpuPerCred(runs.raw), peer: cpuPerCred(runs.peer) },
      },
    };
  } finally {
    client.close();
    raw.close();
  }
};
