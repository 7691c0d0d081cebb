import { describe, expect, it } from 'vitest';
import { LaminVaultValidationError } from '../../../src/errors.js';
import {
  bootstrapRoleBody, collaboratorRoleBody, connectionBody, connectionUrl, HostSchema, publicReadRoleBody, teardownRoleBody, USERNAME_TEMPLATE,
} from '../../../src/plan/index.js';

const IID = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c';
const SECRET = "p@ss:/?#%'w";
const base = { instanceId: IID, host: 'db.internal', database: 'lamin', username: 'lamin_admin', password: SECRET };

describe('connectionBody', () => {
  it('templated URL without secrets, SCRAM, username template, allowed-roles glob, verified', () => {
    expect(connectionBody(base)).toEqual({
      plugin_name: 'postgresql-database-plugin',
      connection_url: 'postgresql://{{username}}:{{password}}@db.internal:5432/lamin?sslmode=require',
      username: 'lamin_admin',
      password: SECRET,
      password_authentication: 'scram-sha-256',
      username_template: USERNAME_TEMPLATE,
      allowed_roles: [`${IID}-*`],
      verify_connection: true,
    });
  });

  it('encodes the database, brackets IPv6, keeps the chosen sslmode', () => {
    expect(connectionBody({ ...base, host: '::1', port: 6543, database: 'a/b?c#d e%{{x}}', sslmode: 'disable' }).connection_url)
      .toBe('postgresql://{{username}}:{{password}}@[::1]:6543/a%2Fb%3Fc%23d%20e%25%7B%7Bx%7D%7D?sslmode=disable');
    expect(connectionBody({ ...base, host: '[2001:db8::5]' }).connection_url).toContain('@[2001:db8::5]:5432/');
    expect(connectionUrl('10.0.0.7', 5432, 'ünï', 'verify-full')).toBe('postgresql://{{username}}:{{password}}@10.0.0.7:5432/%C3%BCn%C3%AF?sslmode=verify-full');
  });

  it.each([
    ['host', 'db/x'], ['host', 'db@x'], ['host', 'a b'], ['host', '1.2.3.999'], ['host', 'fe80::1%eth0'], ['host', ''], ['host', '-db'],
    ['host', `${'a'.repeat(64)}.x`], ['port', 0], ['port', 65_536], ['port', 1.5], ['database', ''], ['database', 'x'.repeat(64)],
    ['database', 'a\0b'], ['username', ''], ['password', ''], ['sslmode', 'on'], ['instanceId', 'nope'],
  ] as const)('rejects %s = %j naming the field, never the value', (field, value) => {
    let error: unknown;
    try { connectionBody({ ...base, [field]: value } as typeof base); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LaminVaultValidationError);
    expect((error as LaminVaultValidationError).issues.map((i) => i.path)).toContain(field);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it.each(['localhost', 'db', 'my-db.example.com', 'pg_1.svc', '10.0.0.1', '::', '2001:db8::1', '[::1]'])('accepts host %s', (h) =>
    expect(HostSchema.safeParse(h).success).toBe(true));
});

describe('role bodies', () => {
  it('collaborator: statements of its level, TTLs in seconds, defaults 1h / 24h', () => {
    const body = collaboratorRoleBody({ instanceId: IID, level: 'write' });
    expect(body).toMatchObject({ db_name: IID, default_ttl: 3600, max_ttl: 86_400 });
    expect(body.creation_statements[0]).toMatch(/IN ROLE lamin_\w+_write;$/);
    expect(body.revocation_statements.at(-1)).toBe('DROP ROLE IF EXISTS "{{name}}";');
    expect(collaboratorRoleBody({ instanceId: IID, level: 'write', allowDelete: true }).creation_statements[0]).toMatch(/_write, lamin_\w+_delete;$/);
    expect(collaboratorRoleBody({ instanceId: IID, level: 'admin', ttl: '15m', maxTtl: 7200 })).toMatchObject({ default_ttl: 900, max_ttl: 7200 });
  });

  it('every creation uses {{name}}, {{password}} and {{expiration}} (C08)', () => {
    for (const body of [collaboratorRoleBody({ instanceId: IID, level: 'read' }), publicReadRoleBody({ instanceId: IID })]) {
      const sql = body.creation_statements.join('\n');
      for (const p of ['"{{name}}"', "'{{password}}'", "'{{expiration}}'"]) expect(sql).toContain(p);
    }
  });

  it('public-read: read level, always a finite TTL', () => {
    const body = publicReadRoleBody({ instanceId: IID, ttl: '10m' });
    expect(body).toMatchObject({ default_ttl: 600, max_ttl: 86_400 });
    expect(body.creation_statements).toEqual(collaboratorRoleBody({ instanceId: IID, level: 'read' }).creation_statements);
  });

  it('temporary roles: short TTL, their own statements', () => {
    expect(bootstrapRoleBody(IID)).toMatchObject({ db_name: IID, default_ttl: 300, max_ttl: 300 });
    expect(teardownRoleBody(IID).creation_statements.join('\n')).toContain('DROP ROLE IF EXISTS');
  });

  it.each([
    [{ level: 'read', allowDelete: true }, 'allowDelete'], [{ level: 'write', ttl: '48h' }, 'ttl'], [{ level: 'owner' }, 'level'],
    [{ level: 'read', ttl: '0s' }, 'ttl'], [{ level: 'read', maxTtl: '2y' }, 'maxTtl'],
  ] as const)('rejects %j at %s', (input, field) => {
    expect(() => collaboratorRoleBody({ instanceId: IID, ...input } as never)).toThrow(LaminVaultValidationError);
    try { collaboratorRoleBody({ instanceId: IID, ...input } as never); } catch (e) {
      expect((e as LaminVaultValidationError).issues.map((i) => i.path)).toContain(field);
    }
  });
  it('rejects a bad instance id for temporary roles', () => {
    expect(() => bootstrapRoleBody('x')).toThrow(LaminVaultValidationError);
    expect(() => teardownRoleBody(`${IID}"`)).toThrow(LaminVaultValidationError);
  });
});
