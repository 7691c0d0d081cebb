/**
 * Everything that exists for one instance, in Vault and in PostgreSQL, as one comparable
 * value: the convergence tests compare it with what the operation was asked to produce.
 */
import type pg from 'pg';
import { listCollaboratorRoles, type VaultClient } from '../../src/index.js';
import { groupRoleName } from '../../src/plan/index.js';

export interface InstanceState {
  connection: boolean;
  /** Every Vault role whose name starts with the instance id (collaborators, temporary roles, ...). */
  roles: string[];
  /** Collaborators as `<accountId>:<level>`. */
  levels: string[];
  /** ACL policies whose name starts with the instance id. */
  policies: string[];
  /** Outstanding credential leases per role. */
  leases: Record<string, number>;
  /** Dynamic PostgreSQL users of the instance. */
  users: string[];
  /** The instance's PostgreSQL group roles. */
  groups: string[];
}

const sorted = (xs: string[]): string[] => [...xs].sort();

async function leasesOf(root: VaultClient, iid: string): Promise<Record<string, number>> {
  const prefixes = (await root.list(['sys', 'leases', 'lookup', 'database', 'creds'])).filter((k) => k.startsWith(iid));
  const out: Record<string, number> = {};
  for (const prefix of prefixes) {
    const role = prefix.replace(/\/$/, '');
    const ids = await root.list(['sys', 'leases', 'lookup', 'database', 'creds', role]);
    if (ids.length > 0) out[role] = ids.length;
  }
  return out;
}

/** Reads the whole state of instance `iid` (root token; `owner` connected to its database). */
export async function instanceState(root: VaultClient, owner: pg.Client, iid: string): Promise<InstanceState> {
  const hex = iid.replaceAll('-', '');
  const [config, roleKeys, policyKeys, leases, users, groups, collaborators] = await Promise.all([
    root.read(['database', 'config', iid]).then(() => true, () => false),
    root.list(['database', 'roles']),
    root.list(['sys', 'policies', 'acl']),
    leasesOf(root, iid),
    owner.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`v-${hex}%`]),
    owner.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`lamin_${hex}_%`]),
    listCollaboratorRoles(root, { instanceId: iid }, { withLevels: true }),
  ]);
  return {
    connection: config,
    roles: sorted(roleKeys.filter((k) => k.startsWith(iid))),
    levels: sorted(collaborators.map((c) => `${c.accountId}:${c.level ?? 'unrecognised'}`)),
    policies: sorted(policyKeys.filter((k) => k.startsWith(iid))),
    leases,
    users: sorted(users.rows.map((r) => r.rolname)),
    groups: sorted(groups.rows.map((r) => r.rolname)),
  };
}

/** The four group roles of an instance, sorted. */
export const allGroups = (iid: string): string[] => sorted((['read', 'write', 'admin', 'delete'] as const).map((k) => groupRoleName(iid, k)));

/** The state of an instance whose collaborators are `levels` (`accountId → level`) and nothing else. */
export function expectedState(iid: string, levels: Record<string, string>, extra: Partial<InstanceState> = {}): InstanceState {
  const roles = Object.keys(levels).map((aid) => `${iid}-${aid}-db`);
  return {
    connection: true,
    roles: sorted(roles),
    levels: sorted(Object.entries(levels).map(([aid, level]) => `${aid}:${level}`)),
    policies: sorted(roles.map((r) => `${r}-policy`)),
    leases: {},
    users: [],
    groups: allGroups(iid),
    ...extra,
  };
}
