import { describe, expect, it } from 'vitest';
import { AccountIdSchema, InstanceIdSchema, LevelSchema, MountSchema, RoleNameSchema, TtlSchema, ttlSeconds } from '../../../src/plan/index.js';

const IID = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c';
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('InstanceIdSchema', () => {
  it.each([IID, '00000000-0000-0000-0000-000000000000'])('accepts %s', (v) => expect(ok(InstanceIdSchema, v)).toBe(true));
  it.each([
    IID.toUpperCase(), IID.replaceAll('-', ''), `{${IID}}`, `${IID} `, `${IID}-x`, `${IID}*`, 'x', '', `${IID.slice(0, -1)}"`,
    `${IID.slice(0, -1)}g`, 42, null,
  ])('rejects %j', (v) => expect(ok(InstanceIdSchema, v)).toBe(false));
});

describe('AccountIdSchema', () => {
  it.each([IID, 'alice', 'a', 'user_42', '0abc', 'a'.repeat(32)])('accepts %s', (v) => expect(ok(AccountIdSchema, v)).toBe(true));
  it.each([
    'public-read', 'lamin-bootstrap', 'Alice', '_a', 'a'.repeat(33), 'a b', 'a"b', "a'b", 'a/b', 'a*', 'a+b', 'a{{b}}', 'jane@x.org',
    'é', '', IID.toUpperCase(),
  ])('rejects %j', (v) => expect(ok(AccountIdSchema, v)).toBe(false));
});

describe('LevelSchema, MountSchema, RoleNameSchema', () => {
  it('levels', () => {
    expect(['read', 'write', 'admin'].every((l) => ok(LevelSchema, l))).toBe(true);
    expect(ok(LevelSchema, 'owner')).toBe(false);
  });
  it.each(['database', 'db-2', 'team/db', 'a_b/c-d/e'])('mount %s ok', (v) => expect(ok(MountSchema, v)).toBe(true));
  it.each(['', '/database', 'database/', 'a//b', 'a b', 'a*', '..', 'a/../b', 'db"'])('mount %j rejected', (v) =>
    expect(ok(MountSchema, v)).toBe(false));
  it.each([`${IID}-alice-db`, 'x.y_z-1'])('role name %s ok', (v) => expect(ok(RoleNameSchema, v)).toBe(true));
  it.each(['', '-x', 'x-', 'a/b', 'a b', 'a*', 'a@b'])('role name %j rejected', (v) => expect(ok(RoleNameSchema, v)).toBe(false));
});

describe('TtlSchema', () => {
  it.each([
    ['90s', 90], ['1h', 3600], ['24h', 86_400], ['1h30m', 5400], ['7d', 604_800], ['3600', 3600], [60, 60], ['365d', 31_536_000],
  ] as const)('%j is %d seconds', (ttl, seconds) => {
    expect(ok(TtlSchema, ttl)).toBe(true);
    expect(ttlSeconds(ttl)).toBe(seconds);
  });
  it.each([0, '0s', -1, 1.5, Number.POSITIVE_INFINITY, Number.NaN, '366d', '1y', '1 h', 'h', '', '1h-', '1.5h', 'forever'])(
    'rejects %j', (ttl) => expect(ok(TtlSchema, ttl)).toBe(false));
  it('parses numbers to a duration string', () => expect(TtlSchema.parse(90)).toBe('90s'));
});
