import { describe, expect, it } from 'vitest';
import { credsPolicy, credsPolicyRules, policyPathProblem, renderPolicy, roleName } from '../../../src/plan/index.js';

const IID = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c';

describe('credsPolicy', () => {
  it('grants read on exactly the role\'s creds path, no glob (C22), and renew/revoke of its own leases', () => {
    const role = roleName(IID, 'alice');
    expect(credsPolicy('database', role)).toBe(
      `path "database/creds/${role}" {\n  capabilities = ["read"]\n}\n\n` +
        `path "sys/leases/renew/database/creds/${role}/*" {\n  capabilities = ["update"]\n}\n\n` +
        `path "sys/leases/revoke/database/creds/${role}/*" {\n  capabilities = ["update"]\n}\n`,
    );
    expect(credsPolicyRules('team/db', role)[0]).toEqual({ path: `team/db/creds/${role}`, capabilities: ['read'] });
    // The only globs end at "<role>/": no other role's leases share that prefix.
    expect(credsPolicy('database', role).match(/"[^"]*[*+][^"]*"/g)?.every((p) => p.endsWith(`${role}/*"`))).toBe(true);
  });
});

describe('renderPolicy', () => {
  it('is deterministic: rule order kept, capabilities de-duplicated in canonical order', () => {
    const hcl = renderPolicy([
      { path: 'database/roles/', capabilities: ['list'] },
      { path: `database/roles/${IID}-`, capabilities: ['delete', 'read', 'create', 'read'], prefix: true },
    ]);
    expect(hcl).toBe(
      'path "database/roles/" {\n  capabilities = ["list"]\n}\n\n' +
        `path "database/roles/${IID}-*" {\n  capabilities = ["create", "read", "delete"]\n}\n`,
    );
    expect(renderPolicy([{ path: 'a/b', capabilities: ['read', 'update'] }])).toBe(renderPolicy([{ path: 'a/b', capabilities: ['update', 'read'] }]));
  });

  it.each([
    'database/creds/x*', 'database/+/x', 'database/creds/a"b', 'database/creds/{{identity.entity.id}}', 'database/creds/a}}',
    '/database', 'a//b', 'a/../b', 'a/./b', 'a b', "a'b", 'a\\b', 'a\nb', '', 'x'.repeat(513), 'é',
  ])('refuses path %j', (path) => {
    expect(policyPathProblem(path)).toBeDefined();
    expect(() => renderPolicy([{ path, capabilities: ['read'] }])).toThrow(/policy path/);
  });

  it('refuses unknown or empty capabilities and repeated paths', () => {
    expect(() => renderPolicy([{ path: 'a', capabilities: [] }])).toThrow(/capabilities/);
    expect(() => renderPolicy([{ path: 'a', capabilities: ['root' as 'read'] }])).toThrow(/capabilities/);
    expect(() => renderPolicy([{ path: 'a', capabilities: ['read'] }, { path: 'a', capabilities: ['list'] }])).toThrow(/unique/);
  });
});
