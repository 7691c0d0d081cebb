import { describe, expect, it } from 'vitest';
import { DbUrlError, decodePercent, parseDbUrl } from '../../src/cli/db-url.js';
import { UsageError } from '../../src/cli/errors.js';

const NASTY = `p:/?#[]@!$&'()*+,;=%" \\<>^{}|~\`é`;

describe('parseDbUrl', () => {
  it.each([
    ['raw', NASTY],
    ['percent-encoded', encodeURIComponent(NASTY)],
  ])('takes a password with every URL-special character, %s', (_, written) => {
    const db = parseDbUrl(`postgresql://lamin_admin:${written}@db.internal:6432/lamin?sslmode=verify-full`);
    expect(db).toEqual({ user: 'lamin_admin', password: NASTY, host: 'db.internal', port: 6432, database: 'lamin', sslmode: 'verify-full' });
  });

  it('handles IPv6 hosts, default port, no password, postgres:// and encoded names', () => {
    expect(parseDbUrl('postgres://u%40x@[::1]/my%20db')).toEqual({
      user: 'u@x', password: undefined, host: '::1', port: undefined, database: 'my db', sslmode: undefined,
    });
  });

  it('keeps invalid escapes literally and decodes valid ones', () => {
    expect(decodePercent('100%zz%25%41%')).toBe('100%zz%A%');
    expect(decodePercent('%E9%ZZ%C3%A9')).toBe('%E9%ZZé'); // a lone UTF-8 lead byte stays as written
  });

  it.each([
    'mysql://u:p@h/db', 'postgresql://h:5432/db', 'postgresql://u:p@h:5432', 'postgresql://u:p@h:99999/db',
    'postgresql://:p@h/db', 'postgresql://u:p@h:x/db',
  ])('refuses %s without echoing it', (url) => {
    let error: unknown;
    try {
      parseDbUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain(':p@');
  });

  it('takes ?sslmode= once (percent-decoded); an empty query or empty parts are fine', () => {
    expect(parseDbUrl('postgresql://u:p@h/db?sslmode=verify%2Dfull').sslmode).toBe('verify-full');
    expect(parseDbUrl('postgresql://u:p@h/db?').sslmode).toBeUndefined();
    expect(parseDbUrl('postgresql://u:p@h/db?&sslmode=disable&').sslmode).toBe('disable');
  });

  const UNSUPPORTED = ' is not supported (only ?sslmode= is)';
  it.each([
    ['?foo=bar', `"foo"${UNSUPPORTED}`],
    ['?password=hunter2-value', `"password"${UNSUPPORTED}`],
    ['?host=/tmp', `"host"${UNSUPPORTED}`],
    ['?sslmode=require&user=other', `"user"${UNSUPPORTED}`],
    ['?%00weird=1', `a query parameter${UNSUPPORTED}`],
    ['?sslmode=disable&sslmode=require', 'sslmode is given more than once'],
    ['?sslmode', 'sslmode needs a value, e.g. ?sslmode=require'],
    ['?sslmode=', 'sslmode needs a value, e.g. ?sslmode=require'],
  ])('refuses %s: names the parameter, never its value', (query, detail) => {
    let error: unknown;
    try {
      parseDbUrl(`postgresql://u:p@h/db${query}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DbUrlError);
    expect((error as DbUrlError).detail).toBe(detail);
    expect((error as Error).message).toBe(`--db: ${detail}`);
    expect((error as Error).message).not.toMatch(/bar|hunter2-value|\/tmp|other|weird/);
  });

  it('an empty password (user:@) is kept as empty, not taken for a missing one', () => {
    expect(parseDbUrl('postgresql://u:@h/db').password).toBe('');
    expect(parseDbUrl('postgresql://u@h/db').password).toBeUndefined();
  });

  it('tells which part of the URL is wrong', () => {
    const fieldOf = (url: string) => {
      try {
        parseDbUrl(url);
      } catch (e) {
        return (e as DbUrlError).field;
      }
      return undefined;
    };
    expect(fieldOf('postgresql://u:p@h:0/db')).toBe('dbPort');
    expect(fieldOf('postgresql://:p@h/db')).toBe('vaultDbUsername');
    expect(fieldOf('postgresql://u:p@h/')).toBe('dbName');
    expect(fieldOf('postgresql://u:p@h/db?x=1')).toBe('db');
  });
});
