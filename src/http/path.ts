/**
 * The one place that turns path segments into a URL path. Every segment is URL-encoded on
 * its own, so an id can never add, remove or climb path levels.
 */
import { LaminVaultValidationError } from '../errors.js';

/** A Vault API path as segments, without `/v1`: `['sys', 'policies', 'acl', name]`. */
export type VaultPath = readonly string[];

/**
 * Encodes segments into `/v1/<seg>/<seg>…`. Throws {@link LaminVaultValidationError} for an
 * empty path and for segments that are empty, `.`, `..`, contain `/` or are not strings
 * (a nested mount is several segments: `['team', 'database', 'creds', role]`).
 * @example
 * apiPath(['sys', 'policies', 'acl', 'a b']); // '/v1/sys/policies/acl/a%20b'
 */
export function apiPath(segments: VaultPath): string {
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new LaminVaultValidationError([{ path: 'path', message: 'must be a non-empty array of segments' }], 'Vault path');
  }
  let out = '/v1';
  for (let i = 0; i < segments.length; i++) {
    const seg: unknown = segments[i];
    const problem = segmentProblem(seg);
    if (problem) throw new LaminVaultValidationError([{ path: `path[${i}]`, message: problem }], 'Vault path');
    out += '/' + encodeURIComponent(seg as string);
  }
  return out;
}

function segmentProblem(seg: unknown): string | undefined {
  if (typeof seg !== 'string') return 'must be a string';
  if (seg === '') return 'must not be empty';
  if (seg === '.' || seg === '..') return 'must not be "." or ".."';
  if (seg.includes('/')) return 'must not contain "/" (pass one segment per level)';
  return undefined;
}
