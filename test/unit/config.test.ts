import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configFromEnv, normaliseNamespace, parseConfig, type VaultClientConfigInput } from '../../src/config.js';
import { LaminVaultValidationError } from '../../src/errors.js';

const TOKEN = 'hvs.CONFIGTESTTOKEN1234567890';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function invalid(input: unknown): LaminVaultValidationError {
  try {
    parseConfig(input as VaultClientConfigInput);
  } catch (e) {
    expect(e).toBeInstanceOf(LaminVaultValidationError);
    return e as LaminVaultValidationError;
  }
  throw new Error('expected a validation error');
}

describe('parseConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const c = parseConfig({ address: 'https://vault.example.com:8200/', token: TOKEN });
    expect(c).toMatchObject({
      address: 'https://vault.example.com:8200',
      token: TOKEN,
      namespace: undefined,
      timeoutMs: 30_000,
      retry: { limit: 2, baseDelayMs: 250, maxDelayMs: 5_000 },
      rejectUnauthorized: true,
      headers: {},
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.retry)).toBe(true);
  });

  it('keeps a path prefix of the address (Vault behind a proxy)', () => {
    expect(parseConfig({ address: ' http://proxy.local/vault/ ' }).address).toBe('http://proxy.local/vault');
  });

  it('never prints the token through JSON or inspect', () => {
    const c = parseConfig({ address: 'http://127.0.0.1:8200', token: TOKEN, caCert: PEM });
    expect(JSON.stringify(c)).not.toContain(TOKEN);
    expect(inspect(c, { depth: 5 })).not.toContain(TOKEN);
    expect(inspect(c)).toContain('<redacted>');
    expect(JSON.stringify(c)).not.toContain('MIIB');
  });

  it.each([
    ['address', { address: 'ftp://x' }],
    ['address', { address: 'not a url' }],
    ['address', { address: 'https://user:pw@vault' }],
    ['address', { address: 'https://vault?x=1' }],
    ['address', { address: 'http://vault\n:8200' }],
    ['address', { address: 'http://va ult' }],
    ['token', { address: 'http://v', token: '' }],
    ['token', { address: 'http://v', token: 'abc\ndef' }],
    ['namespace', { address: 'http://v', namespace: 'a\u0000b' }],
    ['timeoutMs', { address: 'http://v', timeoutMs: 0 }],
    ['timeoutMs', { address: 'http://v', timeoutMs: 2 ** 31 }],
    ['retry.limit', { address: 'http://v', retry: { limit: 6 } }],
    ['retry.baseDelayMs', { address: 'http://v', retry: { baseDelayMs: -1 } }],
    ['caCert', { address: 'http://v', caCert: 'not pem' }],
    ['rejectUnauthorized', { address: 'http://v', rejectUnauthorized: 'no' }],
    ['debug', { address: 'http://v', debug: 'yes' }],
  ])('names the bad field %s', (field, input) => {
    const e = invalid(input);
    expect(e.issues.map((i) => i.path)).toContain(field);
    expect(e.message).toContain(field);
  });

  it('refuses X-Vault-* custom headers and non-printable values', () => {
    expect(invalid({ address: 'http://v', headers: { 'X-Vault-Token': 'x' } }).message).toContain('headers.X-Vault-Token');
    expect(invalid({ address: 'http://v', headers: { 'x-vault-namespace': 'x' } }).issues[0]?.path).toBe('headers.x-vault-namespace');
    expect(invalid({ address: 'http://v', headers: { 'X-Ok': 'a\r\nInjected: 1' } }).issues[0]?.path).toBe('headers.X-Ok');
    expect(invalid({ address: 'http://v', headers: { 'bad name': 'x' } }).issues[0]?.path).toBe('headers.bad name');
    expect(parseConfig({ address: 'http://v', headers: { 'X-Request-Id': 'abc' } }).headers).toEqual({ 'X-Request-Id': 'abc' });
  });

  it('rejects unknown keys (typos do not pass silently)', () => {
    expect(invalid({ address: 'http://v', tokn: 'x' }).message).toMatch(/tokn|Unrecognized/);
  });

  it('never echoes the token in a validation error', () => {
    const secret = 'hvs.SHOULD-NOT-LEAK\u0007';
    const e = invalid({ address: 'http://v', token: secret });
    expect(e.message).not.toContain('SHOULD-NOT-LEAK');
    expect(JSON.stringify(e)).not.toContain('SHOULD-NOT-LEAK');
    expect(inspect(e, { depth: 10 })).not.toContain('SHOULD-NOT-LEAK');
  });
});

