/**
 * Provision 200 collaborators at concurrency 8: `createCollaboratorRole` against the same
 * five Vault requests issued raw, in the same order (read the connection and the role → 404
 * together, write role, write policy, read role back), with the bodies rendered beforehand
 * so the baseline pays for nothing but the wire.
 * Afterwards every role and policy must be listed: none lost.
 */
import type { BenchContext, Scenario } from '../lib/context.js';
import { axiosFloorClient } from '../lib/axios-floor.js';
import { rawClient, type RawClient } from '../lib/raw-client.js';
import { ratio, type Result } from '../lib/report.js';
import { interleave, measure, ROUNDS, runPool, scale, summarize, type Cost } from '../lib/stats.js';
import { collaboratorRoleBody, credsPolicy, policyName, roleName, type Level } from '../../src/plan/index.js';

export const COLLABORATORS = scale(200);
export const CONCURRENCY = 8;
const LEVELS: Level[] = ['read', 'write', 'admin'];
const MOUNT = 'database';

/** Account ids of one batch: slugs, unique per contender and round. */
export const accountIds = (prefix: string): string[] =>
  Array.from({ length: COLLABORATORS }, (_, i) => `${prefix}_${i}`);

export const levelOf = (i: number): Level => LEVELS[i % LEVELS.length]!;

async function provisionRaw(raw: RawClient, instanceId: string, ids: string[]): Promise<void> {
  const plans = ids.map((accountId, i) => {
    const role = roleName(instanceId, accountId);
    return { role, policy: policyName(role), body: collaboratorRoleBody({ instanceId, level: levelOf(i) }), hcl: credsPolicy(MOUNT, role) };
  });
  const expect = async (p: Promise<{ status: number }>, ok: number[]) => {
    const { status } = await p;
    if (!ok.includes(status)) throw new Error(`raw provisioning: HTTP ${status}`);
  };
  await runPool(plans.length, CONCURRENCY, async (i) => {
    const p = plans[i]!;
    await Promise.all([
      expect(raw.request('GET', `${MOUNT}/config/${instanceId}`), [200]),
      expect(raw.request('GET', `${MOUNT}/roles/${p.role}`), [404]),
    ]);
    await expect(raw.request('POST', `${MOUNT}/roles/${p.role}`, p.body), [200, 204]);
    await expect(raw.request('POST', `sys/policies/acl/${p.policy}`, { policy: p.hcl }), [200, 204]);
    await expect(raw.request('GET', `${MOUNT}/roles/${p.role}`), [200]);
  });
}

/** How many of the batch's roles or policies Vault does not list. */
async function countLost(raw: RawClient, instanceId: string, ids: string[]): Promise<number> {
  const list = async (path: string) => new Set<string>((await raw.request('LIST', path)).body?.data?.keys ?? []);
  const [roles, policies] = await Promise.all([list(`${MOUNT}/roles`), list('sys/policies/acl')]);
  return ids.filter((a) => !roles.has(roleName(instanceId, a)) || !policies.has(policyName(roleName(instanceId, a)))).length;
}

export const provision: Scenario = async (ctx: BenchContext) => {
  const { ours, stack, instance } = ctx;
  const { instanceId } = instance;
  const client = new ours.VaultClient(stack.client());
  const raw = rawClient(stack.vault.address, stack.vault.token);
  const floor = axiosFloorClient(stack.vault.address, stack.vault.token);
  let lost = 0;
  const run = (name: 'ours' | 'raw' | 'floor') => async (round: number) => {
    const ids = accountIds(`p${round}_${name}`);
    const cost = await measure(() => name === 'ours'
      ? runPool(ids.length, CONCURRENCY, (i) =>
          ours.createCollaboratorRole(client, { instanceId, accountId: ids[i]!, role: levelOf(i) }))
      : provisionRaw(name === 'raw' ? raw : floor, instanceId, ids));
    lost += await countLost(raw, instanceId, ids);
    return cost;
  };
  try {
    await provisionRaw(raw, instanceId, accountIds('warm_raw').slice(0, 16));
    await provisionRaw(floor, instanceId, accountIds('warm_floor').slice(0, 16));
    await runPool(16, CONCURRENCY, (i) => ours.createCollaboratorRole(client, { instanceId, accountId: `warm_ours_${i}`, role: 'read' }));
    const runs = await interleave(ROUNDS, { ours: run('ours'), raw: run('raw'), floor: run('floor') });
    const r = {
      name: `provision ${COLLABORATORS} collaborators at concurrency ${CONCURRENCY} (5 requests each)`,
      unit: 'ms',
      ours: summarize(runs.ours.map((c) => c.wallMs)), baseline: summarize(runs.raw.map((c) => c.wallMs)),
      floor: summarize(runs.floor.map((c) => c.wallMs)),
      target: `ours/raw ≤ 1.1; all ${COLLABORATORS} listed, 0 lost`,
      note: `${lost} of ${COLLABORATORS * ROUNDS * 3} collaborators lost across all runs`,
    };
    const result: Result = { ...r, met: ratio(r.ours, r.baseline)! <= 1.1 && lost === 0 };
    const cpuPerCollaborator = (costs: Cost[]) => summarize(costs.map((c) => (c.cpuMs * 1000) / COLLABORATORS));
    return {
      results: [result],
      diagnostics: { provisionLost: lost, provisionClientCpuUsPerCollaborator: {
        ours: cpuPerCollaborator(runs.ours), raw: cpuPerCollaborator(runs.raw), axiosFloor: cpuPerCollaborator(runs.floor),
      } },
    };
  } finally {
    client.close();
    raw.close();
    floor.close();
  }
};
