import * as z from 'zod';
import { LaminVaultValidationError } from '../errors.js';
import { InstanceIdSchema, LevelSchema } from './ids.js';
import { allowedRolesGlob, USERNAME_TEMPLATE } from './names.js';
import { connectionUrl, DbNameSchema, DbPasswordSchema, DbUserSchema, DEFAULT_SSLMODE, HostSchema, PortSchema, SslModeSchema } from './connection.js';
import { bootstrapStatements, collaboratorStatements, publicReadStatements, teardownStatements, type RoleStatements } from './sql.js';
import { DEFAULT_MAX_TTL, DEFAULT_TTL, TtlSchema, ttlSeconds, ttlsInOrder } from './ttl.js';

/** Body of `POST <mount>/roles/<role>` (wire field names). TTLs in seconds. */
export type RoleBody = {
  db_name: string;
  creation_statements: string[];
  revocation_statements: string[];
  default_ttl: number;
  max_ttl: number;
};

/** Body of `POST <mount>/config/<instanceId>` (wire field names). */
export type ConnectionBody = {
  plugin_name: 'postgresql-database-plugin';
  connection_url: string;
  username: string;
  password: string;
  password_authentication: 'scram-sha-256';
  username_template: string;
  allowed_roles: string[];
  verify_connection: true;
};

const parse = <S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw LaminVaultValidationError.fromZod(result.error, undefined, what);
  return result.data;
};

const ConnectionInputSchema = z.object({
  instanceId: InstanceIdSchema,
  host: HostSchema,
  port: PortSchema.default(5432),
  database: DbNameSchema,
  username: DbUserSchema,
  password: DbPasswordSchema,
  sslmode: SslModeSchema.default(DEFAULT_SSLMODE),
});
/** Input of {@link connectionBody}. */
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;

/**
 * The instance's connection config: templated URL, SCRAM passwords (C15), the
 * 63-byte-safe username template, and `allowed_roles` as the glob `<instanceId>-*`.
 * @throws LaminVaultValidationError naming the bad field (values are never echoed).
 */
export function connectionBody(input: ConnectionInput): ConnectionBody {
  const i = parse(ConnectionInputSchema, input, 'connection');
  return {
    plugin_name: 'postgresql-database-plugin',
    connection_url: connectionUrl(i.host, i.port, i.database, i.sslmode),
    username: i.username,
    password: i.password,
    password_authentication: 'scram-sha-256',
    username_template: USERNAME_TEMPLATE,
    allowed_roles: [allowedRolesGlob(i.instanceId)],
    verify_connection: true,
  };
}

const TTL_FIELDS = { ttl: TtlSchema.default(DEFAULT_TTL), maxTtl: TtlSchema.default(DEFAULT_MAX_TTL) };
const ttlInOrder = (t: { ttl: string; maxTtl: string }): boolean => ttlsInOrder(t.ttl, t.maxTtl);
const TTL_ORDER_ISSUE = { message: 'must not exceed maxTtl', path: ['ttl'] };

const roleBody = (instanceId: string, s: RoleStatements, ttl: string, maxTtl: string): RoleBody => ({
  db_name: instanceId,
  creation_statements: s.creation,
  revocation_statements: s.revocation,
  default_ttl: ttlSeconds(ttl),
  max_ttl: ttlSeconds(maxTtl),
});

const CollaboratorBodyInputSchema = z
  .object({ instanceId: InstanceIdSchema, level: LevelSchema, allowDelete: z.boolean().default(false), ...TTL_FIELDS })
  .refine(ttlInOrder, TTL_ORDER_ISSUE)
  .refine((i) => !(i.allowDelete && i.level === 'read'), { message: 'needs level write or admin', path: ['allowDelete'] });
/** Input of {@link collaboratorRoleBody}; TTLs default to 1h / 24h. */
export type CollaboratorBodyInput = z.input<typeof CollaboratorBodyInputSchema>;

/** Role of a collaborator at `level` (`allowDelete`: a write collaborator may DELETE). */
export function collaboratorRoleBody(input: CollaboratorBodyInput): RoleBody {
  const i = parse(CollaboratorBodyInputSchema, input, 'collaborator role');
  return roleBody(i.instanceId, collaboratorStatements(i.instanceId, i.level, { allowDelete: i.allowDelete }), i.ttl, i.maxTtl);
}

const PublicReadInputSchema = z.object({ instanceId: InstanceIdSchema, ...TTL_FIELDS }).refine(ttlInOrder, TTL_ORDER_ISSUE);
/** Input of {@link publicReadRoleBody}; TTLs default to 1h / 24h (always finite). */
export type PublicReadBodyInput = z.input<typeof PublicReadInputSchema>;

/** The public-read role: read level with a finite TTL and `VALID UNTIL`. */
export function publicReadRoleBody(input: PublicReadBodyInput): RoleBody {
  const i = parse(PublicReadInputSchema, input, 'public-read role');
  return roleBody(i.instanceId, publicReadStatements(i.instanceId), i.ttl, i.maxTtl);
}

/** Lease TTL of the temporary roles: long enough for one revoke, short if it is missed. */
const TEMP_TTL = '5m';

/**
 * Temporary role whose one credential issue runs the bootstrap SQL (groups and grants);
 * see {@link bootstrapStatements} for `adoptExistingTables` (default false).
 */
export function bootstrapRoleBody(instanceId: string, options: { adoptExistingTables?: boolean } = {}): RoleBody {
  const iid = parse(InstanceIdSchema, instanceId, 'instanceId');
  return roleBody(iid, bootstrapStatements(iid, options), TEMP_TTL, TEMP_TTL);
}

/** Temporary role whose one credential issue drops the instance's groups. */
export function teardownRoleBody(instanceId: string): RoleBody {
  const iid = parse(InstanceIdSchema, instanceId, 'instanceId');
  return roleBody(iid, teardownStatements(iid), TEMP_TTL, TEMP_TTL);
}