describe('normaliseNamespace', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['/', undefined],
    ['root', undefined],
    ['/root/', undefined],
    ['admin', 'admin'],
    ['/admin/', 'admin'],
    [' admin/team/ ', 'admin/team'],
  ])('%j → %j', (input, out) => {
    expect(normaliseNamespace(input)).toBe(out);
    if (input !== null) expect(parseConfig({ address: 'http://v', ...(input === undefined ? {} : { namespace: input }) }).namespace).toBe(out);
  });
});

describe('configFromEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lamin-vault-config-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, PEM);

  it('reads VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT like the vault CLI', () => {
    const input = configFromEnv({ VAULT_ADDR: 'https://v:8200', VAULT_TOKEN: TOKEN, VAULT_NAMESPACE: 'admin/', VAULT_CACERT: caFile });
    expect(input).toEqual({ address: 'https://v:8200', token: TOKEN, namespace: 'admin/', caCert: PEM });
    expect(parseConfig(input).namespace).toBe('admin');
  });

  it('reads a CA directory (VAULT_CAPATH) and the Go booleans of VAULT_SKIP_VERIFY', () => {
    const caDir = join(dir, 'cas');
    mkdirSync(caDir);
    writeFileSync(join(caDir, 'a.pem'), PEM);
    writeFileSync(join(caDir, 'b.crt'), PEM);
    writeFileSync(join(caDir, 'readme.txt'), 'ignored');
    expect(configFromEnv({ VAULT_ADDR: 'https://v', VAULT_CAPATH: caDir }).caCert).toBe(`${PEM}\n${PEM}`);
    for (const t of ['1', 't', 'T', 'true', 'TRUE', 'True']) expect(configFromEnv({ VAULT_ADDR: 'https://v', VAULT_SKIP_VERIFY: t }).rejectUnauthorized).toBe(false);
    for (const f of ['0', 'f', 'false', 'FALSE']) expect(configFromEnv({ VAULT_ADDR: 'https://v', VAULT_SKIP_VERIFY: f }).rejectUnauthorized).toBe(true);
  });

  it('reads VAULT_MAX_RETRIES and VAULT_CLIENT_TIMEOUT', () => {
    expect(configFromEnv({ VAULT_ADDR: 'http://v', VAULT_MAX_RETRIES: '4', VAULT_CLIENT_TIMEOUT: '2m' })).toMatchObject({ retry: { limit: 4 }, timeoutMs: 120_000 });
    expect(configFromEnv({ VAULT_ADDR: 'http://v', VAULT_CLIENT_TIMEOUT: '15' }).timeoutMs).toBe(15_000);
  });

  it('does not read anything it was not given', () => {
    expect(configFromEnv({ VAULT_ADDR: 'http://v' })).toEqual({ address: 'http://v' });
  });

  it('names bad variables without echoing values', () => {
    let err: unknown;
    try {
      configFromEnv({ VAULT_TOKEN: TOKEN, VAULT_SKIP_VERIFY: 'maybe', VAULT_CACERT: join(dir, 'missing.pem'), VAULT_MAX_RETRIES: 'x', VAULT_CLIENT_TIMEOUT: '1d' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LaminVaultValidationError);
    const e = err as LaminVaultValidationError;
    expect(e.issues.map((i) => i.path)).toEqual(['VAULT_ADDR', 'VAULT_CACERT', 'VAULT_SKIP_VERIFY', 'VAULT_MAX_RETRIES', 'VAULT_CLIENT_TIMEOUT']);
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain('maybe');
  });
});
