import { describe, expect, it } from 'vitest';
import {
  allowedRolesGlob, bootstrapRoleName, groupRoleName, mountPath, parseCollaboratorRole, policyName,
  publicReadRoleName, roleName, teardownRoleName, USERNAME_TEMPLATE,
} from '../../../src/plan/index.js';

const IID = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c';
const AID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('names', () => {
  it('derives Vault names', () => {
    expect(roleName(IID, AID)).toBe(`${IID}-${AID}-db`);
    expect(roleName(IID, 'alice')).toBe(`${IID}-alice-db`);
    expect(publicReadRoleName(IID)).toBe(`${IID}-public-read-db`);
    expect(bootstrapRoleName(IID)).toBe(`${IID}-lamin-bootstrap`);
    expect(teardownRoleName(IID)).toBe(`${IID}-lamin-teardown`);
    expect(policyName(roleName(IID, 'alice'))).toBe(`${IID}-alice-db-policy`);
    expect(allowedRolesGlob(IID)).toBe(`${IID}-*`);
  });

  it('keeps every instance role under the allowed-roles glob, and no other instance\'s', () => {
    const other = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0d';
    const prefix = allowedRolesGlob(IID).slice(0, -1);
    for (const role of [roleName(IID, AID), publicReadRoleName(IID), bootstrapRoleName(IID), teardownRoleName(IID)]) {
      expect(role.startsWith(prefix)).toBe(true);
    }
    expect(roleName(other, 'alice').startsWith(prefix)).toBe(false);
  });

  it('derives Postgres group names ≤ 63 bytes that need no quoting', () => {
    for (const kind of ['read', 'write', 'admin', 'delete'] as const) {
      const name = groupRoleName(IID, kind);
      expect(name).toBe(`lamin_3f2a9c4e1b7d4e8a9c0f5d6e7f8a9b0c_${kind}`);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
  });

  it('parses collaborator roles of one instance only', () => {
    expect(parseCollaboratorRole(IID, roleName(IID, AID))).toEqual({ accountId: AID });
    expect(parseCollaboratorRole(IID, roleName(IID, 'alice'))).toEqual({ accountId: 'alice' });
    for (const role of [publicReadRoleName(IID), bootstrapRoleName(IID), `${IID}-Alice-db`, `${IID}--db`, roleName(AID, 'alice'), 'x']) {
      expect(parseCollaboratorRole(IID, role)).toBeUndefined();
    }
  });

  it('builds paths as segments', () => {
    expect(mountPath('database', 'creds', 'r')).toEqual(['database', 'creds', 'r']);
    expect(mountPath('team/db', 'roles', 'r')).toEqual(['team', 'db', 'roles', 'r']);
    expect(mountPath('database')).toEqual(['database']);
  });
});

describe('USERNAME_TEMPLATE', () => {
  // Evaluates the template the way Vault's text/template does, for this one shape.
  const render = (role: string, random: string, unix: string): string => {
    const m = /^\{\{ printf "v-%s-%s-%s" \(\.RoleName \| replace "-" "" \| truncate (\d+)\) \(random (\d+)\) \(unix_time\) \| truncate (\d+) \| lowercase \}\}$/
      .exec(USERNAME_TEMPLATE);
    if (!m) throw new Error('template shape changed: update this test');
    const [roleLen, randomLen, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return `v-${role.replaceAll('-', '').slice(0, roleLen)}-${random.slice(0, randomLen)}-${unix}`.slice(0, total).toLowerCase();
  };

  it('stays ≤ 63 bytes, keeps the whole random part and the instance id', () => {
    const random = 'AbCdEfGhIjKlMnOpQrSt';
    for (const role of [roleName(IID, AID), publicReadRoleName(IID), bootstrapRoleName(IID), roleName(IID, 'a'.repeat(32))]) {
      const name = render(role, random, '9999999999');
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
      expect(name).toContain(random.slice(0, 16).toLowerCase());
      expect(name.startsWith(`v-${IID.replaceAll('-', '')}-`)).toBe(true);
      expect(name).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
