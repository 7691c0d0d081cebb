import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import {
  AccountIdSchema, DbNameSchema, DbPasswordSchema, DbUserSchema, HostSchema, InstanceIdSchema, MountSchema, PortSchema, SslModeSchema, TtlSchema,
  bootstrapRoleBody, bootstrapRoleName, connectionBody, publicReadRoleBody, ttlOrder,
} from '../plan/index.js';
import { writeConnection } from '../vault/database.js';
import { applyCollaborator, planCollaborator, type CollaboratorRoleResult } from './apply-collaborator.js';
import { CollaboratorSpecSchema } from './collaborator-input.js';
import { parseInput, requireClient } from './parse-input.js';
import { reportingLostRace } from './lost-race.js';
import { applyPublicReadRole, removePublicReadRole, type PublicReadRoleResult } from './public-read-role.js';
import { runThroughTempRole } from './temp-role.js';

const InitInputSchema = z.strictObject({
  instanceId: InstanceIdSchema,
  adminAccountId: AccountIdSchema,
  dbHost: HostSchema,
  dbPort: PortSchema.default(5432),
  dbName: DbNameSchema,
  /** The instance's Postgres admin user that Vault connects as (superuser, or CREATEROLE + database owner). */
  vaultDbUsername: DbUserSchema,
  vaultDbPassword: DbPasswordSchema,
  /**
   * TLS mode of Vault's connection to Postgres. Default: `require` (never a silent
   * fallback to plaintext); local stacks without TLS pass `disable`.
   */
  sslmode: SslModeSchema.optional(),
  mount: MountSchema.default('database'),
  /** Lease TTLs of the admin collaborator's credentials. */
  adminTtl: TtlSchema.optional(),
  adminMaxTtl: TtlSchema.optional(),
  /**
   * Hand the connection user's existing tables, views and sequences in `public` to the
   * instance's admin group, so admin collaborators can ALTER them (e.g. run LaminDB
   * migrations). The connection user keeps full control as a member. Default: false.
   */
  adoptExistingTables: z.boolean().default(false),
  /**
   * The public-read role (finite TTL): `true` or `{ ttl?, maxTtl? }` creates or updates it,
   * `false` removes it with its policy and credentials. Default: leave it as it is (so a
   * re-run that does not mention it never removes it; a new instance has none).
   */
  publicRead: z.union([z.boolean(), z.strictObject({ ttl: TtlSchema.optional(), maxTtl: TtlSchema.optional() })
    .superRefine(ttlOrder('ttl', 'maxTtl'))], { error: 'must be true, false or { ttl?, maxTtl? }' }).optional(),
}).superRefine(ttlOrder('adminTtl', 'adminMaxTtl'));
/**
 * Input of {@link initInstanceVault}.
 * @interface
 */
export type InitInstanceVaultInput = z.input<typeof InitInputSchema>;

export interface InitInstanceVaultResult {
  instanceId: string;
  /** `<mount>/config/<instanceId>` */
  connectionPath: string;
  admin: CollaboratorRoleResult;
  /** The public-read role when this call created or updated it; `undefined` otherwise. */
  publicRead: PublicReadRoleResult | undefined;
}

/**
 * Sets up Vault for one LaminDB instance: the connection `<mount>/config/<instanceId>`
 * (verified against Postgres, templated credentials, SCRAM passwords, allowed
 * roles as the glob `<instanceId>-*` so adding collaborators never rewrites it),
 * the instance's Postgres group roles (through a temporary Vault role), and the
 * admin collaborator. Re-running converges and never removes collaborators.
 *
 * Minimal policy: see `renderServicePolicy('initInstanceVault')`.
 * @example
 * await initInstanceVault(client, { instanceId, adminAccountId, dbHost: 'db', dbName: 'lamin',
 *   vaultDbUsername: 'lamin_admin', vaultDbPassword: process.env.DB_PASSWORD! });
 */
export async function initInstanceVault(client: VaultClient, input: InitInstanceVaultInput): Promise<InitInstanceVaultResult> {
  requireClient(client);
  const i = parseInput(InitInputSchema, input);
  // Everything is rendered (and so validated) before the first request leaves.
  const connection = connectionBody({
    instanceId: i.instanceId, host: i.dbHost, port: i.dbPort, database: i.dbName,
    username: i.vaultDbUsername, password: i.vaultDbPassword,
    ...(i.sslmode === undefined ? {} : { sslmode: i.sslmode }),
  });
  const bootstrap = bootstrapRoleBody(i.instanceId, { adoptExistingTables: i.adoptExistingTables });
  const adminSpec = parseInput(CollaboratorSpecSchema, {
    instanceId: i.instanceId, accountId: i.adminAccountId, role: 'admin', mount: i.mount,
    ...(i.adminTtl === undefined ? {} : { ttl: i.adminTtl }),
    ...(i.adminMaxTtl === undefined ? {} : { maxTtl: i.adminMaxTtl }),
  });
  const adminPlan = planCollaborator(adminSpec);
  const publicRead = i.publicRead === undefined || i.publicRead === false
    ? undefined
    : { instanceId: i.instanceId, mount: i.mount, ...(i.publicRead === true ? {} : i.publicRead) };
  if (publicRead) publicReadRoleBody(publicRead);

  // Two inits of one instance at once (e.g. two hub replicas): the loser says so.
  return reportingLostRace(`the setup of instance ${i.instanceId}`, async () => {
    await writeConnection(client, i.mount, i.instanceId, connection);
    await runThroughTempRole(client, i.mount, bootstrapRoleName(i.instanceId), bootstrap);
    const admin = await applyCollaborator(client, adminSpec, adminPlan);
    if (i.publicRead === false) await removePublicReadRole(client, i);
    return {
      instanceId: i.instanceId,
      connectionPath: `${i.mount}/config/${i.instanceId}`,
      admin,
      publicRead: publicRead && (await applyPublicReadRole(client, publicRead)),
    };
  });
}
