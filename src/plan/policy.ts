import { credsPath } from './names.js';

/** ACL capabilities, in the order {@link renderPolicy} writes them. */
export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny'] as const;
/** One ACL capability. */
export type Capability = (typeof CAPABILITIES)[number];

/** One `path` block of an ACL policy. */
export interface PolicyRule {
  /** Vault path without leading slash, e.g. `database/creds/<role>`. */
  path: string;
  capabilities: readonly Capability[];
  /**
   * Append `*` (a prefix match on the raw string, C22). Only the builder that asks for
   * it gets a glob: `*` and `+` inside `path` are always refused.
   */
  prefix?: boolean;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

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

/**
 * Renders ACL policy HCL from typed rules. Deterministic: rules in the order given,
 * capabilities de-duplicated in {@link CAPABILITIES} order, strings JSON-quoted.
 * @throws Error for an unsafe path, an unknown or empty capability list, or a repeated path.
 */
export function renderPolicy(rules: readonly PolicyRule[]): string {
  const seen = new Set<string>();
  const blocks = rules.map((rule) => {
    const problem = policyPathProblem(rule.path);
    if (problem) throw new Error(`policy path ${problem}`);
    const path = rule.prefix ? `${rule.path}*` : rule.path;
    if (seen.has(path)) throw new Error('policy paths must be unique');
    seen.add(path);
    const unknown = rule.capabilities.filter((c) => !(CAPABILITIES as readonly string[]).includes(c));
    if (unknown.length > 0 || rule.capabilities.length === 0) throw new Error('policy capabilities must be known and non-empty');
    const caps = CAPABILITIES.filter((c) => rule.capabilities.includes(c));
    return `path ${JSON.stringify(path)} {\n  capabilities = [${caps.map((c) => JSON.stringify(c)).join(', ')}]\n}\n`;
  });
  return blocks.join('\n');
}

/**
 * Rules of a role's credentials policy: `read` on exactly `<mount>/creds/<role>`, no glob
 * (C22), plus renewing and revoking the leases issued under it.
 */
export const credsPolicyRules = (mount: string, role: string): PolicyRule[] => {
  const creds = credsPath(mount, role).join('/');
  // Its own leases only: `<role>/` ends at the role name, so no other role shares the prefix.
  return [
    { path: creds, capabilities: ['read'] },
    { path: `sys/leases/renew/${creds}/`, capabilities: ['update'], prefix: true },
    { path: `sys/leases/revoke/${creds}/`, capabilities: ['update'], prefix: true },
  ];
};

/** HCL of a role's credentials policy (see {@link credsPolicyRules}). */
export const credsPolicy = (mount: string, role: string): string => renderPolicy(credsPolicyRules(mount, role));
