import { InstanceRefSchema, type InstanceRef } from '../../operations/instance-input.js';
import { parseInput } from '../../operations/parse-input.js';
import { teardownRoleBody, teardownRoleName } from '../../plan/index.js';
import { mountPath, step, type Plan, type PlanStep } from './plan-step.js';
import { tempRoleSteps } from './plan-temp-role.js';

/** `deleteInstanceVault`: per role leases, role, policy; optional teardown; connection last. */
export function planDeleteInstance(ref: InstanceRef, dropGroupRoles: boolean): Plan {
  const { instanceId, mount } = parseInput(InstanceRefSchema, ref);
  const role = `<role>`;
  const perRole: PlanStep[] = [
    { method: 'POST', path: `/v1/sys/leases/revoke-prefix/${mount}/creds/${role}`, why: 'revoke its leases (drops the users)', body: { sync: true } },
    { method: 'DELETE', path: `/v1/${mount}/roles/${role}`, why: 'delete the role' },
    { method: 'DELETE', path: `/v1/sys/policies/acl/${role}-policy`, why: 'delete its policy' },
  ];
  return {
    operation: 'delete-instance',
    steps: [
      step('LIST', mountPath(mount, 'roles'), `find the instance's roles: ${instanceId}-<account>-db and ${instanceId}-public-read-db`),
      ...perRole,
      ...(dropGroupRoles ? tempRoleSteps(mount, teardownRoleName(instanceId), teardownRoleBody(instanceId), 'drop the group roles') : []),
      step('DELETE', mountPath(mount, 'config', instanceId), 'delete the connection last (revocation needs it)'),
    ],
    notes: ['steps 2-4 repeat for every <role> the LIST returns'],
  };
}
