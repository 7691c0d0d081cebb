import { planCollaborator } from '../../operations/apply-collaborator.js';
import { CollaboratorRefSchema, CollaboratorSpecSchema, type CollaboratorRef, type CollaboratorSpec } from '../../operations/collaborator-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { policyName, roleName } from '../../plan/index.js';
import { mountPath, step, type Plan, type PlanStep } from './plan-step.js';

const revokePrefix = (mount: string, role: string, why: string): PlanStep =>
  step('POST', ['sys', 'leases', 'revoke-prefix', ...mountPath(mount, 'creds', role)], why, { sync: true });

/** Role + policy writes of one collaborator (shared with init-instance's admin). */
export function collaboratorWriteSteps(spec: CollaboratorSpec): PlanStep[] {
  const parsed = parseInput(CollaboratorSpecSchema, spec);
  const { role, policy, body, hcl } = planCollaborator(parsed);
  return [
    step('POST', mountPath(parsed.mount, 'roles', role), `role with the SQL of level ${parsed.role}`, { ...body }),
    step('POST', ['sys', 'policies', 'acl', policy], `policy that may read exactly ${parsed.mount}/creds/${role}`, { policy: hcl }),
    step('GET', mountPath(parsed.mount, 'roles', role), 'read the role back: a write is trusted once seen'),
  ];
}

/** `collaborator set`: create or update, revoking old credentials when the level changes. */
export function planCollaboratorSet(spec: CollaboratorSpec, revokeExisting: boolean): Plan {
  const parsed = parseInput(CollaboratorSpecSchema, spec);
  const role = roleName(parsed.instanceId, parsed.accountId);
  const steps = [step('GET', mountPath(parsed.mount, 'roles', role), 'read the current level, if any'), ...collaboratorWriteSteps(spec)];
  if (revokeExisting) steps.push(revokePrefix(parsed.mount, role, 'only if the level changed: end credentials issued under the old one'));
  return { operation: 'collaborator set', steps };
}

/** `collaborator delete`: leases first (their revocation needs the role), then role and policy. */
export function planCollaboratorDelete(ref: CollaboratorRef): Plan {
  const { instanceId, accountId, mount } = parseInput(CollaboratorRefSchema, ref);
  const role = roleName(instanceId, accountId);
  return {
    operation: 'collaborator delete',
    steps: [
      revokePrefix(mount, role, 'revoke every lease: drops the users and ends their sessions'),
      step('DELETE', mountPath(mount, 'roles', role), 'delete the role'),
      step('DELETE', ['sys', 'policies', 'acl', policyName(role)], 'delete its policy'),
    ],
  };
}
