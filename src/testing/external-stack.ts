import { managedPostgres, waitForPostgres } from './postgres.js';
import { ensureDatabaseMount, readVaultVersion, vaultRequest } from './vault-http.js';
import { assembleStack } from './assemble-stack.js';
import type { VaultStack } from './types.js';

/** True when VAULT_ADDR, VAULT_TOKEN and DATABASE_URL name an existing stack. */
export function externalStackConfigured(env = process.env): boolean {
  return Boolean(env.VAULT_ADDR && env.VAULT_TOKEN && env.DATABASE_URL);
}

/**
 * Uses a running Vault and PostgreSQL instead of starting any. DATABASE_URL is how the
 * tests reach PostgreSQL (as a superuser); DATABASE_URL_FOR_VAULT, if set, gives the host
 * and port Vault uses. Databases made by `createDatabase()` are dropped on stop.
 */
export async function startExternalStack(env = process.env): Promise<VaultStack> {
  const address = env.VAULT_ADDR!.replace(/\/+$/, '');
  const token = env.VAULT_TOKEN!;
  const forTests = parseUrl('DATABASE_URL', env.DATABASE_URL!);
  const forVault = env.DATABASE_URL_FOR_VAULT ? parseUrl('DATABASE_URL_FOR_VAULT', env.DATABASE_URL_FOR_VAULT) : forTests;
  const health = await vaultRequest(address, undefined, 'GET', 'sys/health').catch((error: unknown) => {
    throw new Error(`VAULT_ADDR=${address} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (health.status !== 200) {
    throw new Error(`VAULT_ADDR=${address}: sys/health answered ${health.status} (expected 200: initialized, unsealed, active)`);
  }
  const endpoints = {
    hostForVault: forVault.host, portForVault: forVault.port,
    hostForTests: forTests.host, portForTests: forTests.port,
    adminUser: forTests.user, adminPassword: forTests.password, database: forTests.database,
  };
  const [majorVersion, version] = await Promise.all([
    waitForPostgres(endpoints, 10_000),
    readVaultVersion(address),
    ensureDatabaseMount(address, token),
  ]);
  return assembleStack({ address, token, version }, managedPostgres(endpoints, majorVersion), async () => {}, true);
}

function parseUrl(name: string, value: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL like postgresql://user:password@host:5432/db`); // never echo: it holds a password
  }
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 5432,
    user,
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || user,
  };
}
