import type { VaultClient } from '../http/index.js';
import { collaboratorRoleBody, credsPolicy, policyName, roleName, type Level, type RoleBody } from '../plan/index.js';
import { readRole, writeRole } from '../vault/database.js';
import { deletePolicy, writePolicy } from '../vault/policies.js';
import { LaminVaultConflictError } from '../errors.js';
import type * as z from 'zod';
import type { CollaboratorSpecSchema } from './collaborator-input.js';

type Spec = z.output<typeof CollaboratorSpecSchema>;

/** What a collaborator operation wrote. */
export interface CollaboratorRoleResult {
  instanceId: string;
  accountId: string;
  level: Level;
  /** Vault role, `<instanceId>-<accountId>-db`. */
  roleName: string;
  /** Policy that may read exactly this role's credentials. */
  policyName: string;
}

/** What a collaborator's role and policy writes consist of. */
export interface CollaboratorPlan {
  role: string;
  policy: string;
  body: RoleBody;
  hcl: string;
}

export function planCollaborator(spec: Spec): CollaboratorPlan {
  const role = roleName(spec.instanceId, spec.accountId);
  const body = collaboratorRoleBody({
    instanceId: spec.instanceId,
    level: spec.role,
    allowDelete: spec.allowDelete,
    ...(spec.ttl === undefined ? {} : { ttl: spec.ttl }),
    ...(spec.maxTtl === undefined ? {} : { maxTtl: spec.maxTtl }),
  });
  return { role, policy: policyName(role), body, hcl: credsPolicy(spec.mount, role) };
}

/**
 * Writes role then policy, and reads the role back: some servers kept old
 * statements on rewrite (field failure C19), so a write is only trusted once seen.
 */
export async function applyCollaborator(
  client: VaultClient,
  spec: Spec,
  plan: CollaboratorPlan = planCollaborator(spec),
): Promise<CollaboratorRoleResult> {
  await writeRole(client, spec.mount, plan.role, plan.body);
  await writePolicy(client, plan.policy, plan.hcl);
  const stored = await readRole(client, spec.mount, plan.role);
  if (!stored || !sameStatements(stored.creation_statements, plan.body.creation_statements)) {
    // Almost always another writer of the same collaborator in between (the last writer
    // wins); a server that kept old statements (C19) looks the same from here. A delete that
    // won leaves no role: the policy written here must not outlive it.
    if (!stored) await deletePolicy(client, plan.policy);
    throw new LaminVaultConflictError(
      `collaborator role ${plan.role} changed while it was written (a concurrent create, update or delete, ` +
        `or a server that kept the old statements): Vault does not hold level ${spec.role} now; re-run to converge`,
    );
  }
  return {
    instanceId: spec.instanceId,
    accountId: spec.accountId,
    level: spec.role,
    roleName: plan.role,
    policyName: plan.policy,
  };
}

export function sameStatements(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((statement, i) => statement.trim() === b[i]?.trim());
}
