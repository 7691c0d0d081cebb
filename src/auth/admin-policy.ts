import * as z from 'zod';
import {
  COLLABORATOR_GRANTS, InstanceIdSchema, MountSchema, collaboratorStatements, globRule, publicReadRoleName, renderPolicy,
  type GlobPolicyRule,
} from '../plan/index.js';
import { parseInput } from '../operations/parse-input.js';

/** Distinct lists, first occurrence order kept. */
function distinct(lists: string[][]): string[][] {
  return [...new Map(lists.map((l) => [JSON.stringify(l), l])).values()];
}

/**
 * The rules of `<iid>-admin-db-policy`: what an instance admin's token may do. Fixed
 * template, never client text. Deliberately absent: any `sys/policies` path (the
 * original let admins rewrite their own policy), `list` on `<mount>/roles/` (it names
 * every instance), writes to the connection, and anything outside this instance.
 *
 * Role writes are pinned with `allowed_parameters`: `db_name` must be this instance and
 * the statements must be exactly one of the rendered level sets, so an admin token can
 * set a collaborator's level but never run its own SQL as the connection user.
 */
export function instanceAdminPolicyRules(instanceId: string, mount: string): GlobPolicyRule[] {
  // Every grant the library renders (the ones `detectLevel` recognises), nothing else.
  const sets = COLLABORATOR_GRANTS.map((v) => collaboratorStatements(instanceId, v.level, { allowDelete: v.allowDelete }));
  const prefix = `${instanceId}-`;
  return [
    { path: `${mount}/config/${instanceId}`, capabilities: ['read'], comment: 'read (never write) the connection' },
    {
      path: `${mount}/roles/${prefix}*`,
      capabilities: ['create', 'read', 'update', 'delete'],
      comment: 'collaborator roles of this instance, statements pinned to the rendered level sets',
      allowedParameters: {
        db_name: [instanceId],
        creation_statements: distinct(sets.map((s) => s.creation)),
        revocation_statements: distinct(sets.map((s) => s.revocation)),
        default_ttl: [],
        max_ttl: [],
      },
    },
    {
      path: `${mount}/roles/${publicReadRoleName(instanceId)}`,
      capabilities: ['read'],
      comment: 'exact path wins over the glob: the public-read role cannot be raised to another level',
    },
    { path: `${mount}/creds/${prefix}*`, capabilities: ['read'], comment: 'credentials of this instance only' },
    {
      path: `sys/leases/revoke-prefix/${mount}/creds/${prefix}*`,
      capabilities: ['update', 'sudo'],
      comment: "revoke this instance's leases (e.g. before deleting a role)",
    },
  ];
}

/**
 * HCL of the per-instance admin policy `<instanceId>-admin-db-policy`.
 * @example
 * renderInstanceAdminPolicy('6f1c…', 'database'); // path "database/config/6f1c…" { capabilities = ["read"] } …
 */
export function renderInstanceAdminPolicy(instanceId: string, mount = 'database'): string {
  const input = parseInput(z.object({ instanceId: InstanceIdSchema, mount: MountSchema }), { instanceId, mount });
  return renderPolicy(instanceAdminPolicyRules(input.instanceId, input.mount).map(globRule));
}
