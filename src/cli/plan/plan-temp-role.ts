import type { RoleBody } from '../../plan/index.js';
import { mountPath, step, type PlanStep } from './plan-step.js';

/** The requests of running SQL through a temporary role (see operations/temp-role.ts). */
export function tempRoleSteps(mount: string, role: string, body: RoleBody, what: string): PlanStep[] {
  return [
    step('POST', mountPath(mount, 'roles', role), `temporary role whose creation statements ${what}`, { ...body }),
    step('GET', mountPath(mount, 'creds', role), 'one credential issue runs those statements in PostgreSQL'),
    { method: 'POST', path: '/v1/sys/leases/revoke', why: 'revocation drops the temporary user again',
      body: { lease_id: `<lease of ${role}>`, sync: true } },
    step('DELETE', mountPath(mount, 'roles', role), 'remove the temporary role'),
  ];
}
