import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  isLaminVaultError,
  isVaultError,
  LaminVaultConflictError,
  LaminVaultError,
  LaminVaultValidationError,
  VaultAbortedError,
  VaultHttpError,
  VaultNetworkError,
  VaultNotFoundError,
  VaultPermissionDeniedError,
  VaultResponseError,
  VaultTimeoutError,
  VaultUnavailableError,
} from '../../src/errors.js';

const http = { status: 403, errors: ['permission denied'], method: 'PUT', path: '/v1/sys/policies/acl/x' };

describe('error family', () => {
  it('formats Vault errors like "Vault 403 Forbidden: … (PUT /v1/…)"', () => {
    const e = new VaultPermissionDeniedError(http);
    expect(e.message).toBe('Vault 403 Forbidden: permission denied (PUT /v1/sys/policies/acl/x)');
    expect(e).toBeInstanceOf(VaultHttpError);
    expect(e).toBeInstanceOf(LaminVaultError);
    expect(e.name).toBe('VaultPermissionDeniedError');
    expect(e.code).toBe('VAULT_HTTP');
    expect(e.errors).toEqual(['permission denied']);
    expect(Object.isFrozen(e.errors)).toBe(true);
  });

  it('joins several messages on one line', () => {
    const e = new VaultHttpError({ ...http, status: 400, errors: ['1 error occurred:\n\t* a', 'b'] });
    expect(e.message).toBe('Vault 400 Bad Request: 1 error occurred: * a; b (PUT /v1/sys/policies/acl/x)');
    expect(e.errors).toEqual(['1 error occurred:\n\t* a', 'b']);
  });

  it('uses a detail text when given and a generic reason for unknown statuses', () => {
    expect(new VaultHttpError({ ...http, status: 472, errors: [], detail: 'x' }).message).toBe('Vault 472 Error: x (PUT /v1/sys/policies/acl/x)');
  });

  it('guards: isLaminVaultError and isVaultError(err, status)', () => {
    const nf = new VaultNotFoundError({ ...http, status: 404 });
    expect(isLaminVaultError(nf)).toBe(true);
    expect(isVaultError(nf)).toBe(true);
    expect(isVaultError(nf, 404)).toBe(true);
    expect(isVaultError(nf, 403)).toBe(false);
    expect(isVaultError(new VaultTimeoutError({ method: 'GET', path: '/v1/x', timeoutMs: 5 }))).toBe(false);
    expect(isLaminVaultError(new Error('x'))).toBe(false);
    expect(isLaminVaultError(null)).toBe(false);
    expect(isLaminVaultError({ code: 'VAULT_HTTP' })).toBe(false);
  });

  it('guards work across realms via a shared brand', () => {
    const foreign = Object.create(null) as Record<PropertyKey, unknown>;
    foreign[Symbol.for('lamin-vault.error')] = true;
    foreign['code'] = 'VAULT_HTTP';
    foreign['status'] = 404;
    expect(isLaminVaultError(foreign)).toBe(true);
    expect(isVaultError(foreign, 404)).toBe(true);
  });

  it('has one class per kind with the contract codes', () => {
    const cases: [LaminVaultError, string][] = [
      [new LaminVaultValidationError([{ path: 'a', message: 'b' }]), 'VALIDATION'],
      [new VaultNetworkError({ method: 'GET', path: '/v1/x', code: 'ECONNREFUSED' }), 'VAULT_NETWORK'],
      [new VaultTimeoutError({ method: 'GET', path: '/v1/x', timeoutMs: 5 }), 'VAULT_TIMEOUT'],
      [new VaultResponseError({ method: 'GET', path: '/v1/x', issues: [] }), 'VAULT_RESPONSE'],
      [new LaminVaultConflictError('exists'), 'CONFLICT'],
      [new VaultAbortedError({ method: 'GET', path: '/v1/x' }), 'ABORTED'],
      [new VaultUnavailableError({ ...http, status: 503 }), 'VAULT_HTTP'],
    ];
    for (const [err, code] of cases) expect(err.code).toBe(code);
  });

  it('network errors keep only { code } as cause', () => {
    const e = new VaultNetworkError({ method: 'GET', path: '/v1/x', code: 'ECONNREFUSED' });
    expect(e.cause).toEqual({ code: 'ECONNREFUSED' });
    expect(e.message).toBe('Vault request failed: ECONNREFUSED (GET /v1/x)');
    expect(e.toJSON()).toEqual({
      name: 'VaultNetworkError',
      code: 'VAULT_NETWORK',
      message: e.message,
      method: 'GET',
      path: '/v1/x',
      address: undefined,
      cause: { code: 'ECONNREFUSED' },
    });
    const at = new VaultNetworkError({ method: 'GET', path: '/v1/x', code: 'ECONNREFUSED', address: 'https://vault.example:8200' });
    expect(at.message).toBe('Vault request failed: ECONNREFUSED (GET /v1/x at https://vault.example:8200)');
    expect(at.address).toBe('https://vault.example:8200');
  });

  it('toJSON and inspect show only the safe fields', () => {
    const e = new VaultPermissionDeniedError(http);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'VaultPermissionDeniedError', code: 'VAULT_HTTP', message: e.message, ...http });
    const shown = inspect(e, { depth: 10 });
    expect(shown).toContain('VaultPermissionDeniedError: Vault 403 Forbidden');
    expect(shown).toContain("status: 403");
    // Something attached later by a careless caller is not printed by inspect/JSON.
    (e as unknown as Record<symbol, string>)[Symbol('x')] = 'hvs.secret';
    expect(inspect(e)).not.toContain('hvs.secret');
  });
});

describe('LaminVaultValidationError.fromZod', () => {
  it('names fields with a prefix and never echoes the value', () => {
    const schema = z.object({ limit: z.number().max(5), name: z.string().regex(/^[a-z]+$/), list: z.array(z.string()) });
    const r = schema.safeParse({ limit: 99, name: 'SuperSecretValue', list: ['a', 3] });
    if (r.success) throw new Error('expected failure');
    const e = LaminVaultValidationError.fromZod(r.error, 'retry');
    expect(e.issues.map((i) => i.path)).toEqual(['retry.limit', 'retry.name', 'retry.list[1]']);
    expect(e.message).toMatch(/^Invalid input: retry\.limit: /);
    expect(e.message).not.toContain('SuperSecretValue');
    expect(e.message).not.toContain('99');
  });

  it('uses "(root)" for a root issue and the prefix alone when the path is empty', () => {
    const r = z.string().safeParse(3);
    if (r.success) throw new Error('expected failure');
    expect(LaminVaultValidationError.fromZod(r.error).issues[0]?.path).toBe('(root)');
    expect(LaminVaultValidationError.fromZod(r.error, 'token').issues[0]?.path).toBe('token');
  });
});
