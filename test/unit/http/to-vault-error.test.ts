import { describe, expect, it } from 'vitest';
import {
  VaultHttpError,
  VaultNotFoundError,
  VaultPermissionDeniedError,
  VaultRateLimitedError,
  VaultUnavailableError,
} from '../../../src/errors.js';
import { httpError, networkErrorCode, parseMessages, redact } from '../../../src/http/to-vault-error.js';

const ctx = { method: 'GET', path: '/v1/x', namespaceSent: false, token: undefined, body: undefined };

describe('parseMessages: errors[], then error, then short text', () => {
  it.each([
    ['{"errors":["a","b"]}', ['a', 'b']],
    ['{"errors":[]}', []],
    ['{"errors":[],"error":"e"}', ['e']],
    ['{"error":"only"}', ['only']],
    ['{"errors":["a"],"error":"e"}', ['a']],
    ['{"errors":[1,"",null,"x"]}', ['x']],
    ['{}', []],
    ['', []],
    ['  \n ', []],
    ['<html>\n<body>Bad   Gateway</body></html>', ['<html> <body>Bad Gateway</body></html>']],
    ['{not json', ['{not json']],
  ])('%j → %j', (body, out) => {
    expect(parseMessages(body)).toEqual(out);
  });

  it('truncates long raw text', () => {
    const [m] = parseMessages('x'.repeat(5_000));
    expect(m?.length).toBeLessThanOrEqual(201);
    expect(m?.endsWith('…')).toBe(true);
  });
});

describe('httpError', () => {
  it('maps statuses to classes', () => {
    expect(httpError(404, '', ctx)).toBeInstanceOf(VaultNotFoundError);
    expect(httpError(403, '', ctx)).toBeInstanceOf(VaultPermissionDeniedError);
    expect(httpError(429, '', ctx)).toBeInstanceOf(VaultRateLimitedError);
    for (const s of [500, 501, 502, 503, 504]) expect(httpError(s, '', ctx)).toBeInstanceOf(VaultUnavailableError);
    const plain = httpError(400, '{"errors":["bad"]}', ctx);
    expect(plain.constructor).toBe(VaultHttpError);
    expect(plain.message).toBe('Vault 400 Bad Request: bad (GET /v1/x)');
  });

  it('turns an empty errors array into a message with the status and a namespace hint on 403', () => {
    expect(httpError(403, '{"errors":[]}', ctx).message).toBe('Vault 403 Forbidden: no error message from Vault (missing namespace?) (GET /v1/x)');
    expect(httpError(403, '{"errors":[]}', { ...ctx, namespaceSent: true }).message).toBe('Vault 403 Forbidden: no error message from Vault (GET /v1/x)');
    expect(httpError(500, '', ctx).message).toBe('Vault 500 Internal Server Error: no error message from Vault (GET /v1/x)');
  });

  it('redacts the token, secret body values, URL passwords and token-shaped strings from messages', () => {
    const token = 'hvs.CALLERTOKEN0123456789abcdef';
    const body = { connection_url: 'postgresql://{{username}}:{{password}}@db/x', password: 'Sup3r-Secret!', nested: { root_password: 'p@ss:w0rd' }, other: 'visible' };
    const msg = `bad ${token} pw Sup3r-Secret! root p@ss:w0rd url postgres://admin:hunter2@db:5432/x s.ABCDEFGHIJKLMNOPQRSTUVWX visible`;
    const e = httpError(400, JSON.stringify({ errors: [msg] }), { ...ctx, token, body });
    const text = `${e.message} ${JSON.stringify(e)}`;
    for (const secret of [token, 'Sup3r-Secret!', 'p@ss:w0rd', 'hunter2', 's.ABCDEFGHIJKLMNOPQRSTUVWX']) expect(text).not.toContain(secret);
    expect(text).toContain('visible');
    expect(e.errors[0]).toContain('postgres://admin:***@db:5432/x');
  });

  it('redacts a token that sits in a (legacy) path', () => {
    const token = 'hvs.PATHTOKEN0123456789abcdefgh';
    const e = httpError(403, '', { ...ctx, path: `/v1/auth/token/lookup/${token}`, token });
    expect(e.path).toBe('/v1/auth/token/lookup/***');
  });
});

describe('networkErrorCode', () => {
  it('keeps only a sanitised code', () => {
    expect(networkErrorCode({ code: 'ECONNREFUSED', config: { headers: { 'X-Vault-Token': 't' } } })).toBe('ECONNREFUSED');
    expect(networkErrorCode({ code: 'ERR_BAD_RESPONSE', cause: { code: 'EPIPE' } })).toBe('EPIPE');
    expect(networkErrorCode({ cause: { code: 'ECONNRESET' } })).toBe('ECONNRESET');
    expect(networkErrorCode({ code: 'weird code with spaces' })).toBe('UNKNOWN');
    expect(networkErrorCode(new Error('x'))).toBe('UNKNOWN');
    expect(networkErrorCode(undefined)).toBe('UNKNOWN');
  });

  it('redact leaves ordinary text alone', () => {
    expect(redact('permission denied', ['secret'])).toBe('permission denied');
  });
});
