import { describe, expect, it } from 'vitest';
import { durationSeconds, EnvelopeSchema, toVaultResponse } from '../../../src/http/envelope.js';

describe('durationSeconds', () => {
  it.each([
    [3600, 3600],
    ['3600', 3600],
    ['1h', 3600],
    ['1h30m', 5400],
    ['90s', 90],
    ['768h', 2_764_800],
    ['1m0.5s', 61],
    ['500ms', 1],
  ])('%j → %d', (input, out) => {
    expect(durationSeconds(input)).toBe(out);
  });

  it('returns NaN for junk', () => {
    for (const bad of ['', 'abc', '1d', '1h junk']) expect(Number.isNaN(durationSeconds(bad))).toBe(true);
  });
});

describe('envelope', () => {
  it('maps lease, warnings, wrap_info and auth to camelCase', () => {
    const env = EnvelopeSchema.parse({
      lease_id: 'database/creds/r/abc',
      lease_duration: '1h',
      renewable: true,
      warnings: ['w'],
      wrap_info: { token: 'wt', ttl: 60, creation_time: 't', creation_path: 'p', accessor: 'a', wrapped_accessor: 'wa' },
      auth: {
        client_token: 'ct',
        accessor: 'acc',
        policies: ['default', 'p'],
        token_policies: ['p'],
        lease_duration: 300,
        renewable: false,
        metadata: { a: 'b' },
        entity_id: '',
        orphan: true,
        token_type: 'service',
      },
    });
    expect(toVaultResponse(env, null)).toEqual({
      data: null,
      leaseId: 'database/creds/r/abc',
      leaseDuration: 3600,
      renewable: true,
      warnings: ['w'],
      wrapInfo: { token: 'wt', ttl: 60, creationTime: 't', creationPath: 'p', accessor: 'a', wrappedAccessor: 'wa' },
      auth: { clientToken: 'ct', accessor: 'acc', policies: ['default', 'p'], tokenPolicies: ['p'], leaseDuration: 300, renewable: false, metadata: { a: 'b' }, orphan: true, tokenType: 'service' },
    });
  });

  it('fills defaults for nulls and missing fields', () => {
    const env = EnvelopeSchema.parse({ lease_id: null, warnings: null, wrap_info: null, auth: { client_token: 'x', policies: null, metadata: null } });
    expect(toVaultResponse(env, 1)).toEqual({
      data: 1,
      leaseId: '',
      leaseDuration: 0,
      renewable: false,
      warnings: [],
      auth: { clientToken: 'x', accessor: '', policies: [], tokenPolicies: [], leaseDuration: 0, renewable: false, metadata: null },
    });
  });

  it('rejects wrong shapes', () => {
    expect(EnvelopeSchema.safeParse({ lease_duration: 'soon' }).success).toBe(false);
    expect(EnvelopeSchema.safeParse({ warnings: 'w' }).success).toBe(false);
    expect(EnvelopeSchema.safeParse({ auth: { policies: [] } }).success).toBe(false);
  });
});
