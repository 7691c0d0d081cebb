import { describe, expect, it } from 'vitest';
import { LaminVaultValidationError } from '../../../src/errors.js';
import { apiPath } from '../../../src/http/path.js';

describe('apiPath', () => {
  it('prefixes /v1 and encodes every segment on its own', () => {
    expect(apiPath(['sys', 'policies', 'acl', 'x'])).toBe('/v1/sys/policies/acl/x');
    expect(apiPath(['secret', 'a b', 'ü', '%2F', '?q=1#f', 'x&y'])).toBe('/v1/secret/a%20b/%C3%BC/%252F/%3Fq%3D1%23f/x%26y');
  });

  it.each([
    [[], 'path'],
    [['sys', ''], 'path[1]'],
    [['.'], 'path[0]'],
    [['database', '..', 'sys'], 'path[1]'],
    [['database', 'roles', 'a/../../sys/seal'], 'path[2]'],
    [['database', 3 as unknown as string], 'path[1]'],
  ])('rejects %j at %s', (segments, where) => {
    let err: unknown;
    try {
      apiPath(segments);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LaminVaultValidationError);
    expect((err as LaminVaultValidationError).issues[0]?.path).toBe(where);
  });

  it('accepts dotted names that are not . or ..', () => {
    expect(apiPath(['kv', '...', '.hidden', 'a.b'])).toBe('/v1/kv/.../.hidden/a.b');
  });
});
