/**
 * A small HCL emitter for Vault ACL policies, built from typed rules so that no
 * value is ever concatenated into policy text unescaped (field failure C20).
 * Pure: no I/O. Unlike `renderPolicy` of the plan layer it supports `allowed_parameters`
 * and `{{identity…}}` templated paths, which only the auth policies need.
 */

import type { Capability } from '../plan/index.js';

/** An allowed value of a request parameter: a string, or an exact list (compared whole by Vault). */
export type AllowedValue = string | readonly string[];

/** One `path` block. */
export interface AuthPolicyRule {
  /** Vault path; `*` only at the end, `+` as a whole segment, `{{identity…}}` templates allowed. */
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

const PATH = /^[A-Za-z0-9_.+*/-]*(\{\{identity\.[A-Za-z0-9_.]+\}\}[A-Za-z0-9_.+*/-]*)*$/;

/** Renders rules as HCL. Throws on a path or value HCL could misread. */
export function renderHcl(rules: readonly AuthPolicyRule[]): string {
  return rules.map(renderRule).join('\n');
}

function renderRule(rule: AuthPolicyRule): string {
  if (!PATH.test(rule.path) || rule.path.length === 0) throw new Error(`policy path not renderable: ${JSON.stringify(rule.path)}`);
  if (rule.capabilities.length === 0) throw new Error(`policy path ${rule.path} has no capabilities`);
  const lines: string[] = [];
  if (rule.comment) lines.push(`# ${rule.comment.replace(/[\r\n]+/g, ' ')}`);
  lines.push(`path ${quote(rule.path)} {`);
  lines.push(`  capabilities = ${list(rule.capabilities)}`);
  if (rule.allowedParameters) {
    lines.push('  allowed_parameters = {');
    for (const [name, values] of Object.entries(rule.allowedParameters)) {
      const rendered = values.map((v) => (typeof v === 'string' ? quote(v) : list(v)));
      lines.push(`    ${quote(name)} = [${rendered.join(', ')}]`);
    }
    lines.push('  }');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
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
