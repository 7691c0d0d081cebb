import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { LaminVaultConflictError } from '../errors.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { collaboratorsPolicyName } from '../plan/index.js';
import { writePolicy } from '../vault/policies.js';
import { AccountIdSchema, InstanceIdSchema, MountSchema, TtlSchema } from './inputs.js';
import { applyJwtAdminRole, jwtRoleBody } from './jwt-roles.js';
import { renderCollaboratorsPolicy } from './jwt-policy.js';
import { enableAuthMethod, readAuthMount, readJwtConfig, writeJwtConfig, writeJwtRole, type JwtConfig } from './vault-jwt.js';

const Pem = z.string().min(1).max(16_384).includes('-----BEGIN', { message: 'must be a PEM public key' });

const ConfigureJwtSchema = z.strictObject({
  instanceId: InstanceIdSchema,
  /** Path of the JWT auth method. Default: `jwt`. */
  mount: MountSchema.default('jwt'),
  /** Database secrets engine mount. Default: `database`. */
  databaseMount: MountSchema.default('database'),
  /** Where the IdP publishes its keys (Supabase, Auth0 …). One of `jwksUrl`, `jwtValidationPubkeys`. */
  jwksUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine((u) => { const { username, password } = new URL(u); return !username && !password; }, 'must not contain credentials')
    .optional(),
  /** PEM public keys that may sign tokens. */
  jwtValidationPubkeys: z.array(Pem).min(1).max(16).optional(),
  /** Required `iss`. */
  boundIssuer: z.string().min(1).max(1024),
  /** Accepted `aud` values; always set (a role without them breaks on Vault 1.16.3+, C30). */
  boundAudiences: z.array(z.string().min(1).max(1024)).min(1).max(16),
  /** Seconds of clock skew tolerated on `iat`/`nbf`/`exp`; `-1` none, `0` Vault's default (60 s / 150 s). */
  clockSkewLeewaySeconds: z.number().int().min(-1).max(600).optional(),
  /** Signing algorithms accepted (never `none`). Default: `['RS256']`. */
  supportedAlgs: z.array(z.enum(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA'])).min(1).default(['RS256']),
  /**
   * Account ids (JWT `sub`) that may log in as instance admins at role `<iid>-admin`,
   * which carries only `<iid>-admin-db-policy`. `[]` removes that role. Default: untouched.
   */
  adminSubjects: z.array(AccountIdSchema).max(256).optional(),
  /** Lifetime of login tokens. Default: `1h`; hard cap `maxTtl` (default `4h`). */
  ttl: TtlSchema.default('1h'),
  maxTtl: TtlSchema.default('4h'),
  /**
   * The mount's config (issuer, keys, algorithms) is shared by every instance on it. When it
   * holds other values, the call is a `LaminVaultConflictError` unless this is `true`, which
   * replaces them for every instance on the mount. Default: false.
   */
  replaceSharedConfig: z.boolean().default(false),
}).refine((i) => (i.jwksUrl === undefined) !== (i.jwtValidationPubkeys === undefined), {
  message: 'give exactly one of jwksUrl and jwtValidationPubkeys', path: ['jwksUrl'],
});
/**
 * Input of {@link configureJwtAuth}.
 * @interface
 */
export type ConfigureJwtAuthInput = z.input<typeof ConfigureJwtSchema>;
export type ConfigureJwtAuthSpec = z.output<typeof ConfigureJwtSchema>;

export interface JwtAuthSetup {
  /** Auth method path, e.g. `jwt`. */
  mount: string;
  /** Mount accessor the templated policy refers to. */
  accessor: string;
  /** JWT role users log in with: the instance id. */
  role: string;
  /** `<instanceId>-collaborators-policy`. */
  policyName: string;
  /** `<instanceId>-admin` when `adminSubjects` was non-empty. */
  adminRole: string | undefined;
}

/**
 * Vault's JWT auth method as the hub-free path: a user logs in with their own IdP JWT
 * (`sub` = account id) and gets exactly their collaborator credentials. Enables the
 * method if absent (idempotent), writes the mount config (shared by all instances on
 * this mount), a per-instance role (`role_type: jwt`, `user_claim: sub`, audiences and
 * issuer bound) and the templated policy `<iid>-collaborators-policy`.
 *
 * With `adminSubjects`, a second role `<iid>-admin` lets those subjects log in with
 * only the fixed `<iid>-admin-db-policy` (re-run with the current list when admins change).
 *
 * The mount config is shared: one that holds another issuer, key set or algorithm list is
 * left alone (`LaminVaultConflictError`) unless `replaceSharedConfig` is set.
 *
 * Minimal policy: `read`,`create`,`update`,`sudo` on `sys/auth/<mount>`; `read`,`create`,`update`
 * on `auth/<mount>/config`; `create`,`update` on `sys/policies/acl/<iid>-*`; `create`,`update`,
 * `delete` on `auth/<mount>/role/<iid>*`.
 * @example
 * await configureJwtAuth(client, { instanceId, jwksUrl: 'https://idp.example/.well-known/jwks.json',
 *   boundIssuer: 'https://idp.example', boundAudiences: ['authenticated'] });
 */
export async function configureJwtAuth(client: VaultClient, input: ConfigureJwtAuthInput): Promise<JwtAuthSetup> {
  requireClient(client);
  const i = parseInput(ConfigureJwtSchema, input);
  const accessor = await ensureJwtMount(client, i.mount);
  const config = {
    bound_issuer: i.boundIssuer,
    jwt_supported_algs: i.supportedAlgs,
    ...(i.jwksUrl ? { jwks_url: i.jwksUrl } : { jwt_validation_pubkeys: i.jwtValidationPubkeys }),
  };
  const differing = sharedConfigDifferences(await readJwtConfig(client, i.mount), config);
  if (differing.length > 0 && !i.replaceSharedConfig) {
    throw new LaminVaultConflictError(
      `auth/${i.mount}/config is shared by every instance on the mount and holds another ${differing.join(', ')}; ` +
        'use another mount for this identity provider, or pass replaceSharedConfig: true to replace it for all of them',
    );
  }
  await writeJwtConfig(client, i.mount, config);
  const policyName = collaboratorsPolicyName(i.instanceId);
  await writePolicy(client, policyName, renderCollaboratorsPolicy(i.instanceId, accessor, i.databaseMount));
  await writeJwtRole(client, i.mount, i.instanceId, jwtRoleBody(i, [policyName]));
  const adminRole = await applyJwtAdminRole(client, i);
  return { mount: i.mount, accessor, role: i.instanceId, policyName, adminRole };
}

/** Fields of an existing mount config that differ from `wanted`; none for an unconfigured mount. */
function sharedConfigDifferences(existing: JwtConfig | undefined, wanted: JwtConfig): string[] {
  const keys = (k: readonly string[] | null | undefined) => (k ?? []).map((s) => s.trim()).sort().join('\n');
  const has = (v: string | readonly string[] | null | undefined) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  if (!existing || ![existing.bound_issuer, existing.jwks_url, existing.jwt_validation_pubkeys].some(has)) return [];
  const differing: string[] = [];
  if ((existing.bound_issuer ?? '') !== wanted.bound_issuer) differing.push('bound_issuer');
  if ((existing.jwks_url ?? '') !== (wanted.jwks_url ?? '')) differing.push('jwks_url');
  if (keys(existing.jwt_validation_pubkeys) !== keys(wanted.jwt_validation_pubkeys)) differing.push('jwt_validation_pubkeys');
  if (has(existing.jwt_supported_algs) && keys(existing.jwt_supported_algs) !== keys(wanted.jwt_supported_algs)) differing.push('jwt_supported_algs');
  return differing;
}

/** Enables the JWT method at `mount` unless it is there; returns its accessor. */
async function ensureJwtMount(client: VaultClient, mount: string): Promise<string> {
  let found = await readAuthMount(client, mount);
  if (!found) {
    await enableAuthMethod(client, mount, 'jwt', 'lamin-vault: JWT logins of LaminDB collaborators');
    found = await readAuthMount(client, mount);
  }
  if (!found || found.type !== 'jwt') {
    throw new LaminVaultConflictError(`auth path ${mount}/ holds a ${found?.type ?? 'missing'} method, not jwt`);
  }
  return found.accessor;
}
