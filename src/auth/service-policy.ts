import * as z from 'zod';
import { parseInput } from '../operations/parse-input.js';
import { DEFAULT_TOKEN_ROLE, globRule, instanceAdminPolicyName, InstanceIdSchema, MountSchema, renderPolicy } from '../plan/index.js';
import type { Capability, GlobPolicyRule } from '../plan/index.js';
import { renderInstanceAdminPolicy } from './admin-policy.js';
import { TokenRoleNameSchema } from './inputs.js';

/** Operations whose minimal policy {@link renderServicePolicy} renders. */
export const SERVICE_OPERATIONS = [
  'initInstanceVault', 'createCollaboratorRole', 'updateCollaboratorRole', 'deleteCollaboratorRole',
  'generateDbCredentials', 'deleteInstanceVault', 'connectionConfigExists', 'collaboratorRoleExists',
  'listCollaboratorRoles', 'renewLease', 'revokeLease', 'createCredentialsProvider',
  'ensureTokenRole', 'issueCollaboratorToken', 'issueInstanceAdminToken', 'configureJwtAuth',
] as const;
export type ServiceOperation = (typeof SERVICE_OPERATIONS)[number];

const OptionsSchema = z.strictObject({
  /** Database secrets engine mount. Default: `database`. */
  mount: MountSchema.default('database'),
  /** Limit the policy to one instance's objects. Default: every instance (a hub service). */
  instanceId: InstanceIdSchema.optional(),
  tokenRole: TokenRoleNameSchema.default(DEFAULT_TOKEN_ROLE),
  /** Path of the JWT auth method. Default: `jwt`. */
  jwtMount: MountSchema.default('jwt'),
});
/**
 * Options of {@link servicePolicyRules} and {@link renderServicePolicy}.
 * @interface
 */
export type ServicePolicyOptions = z.input<typeof OptionsSchema>;
type Options = z.output<typeof OptionsSchema>;

const rule = (path: string, ...capabilities: Capability[]): GlobPolicyRule => ({ path, capabilities });
const CU: Capability[] = ['create', 'update'];

/** `<iid>-` when scoped to an instance, else empty: `roles/<iid>-*` vs `roles/*`. */
const scope = (o: Options) => (o.instanceId ? `${o.instanceId}-` : '');

function rolesRules(o: Options, ...caps: Capability[]) { return [rule(`${o.mount}/roles/${scope(o)}*`, ...caps)]; }
function policyRules(o: Options, ...caps: Capability[]) { return [rule(`sys/policies/acl/${scope(o)}*`, ...caps)]; }
function credsRules(o: Options) { return [rule(`${o.mount}/creds/${scope(o)}*`, 'read')]; }
function revokePrefixRules(o: Options) { return [rule(`sys/leases/revoke-prefix/${o.mount}/creds/${scope(o)}*`, 'update', 'sudo')]; }
function configRules(o: Options, ...caps: Capability[]) { return [rule(`${o.mount}/config/${o.instanceId ?? '*'}`, ...caps)]; }
const revokeRules = (o: Options) => [rule(`sys/leases/revoke/${o.mount}/creds/${scope(o)}*`, 'update')];
const renewRules = (o: Options) => [rule(`sys/leases/renew/${o.mount}/creds/${scope(o)}*`, 'update')];
const listRules = (o: Options) => [rule(`${o.mount}/roles/`, 'list')];
const tokenCreateRule = (o: Options) => rule(`auth/token/create/${o.tokenRole}`, 'update');
const issueRules = (o: Options, create = tokenCreateRule(o)) => [
  create,
  rule('auth/token/lookup-accessor', 'update'),
  rule('auth/token/revoke-accessor', 'update'),
  ...policyRules(o, 'read'),
];

/**
 * For one instance the admin-token issuer is pinned, so it cannot leave the instance: it may
 * write only the instance's admin policy, with its exact text, and issue only tokens that
 * carry exactly that policy (Vault compares a list parameter whole). Hub-wide, the globs.
 */
function adminIssueRules(o: Options): GlobPolicyRule[] {
  if (!o.instanceId) return [...issueRules(o), ...policyRules(o, ...CU)];
  const policy = instanceAdminPolicyName(o.instanceId);
  return [
    ...issueRules(o, { ...tokenCreateRule(o), allowedParameters: { policies: [[policy]], '*': [] } }),
    { ...rule(`sys/policies/acl/${policy}`, ...CU), allowedParameters: { policy: [renderInstanceAdminPolicy(o.instanceId, o.mount)] } },
  ];
}

