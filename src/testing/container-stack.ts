import type { StartedTestContainer } from 'testcontainers';
import { managedPostgres, waitForPostgres } from './postgres.js';
import { awkwardPassword, randomHex, stackLabels } from './secrets.js';
import { ensureDatabaseMount, readVaultVersion } from './vault-http.js';
import { HOW_TO_GET_A_STACK, resolveImages } from './images.js';
import { assembleStack } from './assemble-stack.js';
import type { StartVaultStackOptions, VaultStack } from './types.js';

const PG_ALIAS = 'postgres';
const ADMIN_USER = 'lamin_admin';
const ADMIN_DB = 'lamin';

/** Starts PostgreSQL and an OpenBao/Vault dev server as containers on one private network. */
export async function startContainerStack(options: StartVaultStackOptions): Promise<VaultStack> {
  const tc = await import('testcontainers');
  const images = resolveImages(options);
  const labels = stackLabels();
  const runtime = await tc.getContainerRuntimeClient().catch((error: unknown) => {
    throw new Error(`No container runtime answered (${message(error)}). ${HOW_TO_GET_A_STACK}`);
  });
  const networkName = `lamin-vault-test-${randomHex(6)}`;
  const network = await runtime.network.create({ Name: networkName, Labels: labels, CheckDuplicate: true });
  const started: StartedTestContainer[] = [];
  const password = awkwardPassword();
  const token = `root-${randomHex(16)}`;

  const cleanup = async () => {
    await Promise.allSettled(started.map((c) => c.stop({ timeout: 0 })));
    await runtime.network.remove(network).catch(() => {});
  };
  const startOne = async (name: string, image: string, container: InstanceType<typeof tc.GenericContainer>) => {
    try {
      const c = await container.withLabels(labels).withNetworkMode(networkName).withStartupTimeout(90_000).start();
      started.push(c);
      return c;
    } catch (error) {
      throw new Error(`Could not start ${name} from image ${image}: ${message(error)}. ${HOW_TO_GET_A_STACK}`);
    }
  };

  try {
    // allSettled, not all: a failure must not leave the other container starting unseen.
    const [pgContainer, vaultContainer] = await settleAll([
      startOne('PostgreSQL', images.postgres, new tc.GenericContainer(images.postgres)
        .withNetworkAliases(PG_ALIAS)
        .withEnvironment({ POSTGRES_USER: ADMIN_USER, POSTGRES_PASSWORD: password, POSTGRES_DB: ADMIN_DB })
        // Tests need no durability; this makes DDL-heavy tests several times faster.
        .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
        .withExposedPorts(5432)
        .withWaitStrategy(tc.Wait.forLogMessage(/ready to accept connections/))),
      startOne('OpenBao/Vault', images.vault, new tc.GenericContainer(images.vault)
        // `bao server -dev ...` runs as given in the local image and in the official one.
        .withCommand(['bao', 'server', '-dev', `-dev-root-token-id=${token}`,
          '-dev-listen-address=0.0.0.0:8200', '-dev-no-store-token'])
        .withEnvironment({ SKIP_SETCAP: 'true', SKIP_CHOWN: 'true' })
        .withExposedPorts(8200)
        .withWaitStrategy(tc.Wait.forHttp('/v1/sys/health', 8200).forStatusCode(200))),
    ]);
    const endpoints = {
      hostForVault: PG_ALIAS, portForVault: 5432,
      hostForTests: pgContainer.getHost(), portForTests: pgContainer.getMappedPort(5432),
      adminUser: ADMIN_USER, adminPassword: password, database: ADMIN_DB,
    };
    const address = `http://${vaultContainer.getHost()}:${vaultContainer.getMappedPort(8200)}`;
    const [majorVersion, version] = await Promise.all([
      waitForPostgres(endpoints),
      readVaultVersion(address),
      ensureDatabaseMount(address, token),
    ]);
    const containers = { vault: vaultContainer.getId(), postgres: pgContainer.getId() };
    return assembleStack({ address, token, version }, managedPostgres(endpoints, majorVersion), cleanup, false, containers);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
