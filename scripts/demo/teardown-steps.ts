import { connectionConfigExists, deleteInstanceVault, listCollaboratorRoles } from '../../src/index.js';
import type { Reporter } from './reporter.js';
import type { DemoState } from './state.js';

/** Step 7: everything the library made for the instance goes, group roles included. */
export async function deleteInstance(r: Reporter, s: DemoState): Promise<void> {
  await r.step('deleteInstanceVault (dropGroupRoles: true)', async (ctx) => {
    const result = await deleteInstanceVault(s.client, { instanceId: s.instanceId, dropGroupRoles: true });
    ctx.say(`deleted roles: ${result.deletedRoles.join(', ') || '(none)'}`);
    ctx.check(!(await connectionConfigExists(s.client, { instanceId: s.instanceId })), 'the connection is gone');
    ctx.check((await listCollaboratorRoles(s.client, { instanceId: s.instanceId })).length === 0, 'no role of the instance is left in Vault');
    const { rows } = await s.db.owner.query('SELECT tableowner FROM pg_tables WHERE tablename = $1', ['demo_notes']);
    ctx.check(rows.length === 1, `the admin's table survives (now owned by ${rows[0]?.tableowner ?? 'nobody'})`);
  });
}

/** Step 8 (first half): no dynamic or group role of the instance is left in PostgreSQL. */
export async function leftoverRoles(s: DemoState, ctx: { check(holds: boolean, what: string): boolean }): Promise<number> {
  const roles = await s.db.instanceRoles(s.instanceId);
  ctx.check(roles.length === 0, `no role of the instance in pg_roles${roles.length ? `: ${roles.join(', ')}` : ''}`);
  return roles.length;
}