/** What each operation touches (derived from the code of `src/operations` and `src/auth`). */
const RULES: Record<ServiceOperation, (o: Options) => GlobPolicyRule[]> = {
  initInstanceVault: (o) => [...configRules(o, ...CU), ...rolesRules(o, ...CU, 'read', 'delete'), ...credsRules(o), ...revokePrefixRules(o), ...policyRules(o, ...CU, 'delete')],
  createCollaboratorRole: (o) => [...configRules(o, 'read'), ...rolesRules(o, ...CU, 'read'), ...policyRules(o, ...CU)],
  updateCollaboratorRole: (o) => [...configRules(o, 'read'), ...rolesRules(o, ...CU, 'read'), ...policyRules(o, ...CU), ...revokePrefixRules(o)],
  deleteCollaboratorRole: (o) => [...rolesRules(o, 'read', 'delete'), ...policyRules(o, 'delete'), ...revokePrefixRules(o)],
  generateDbCredentials: (o) => credsRules(o),
  deleteInstanceVault: (o) => [
    ...listRules(o), ...rolesRules(o, ...CU, 'read', 'delete'), ...policyRules(o, 'delete'), ...revokePrefixRules(o),
    ...configRules(o, 'read', 'delete'), ...credsRules(o),
  ],
  connectionConfigExists: (o) => configRules(o, 'read'),
  collaboratorRoleExists: (o) => [...rolesRules(o, 'read'), ...policyRules(o, 'read')],
  listCollaboratorRoles: (o) => [...listRules(o), ...rolesRules(o, 'read')],
  renewLease: (o) => renewRules(o),
  revokeLease: (o) => revokeRules(o),
  createCredentialsProvider: (o) => [...credsRules(o), ...renewRules(o), ...revokeRules(o)],
  ensureTokenRole: (o) => [rule(`auth/token/roles/${o.tokenRole}`, ...CU)],
  issueCollaboratorToken: (o) => issueRules(o),
  issueInstanceAdminToken: adminIssueRules,
  configureJwtAuth: (o) => [
    rule(`sys/auth/${o.jwtMount}`, 'read', ...CU, 'sudo'),
    rule(`auth/${o.jwtMount}/config`, 'read', ...CU),
    rule(`auth/${o.jwtMount}/role/${o.instanceId ?? ''}*`, ...CU, 'delete'),
    ...policyRules(o, ...CU),
  ],
};

/**
 * Rules of one operation, or of all merged (capabilities of equal paths united), as data.
 * @example
 * servicePolicyRules('generateDbCredentials'); // [{ path: 'database/creds/*', capabilities: ['read'] }]
 */
export function servicePolicyRules(operation: ServiceOperation | 'all', options: ServicePolicyOptions = {}): GlobPolicyRule[] {
  const o = parseInput(OptionsSchema, options);
  const ops = operation === 'all' ? SERVICE_OPERATIONS : [parseInput(z.enum(SERVICE_OPERATIONS), operation)];
  const merged = new Map<string, { caps: Set<Capability>; pins: GlobPolicyRule['allowedParameters'][] }>();
  for (const r of ops.flatMap((op) => RULES[op](o))) {
    const entry = merged.get(r.path) ?? { caps: new Set<Capability>(), pins: [] };
    r.capabilities.forEach((c) => entry.caps.add(c));
    entry.pins.push(r.allowedParameters);
    merged.set(r.path, entry);
  }
  // A path keeps its pinned parameters only when every operation using it pins the same.
  return [...merged].map(([path, { caps, pins }]) => {
    const pinned = pins[0] !== undefined && pins.every((p) => JSON.stringify(p) === JSON.stringify(pins[0]));
    return { path, capabilities: [...caps], ...(pinned && { allowedParameters: pins[0] }) };
  });
}

/**
 * HCL of the minimal policy a service needs to run `operation` (or every operation of
 * the library, `'all'`), for every instance or, with `instanceId`, for one. `instanceId`
 * narrows paths only: an operation that writes policies of varying text or issues
 * collaborator tokens can still reach other instances (a written policy may grant anything;
 * the token role attaches any `*-db-policy`), so give those only to a service trusted with
 * every instance. `issueInstanceAdminToken` alone is pinned and stays inside.
 * @example
 * await writeHubPolicy(renderServicePolicy('all'));                         // the hub service
 * renderServicePolicy('generateDbCredentials', { instanceId });             // one instance's reader
 */
export function renderServicePolicy(operation: ServiceOperation | 'all', options: ServicePolicyOptions = {}): string {
  return renderPolicy(servicePolicyRules(operation, options).map(globRule));
}
