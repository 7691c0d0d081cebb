import { mountPath } from './names.js';

/** ACL capabilities, in the order {@link renderPolicy} writes them. */
export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny'] as const;
/** One ACL capability. */
export type Capability = (typeof CAPABILITIES)[number];

/** An allowed value of a request parameter: a string, or an exact list (compared whole by Vault). */
export type AllowedValue = string | readonly string[];

/**
 * A `path` block as data, its glob written out: `path` may end with `*` (a prefix match),
 * e.g. `database/roles/<instanceId>-*`. Rendered through the same checks as every rule.
 */
export interface GlobPolicyRule {
  /** Vault path without leading slash; only a final `*` is allowed, as a prefix match. */
  path: string;
  capabilities: readonly Capability[];
  /**
   * Parameters a request may carry, each with the values it may take (`[]` = any value).
   * Parameters not listed are refused. Vault compares a list value with each allowed
   * element by deep equality, so an element may itself be a whole list.
   */
  allowedParameters?: Readonly<Record<string, readonly AllowedValue[]>>;
  /** One line written above the block. */
  comment?: string;
}

/** One `path` block of an ACL policy, as {@link renderPolicy} takes it. */
export interface PolicyRule extends GlobPolicyRule {
  /** Vault path without leading slash, e.g. `database/creds/<role>`. */
  path: string;
  /**
   * Append `*` (a prefix match on the raw string, C22). Only the builder that asks for
   * it gets a glob: `*` and `+` inside `path` are always refused.
   */
  prefix?: boolean;
  /**
   * Append the token's entity alias name on the auth mount `accessor`, then `suffix`:
   * `{{identity.entity.aliases.<accessor>.name}}<suffix>`, filled in by Vault per token.
   * Like `prefix`, only a builder that asks gets a template: `{{` inside `path` is refused.
   */
  aliasName?: { accessor: string; suffix?: string };
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const ACCESSOR = /^[A-Za-z0-9_]+$/;

/** Why a policy path is unsafe to render, or `undefined`. */
export function policyPathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > 512) return 'must have 1 to 512 characters';
  const segments = path.split('/');
  const last = segments.length - 1;
  for (const [i, segment] of segments.entries()) {
    // An empty last segment is a trailing slash (`database/roles/`), which Vault uses for LIST.
    if (segment === '' && i === last && i > 0) continue;
    if (!SEGMENT.test(segment)) return `segment ${i + 1} must match ${SEGMENT.source} (no quotes, globs, "{{" or "..")`;
  }
  return undefined;
}

/** A final `*` of `path` becomes `prefix`; any other glob stays in the path, where {@link renderPolicy} refuses it. */
export const globRule = (rule: GlobPolicyRule): PolicyRule =>
  rule.path.endsWith('*') ? { ...rule, path: rule.path.slice(0, -1), prefix: true } : rule;

/**
 * Renders ACL policy HCL from typed rules. Deterministic: rules in the order given,
 * capabilities de-duplicated in {@link CAPABILITIES} order, strings JSON-quoted.
 * @throws Error for an unsafe path, alias accessor or parameter value, an unknown or
 * empty capability list, or a repeated path.
 */
export function renderPolicy(rules: readonly PolicyRule[]): string {
  const seen = new Set<string>();
  const blocks = rules.map((rule) => {
    const path = rulePath(rule);
    if (seen.has(path)) throw new Error('policy paths must be unique');
    seen.add(path);
    const unknown = rule.capabilities.filter((c) => !(CAPABILITIES as readonly string[]).includes(c));
    if (unknown.length > 0 || rule.capabilities.length === 0) throw new Error('policy capabilities must be known and non-empty');
    const lines = rule.comment ? [`# ${rule.comment.replace(/[\r\n]+/g, ' ')}`] : [];
    lines.push(`path ${JSON.stringify(path)} {`, `  capabilities = ${list(CAPABILITIES.filter((c) => rule.capabilities.includes(c)))}`);
    if (rule.allowedParameters) lines.push(...allowedParameterLines(rule.allowedParameters));
    return `${lines.join('\n')}\n}\n`;
  });
  return blocks.join('\n');
}

/** The rendered path, checked: the alias template counts as one plain name in its segment. */
function rulePath(rule: PolicyRule): string {
  const { accessor, suffix = '' } = rule.aliasName ?? {};
  if (accessor !== undefined && !ACCESSOR.test(accessor)) throw new Error('policy alias accessor must match [A-Za-z0-9_]+');
  const problem = policyPathProblem(accessor === undefined ? rule.path : `${rule.path}x${suffix}`);
  if (problem) throw new Error(`policy path ${problem}`);
  const template = accessor === undefined ? '' : `{{identity.entity.aliases.${accessor}.name}}${suffix}`;
  return `${rule.path}${template}${rule.prefix ? '*' : ''}`;
}

function allowedParameterLines(params: Readonly<Record<string, readonly AllowedValue[]>>): string[] {
  const entries = Object.entries(params).map(([name, values]) => {
    const rendered = values.map((v) => (typeof v === 'string' ? quote(v) : list(v)));
    return `    ${quote(name)} = [${rendered.join(', ')}]`;
  });
  return ['  allowed_parameters = {', ...entries, '  }'];
}

function list(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

/**
 * JSON string escaping is valid HCL escaping (`\"`, `\\`, `\n`, `\uXXXX`). HCL would
 * still treat `${` and `%{` as interpolation, so those are refused rather than escaped.
 */
function quote(value: string): string {
  if (value.includes('${') || value.includes('%{')) throw new Error('policy value contains "${" or "%{"');
  return JSON.stringify(value);
}

/**
 * Rules of a role's credentials policy: `read` on exactly `<mount>/creds/<role>`, no glob
 * (C22), plus renewing and revoking the leases issued under it.
 */
export const credsPolicyRules = (mount: string, role: string): PolicyRule[] => {
  const creds = mountPath(mount, 'creds', role).join('/');
  // Its own leases only: `<role>/` ends at the role name, so no other role shares the prefix.
  return [
    { path: creds, capabilities: ['read'] },
    { path: `sys/leases/renew/${creds}/`, capabilities: ['update'], prefix: true },
    { path: `sys/leases/revoke/${creds}/`, capabilities: ['update'], prefix: true },
  ];
};

/** HCL of a role's credentials policy (see {@link credsPolicyRules}). */
export const credsPolicy = (mount: string, role: string): string => renderPolicy(credsPolicyRules(mount, role));
