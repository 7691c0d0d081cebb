import { describe, expect, it } from 'vitest';
import { LaminVaultValidationError } from '../../../src/index.js';
import {
  SERVICE_OPERATIONS, renderCollaboratorsPolicy, renderInstanceAdminPolicy, renderServicePolicy, servicePolicyRules,
} from '../../../src/auth/index.js';
import { instanceAdminPolicyRules } from '../../../src/auth/admin-policy.js';
import { collaboratorStatements, globRule, renderPolicy, type GlobPolicyRule } from '../../../src/plan/index.js';

// The auth policies render through the plan's one emitter, globs written as a final `*`.
const renderHcl = (rules: GlobPolicyRule[]) => renderPolicy(rules.map(globRule));

const IID = '11111111-2222-4333-8444-555555555555';

describe('renderPolicy for the auth policies', () => {
  it('renders capabilities and nested allowed parameter lists with JSON escaping', () => {
    const hcl = renderHcl([{
      path: 'database/roles/x-*', capabilities: ['create', 'read'],
      allowedParameters: { db_name: ['x'], creation_statements: [['a "b"\n', 'c\\d'], ['e']], max_ttl: [] },
    }]);
    expect(hcl).toBe([
      'path "database/roles/x-*" {',
      '  capabilities = ["create", "read"]',
      '  allowed_parameters = {',
      '    "db_name" = ["x"]',
      '    "creation_statements" = [["a \\"b\\"\\n", "c\\\\d"], ["e"]]',
      '    "max_ttl" = []',
      '  }',
      '}',
      '',
    ].join('\n'));
  });

  it.each(['a"b', 'a\nb', 'a b', 'a${x}', 'a\\b', '{{x}}', ''])('refuses the path %j', (path) => {
    expect(() => renderHcl([{ path, capabilities: ['read'] }])).toThrow();
  });

  it('refuses HCL interpolation in values and empty capabilities', () => {
    expect(() => renderHcl([{ path: 'a', capabilities: ['read'], allowedParameters: { p: ['${evil}'] } }])).toThrow();
    expect(() => renderHcl([{ path: 'a', capabilities: [] }])).toThrow();
  });

  it('allows identity templates in paths', () => {
    expect(renderPolicy([{ path: 'db/creds/i-', aliasName: { accessor: 'auth_jwt_1', suffix: '-db' }, capabilities: ['read'] }])).toContain('{{identity.entity.aliases.auth_jwt_1.name}}');
  });
});

describe('the instance-admin policy', () => {
  const rules = instanceAdminPolicyRules(IID, 'database');
  const hcl = renderInstanceAdminPolicy(IID);

  it('grants nothing on policies, tokens, mounts or the roles LIST', () => {
    expect(hcl).not.toMatch(/sys\/polic|auth\/|sys\/mounts|sys\/auth/);
    expect(rules.map((r) => r.path)).not.toContain('database/roles/');
    expect(rules.flatMap((r) => r.capabilities)).not.toContain('list');
  });

  it('names only this instance', () => {
    for (const rule of rules) expect(rule.path).toContain(IID);
  });

  it('reads but never writes the connection, and pins the public-read role to read', () => {
    expect(rules.find((r) => r.path === `database/config/${IID}`)?.capabilities).toEqual(['read']);
    expect(rules.find((r) => r.path === `database/roles/${IID}-public-read-db`)?.capabilities).toEqual(['read']);
  });

  it('pins role writes to this instance and the four rendered statement sets', () => {
    const roles = rules.find((r) => r.path === `database/roles/${IID}-*`);
    const allowed = roles?.allowedParameters ?? {};
    expect(allowed.db_name).toEqual([IID]);
    expect(allowed.creation_statements).toHaveLength(4);
    expect(allowed.creation_statements).toContainEqual(collaboratorStatements(IID, 'write', { allowDelete: true }).creation);
    expect(allowed.revocation_statements).toEqual([collaboratorStatements(IID, 'read').revocation]);
    expect(Object.keys(allowed).sort()).toEqual(['creation_statements', 'db_name', 'default_ttl', 'max_ttl', 'revocation_statements']);
  });

  it('validates its input', () => {
    expect(() => renderInstanceAdminPolicy('x" { } path "*')).toThrow(LaminVaultValidationError);
    expect(() => renderInstanceAdminPolicy(IID, 'db/../sys')).toThrow(LaminVaultValidationError);
  });
});

describe('the collaborators policy of JWT logins', () => {
  it('grants read on the templated creds path only', () => {
    expect(renderCollaboratorsPolicy(IID, 'auth_jwt_abc123')).toBe(
      `# only the credentials of the logged-in account\npath "database/creds/${IID}-{{identity.entity.aliases.auth_jwt_abc123.name}}-db" {\n  capabilities = ["read"]\n}\n`,
    );
  });
  it('refuses a crafted accessor', () => {
    expect(() => renderCollaboratorsPolicy(IID, 'x}}-*')).toThrow(LaminVaultValidationError);
  });
});

describe('renderServicePolicy', () => {
  it.each(SERVICE_OPERATIONS)('renders %s, scoped to one instance when asked', (op) => {
    expect(renderServicePolicy(op)).toMatch(/^path "/);
    const scoped = servicePolicyRules(op, { instanceId: IID });
    for (const rule of scoped) {
      if (/^(database\/(creds|roles|config)\/.|sys\/policies|sys\/leases\/revoke-prefix)/.test(rule.path)) expect(rule.path).toContain(IID);
    }
  });

  it('gives credentials readers nothing else', () => {
    expect(servicePolicyRules('generateDbCredentials')).toEqual([{ path: 'database/creds/*', capabilities: ['read'] }]);
  });

  it("merges every operation for 'all' with united capabilities and unique paths", () => {
    const rules = servicePolicyRules('all', { mount: 'team/db' });
    const paths = rules.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...(rules.find((r) => r.path === 'team/db/roles/*')?.capabilities ?? [])].sort()).toEqual(['create', 'delete', 'read', 'update']);
  });

  it('refuses an unknown operation or option', () => {
    expect(() => renderServicePolicy('dropEverything' as never)).toThrow(LaminVaultValidationError);
    expect(() => renderServicePolicy('all', { mount: 'a"b' })).toThrow(LaminVaultValidationError);
  });
});
