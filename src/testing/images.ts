import type { StartVaultStackOptions } from './types.js';

/** Official images, pinned. Machines without a registry set VAULT_IMAGE/POSTGRES_IMAGE (see scripts/test.sh). */
export const DEFAULT_VAULT_IMAGE = 'openbao/openbao:2.7.2';
export const DEFAULT_POSTGRES_IMAGE = 'postgres:{major}';

/** The images and PostgreSQL major version one stack uses: options, then environment, then defaults. */
export function resolveImages(options: StartVaultStackOptions): { vault: string; postgres: string; major: number } {
  const major = options.postgresMajor ?? parseMajor(process.env.POSTGRES_MAJOR) ?? 17;
  const postgres = options.postgresImage ?? (process.env.POSTGRES_IMAGE || DEFAULT_POSTGRES_IMAGE);
  const vault = options.vaultImage ?? (process.env.VAULT_IMAGE || DEFAULT_VAULT_IMAGE);
  return { vault, postgres: postgres.replaceAll('{major}', String(major)), major };
}

function parseMajor(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`POSTGRES_MAJOR must be a number like 15 or 17, got "${value}"`);
  return Number(value);
}

/** Appended to every "no stack" error: the ways to get one. */
export const HOW_TO_GET_A_STACK =
  'Provide Docker (on machines without a registry run scripts/provision-test-images.sh and set ' +
  'VAULT_IMAGE/POSTGRES_IMAGE and TESTCONTAINERS_RYUK_DISABLED=true, as scripts/test.sh does), or point the tests at a running stack ' +
  'with VAULT_ADDR, VAULT_TOKEN and DATABASE_URL, or install bao and PostgreSQL binaries for a process stack';
