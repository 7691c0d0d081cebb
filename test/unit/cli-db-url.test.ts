import { describe, expect, it } from 'vitest';
import { decodePercent, parseDbUrl } from '../../src/cli/db-url.js';
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
});
