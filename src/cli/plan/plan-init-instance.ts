import { z } from 'zod';
import type { InitInstanceVaultInput } from '../../operations/init-instance-vault.js';
import { parseInput } from '../../operations/parse-input.js';
import {
  AccountIdSchema, DbNameSchema, HostSchema, InstanceIdSchema, MountSchema, PortSchema, SslModeSchema, TtlSchema,
  bootstrapRoleBody, bootstrapRoleName, connectionBody, credsPolicy, policyName, publicReadRoleBody, publicReadRoleName,
} from '../../plan/index.js';
import { collaboratorWriteSteps } from './plan-collaborator.js';
import { mountPath, step, type Plan, type PlanStep } from './plan-step.js';
import { tempRoleSteps } from './plan-temp-role.js';

// The fields the plan renders, validated as the operation would before any request.
const PlanInitSchema = z.object({
  instanceId: InstanceIdSchema,
  adminAccountId: AccountIdSchema,
  dbHost: HostSchema,
  dbPort: PortSchema.default(5432),
  dbName: DbNameSchema,
  vaultDbUsername: z.string().min(1).max(63),
  vaultDbPassword: z.string().min(1).max(1024),
  sslmode: SslModeSchema.optional(),
  mount: MountSchema.default('database'),
  adminTtl: TtlSchema.optional(),
  adminMaxTtl: TtlSchema.optional(),
  publicRead: z.boolean().default(false),
});

function publicReadSteps(mount: string, instanceId: string): PlanStep[] {
  const role = publicReadRoleName(instanceId);
  return [
    step('POST', mountPath(mount, 'roles', role), 'public-read role: read level, finite TTL', { ...publicReadRoleBody({ instanceId }) }),
    step('POST', ['sys', 'policies', 'acl', policyName(role)], 'policy for its credentials', { policy: credsPolicy(mount, role) }),
  ];
}

/** The requests `initInstanceVault` makes for this input (password masked). */
export function planInitInstance(input: InitInstanceVaultInput): Plan {
  const i = parseInput(PlanInitSchema, input);
  const connection = connectionBody({
    instanceId: i.instanceId, host: i.dbHost, port: i.dbPort, database: i.dbName,
    username: i.vaultDbUsername, password: i.vaultDbPassword, ...(i.sslmode === undefined ? {} : { sslmode: i.sslmode }),
  });
  const steps = [
    step('POST', mountPath(i.mount, 'config', i.instanceId), 'connection, verified against PostgreSQL by Vault', connection),
    ...tempRoleSteps(i.mount, bootstrapRoleName(i.instanceId), bootstrapRoleBody(i.instanceId), 'create the group roles'),
    ...collaboratorWriteSteps({
      instanceId: i.instanceId, accountId: i.adminAccountId, role: 'admin', mount: i.mount,
      ...(i.adminTtl === undefined ? {} : { ttl: i.adminTtl }),
      ...(i.adminMaxTtl === undefined ? {} : { maxTtl: i.adminMaxTtl }),
    }),
    ...(i.publicRead ? publicReadSteps(i.mount, i.instanceId) : []),
  ];
  return { operation: 'init-instance', steps };
}
