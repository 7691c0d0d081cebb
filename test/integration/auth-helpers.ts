/** Helpers of the auth-*.test.ts files: tokens with given policies, JWTs, denial checks. */
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';
import { VaultClient, isVaultError } from '../../src/index.js';

/** A client whose token holds exactly the given HCL (as policy `name`), no default policy. */
export async function clientWithPolicy(root: VaultClient, hcl: string, name = `test-${randomBytes(4).toString('hex')}`): Promise<VaultClient> {
  await root.write(['sys', 'policies', 'acl', name], { policy: hcl });
  const res = await root.write(['auth', 'token', 'create'], { policies: [name], no_default_policy: true, ttl: '30m' });
  const token = res?.auth?.clientToken;
  if (!token) throw new Error('no token');
  return root.withOptions({ token });
}

/** Expects a 403 from the call (and no other outcome). */
export async function expectDenied(call: () => Promise<unknown>): Promise<void> {
  const outcome = await call().then(() => 'allowed', (error: unknown) => (isVaultError(error, 403) ? 'denied' : error));
  expect(outcome).toBe('denied');
}

export interface SigningKey {
  privateKey: KeyObject;
  publicPem: string;
}

export function newSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs claims as an RS256 JWT; `alg: 'none'` produces an unsigned token. */
export function signJwt(key: SigningKey, claims: Record<string, unknown>, alg: 'RS256' | 'none' = 'RS256'): string {
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${input}.`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url')}`;
}

/** Standard claims valid for five minutes. */
export function claims(over: Record<string, unknown>): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://hub.test', aud: 'lamin', iat: now, nbf: now, exp: now + 300, ...over };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Expects Vault to refuse the call with 403, or 400 where it fails a template (no effect either way). */
export async function expectRefusedCall(call: () => Promise<unknown>): Promise<void> {
  const outcome = await call().then(() => 'allowed', (error: unknown) => (isVaultError(error, 403) || isVaultError(error, 400) ? 'refused' : error));
  expect(outcome).toBe('refused');
}
