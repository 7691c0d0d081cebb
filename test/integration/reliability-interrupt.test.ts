/**
 * Issue #7, interrupted operations: for every step N of an operation, the proxy lets N
 * requests through, kills the connection of request N after Vault has acted on it, and
 * resets every later one. The operation must fail with a typed error; running it again
 * (directly) must converge to exactly the intended state in Vault and PostgreSQL: roles,
 * levels, policies, leases, dynamic users and group roles.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCollaboratorRole, deleteCollaboratorRole, deleteInstanceVault, generateDbCredentials, initInstanceVault,
  isLaminVaultError, updateCollaboratorRole, type VaultClient,
} from '../../src/index.js';
import { startFaultRig, type FaultRig } from '../reliability/fault-rig.js';
import { figure, flushFigures, timed } from '../reliability/figures.js';
import { expectedState, instanceState, type InstanceState } from '../reliability/instance-state.js';

let rig: FaultRig;
beforeAll(async () => {
  rig = await startFaultRig();
});
afterAll(async () => {
  flushFigures(import.meta.filename);
  await rig?.close();
});

interface Ctx {
  iid: string;
  admin: string;
  aid: string;
  /** The admin's live credentials (prepared() issues them; they must survive). */
  adminUser?: string;
}
interface Scenario {
  name: string;
  /** Sets up what the operation starts from (directly, not through the proxy). */
  prepare(): Promise<Ctx>;
  run(client: VaultClient, ctx: Ctx): Promise<unknown>;
  expected(ctx: Ctx): InstanceState;
}

function init(client: VaultClient, iid: string, admin: string) {
  const pg = rig.stack.postgres;
  return initInstanceVault(client, {
    instanceId: iid, adminAccountId: admin, dbHost: pg.hostForVault, dbPort: pg.portForVault, dbName: rig.inst.database,
    vaultDbUsername: rig.inst.ownerUser, vaultDbPassword: pg.adminPassword, sslmode: 'disable',
  });
}

/** A new instance on the shared database; with `level`, a collaborator holding live credentials. */
async function prepared(level?: 'read' | 'write' | 'admin'): Promise<Ctx> {
  const ctx: Ctx = { iid: randomUUID(), admin: randomUUID(), aid: randomUUID() };
  await init(rig.root, ctx.iid, ctx.admin);
  if (level) {
    await createCollaboratorRole(rig.root, { instanceId: ctx.iid, accountId: ctx.aid, role: level });
    await generateDbCredentials(rig.root, { instanceId: ctx.iid, accountId: ctx.aid });
    ctx.adminUser = (await generateDbCredentials(rig.root, { instanceId: ctx.iid, accountId: ctx.admin })).username;
  }
  return ctx;
}

/** The admin's credentials issued by prepared() stay: one lease, one user. */
const adminLive = (x: Ctx) => ({ leases: { [`${x.iid}-${x.admin}-db`]: 1 }, users: [x.adminUser ?? ''] });

const SCENARIOS: Scenario[] = [
  {
    name: 'initInstanceVault',
    prepare: async () => ({ iid: randomUUID(), admin: randomUUID(), aid: '' }),
    run: (c, x) => init(c, x.iid, x.admin),
    expected: (x) => expectedState(x.iid, { [x.admin]: 'admin' }),
  },
  {
    name: 'createCollaboratorRole',
    prepare: () => prepared(),
    run: (c, x) => createCollaboratorRole(c, { instanceId: x.iid, accountId: x.aid, role: 'write' }),
    expected: (x) => expectedState(x.iid, { [x.admin]: 'admin', [x.aid]: 'write' }),
  },
  {
    name: 'updateCollaboratorRole (admin → read, old credentials revoked)',
    prepare: () => prepared('admin'),
    run: (c, x) => updateCollaboratorRole(c, { instanceId: x.iid, accountId: x.aid, role: 'read' }),
    expected: (x) => expectedState(x.iid, { [x.admin]: 'admin', [x.aid]: 'read' }, adminLive(x)),
  },
  {
    name: 'deleteCollaboratorRole',
    prepare: () => prepared('write'),
    run: (c, x) => deleteCollaboratorRole(c, { instanceId: x.iid, accountId: x.aid }),
    expected: (x) => expectedState(x.iid, { [x.admin]: 'admin' }, adminLive(x)),
  },
  {
    name: 'deleteInstanceVault (dropGroupRoles)',
    prepare: () => prepared('read'),
    run: (c, x) => deleteInstanceVault(c, { instanceId: x.iid, dropGroupRoles: true }),
    expected: () => ({ connection: false, roles: [], levels: [], policies: [], leases: {}, users: [], groups: [] }),
  },
];

/** Lets `n` requests through, kills request `n` after Vault acted on it, resets the rest. */
function interruptAt(n: number): void {
  rig.proxy.rule(({ index }) => (index < n ? { kind: 'pass' } : index === n ? { kind: 'reset-after' } : { kind: 'reset-before' }));
}

describe('an operation interrupted at every step, then re-run, converges', () => {
  it.each(SCENARIOS)('$name', async (scenario) => {
    rig.reset();
    await scenario.run(rig.through(), await scenario.prepare());
    const steps = rig.proxy.log.map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/g, '…')}`);
    const problems: string[] = [];
    for (let n = 0; n < steps.length; n++) {
      const ctx = await scenario.prepare();
      rig.reset();
      interruptAt(n);
      const first = await timed(() => scenario.run(rig.through({ retry: { limit: 0 } }), ctx));
      rig.reset();
      const rerun = await timed(() => scenario.run(rig.root, ctx));
      const expected = scenario.expected(ctx);
      const state = await instanceState(rig.root, rig.inst.owner, ctx.iid);
      const where = `step ${n} (${steps[n]})`;
      if (!isLaminVaultError(first.error)) problems.push(`${where}: interrupted run ended with ${first.error ? String(first.error) : 'success'}`);
      if (rerun.error) problems.push(`${where}: re-run failed: ${String(rerun.error)}`);
      else if (JSON.stringify(state) !== JSON.stringify(expected)) problems.push(`${where}: state ${diff(state, expected)}`);
    }
    figure(`${scenario.name}: steps`, steps.length);
    if (problems.length > 0) expect.fail(`${problems.length} of ${steps.length} interruptions did not converge:\n${problems.join('\n')}`);
  });
});

function diff(actual: InstanceState, expected: InstanceState): string {
  const keys = Object.keys(expected) as (keyof InstanceState)[];
  return keys
    .filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(expected[k]))
    .map((k) => `${k}: ${JSON.stringify(actual[k])} (expected ${JSON.stringify(expected[k])})`)
    .join('; ')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…');
}
