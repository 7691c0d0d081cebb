/**
 * A benchmark instance: a fresh database with the LaminDB-like schema the tests use,
 * set up by `initInstanceVault` (as test/helpers/instance.ts does).
 */
import { randomUUID } from 'node:crypto';
import type { VaultStack } from '../../src/testing/index.js';
import type { VaultClient } from '../../src/index.js';
import { createLaminSchema } from '../../test/helpers/lamin-schema.js';
import type { Ours } from './ours.js';

export interface BenchInstance {
  instanceId: string;
  adminAccountId: string;
  database: string;
}

export async function newInstance(ours: Ours, stack: VaultStack, client: VaultClient): Promise<BenchInstance> {
  const database = await stack.postgres.createDatabase();
  const owner = await stack.postgres.connect({ database });
  try {
    await createLaminSchema(owner);
  } finally {
    await owner.end();
  }
  const instanceId = randomUUID();
  const adminAccountId = randomUUID();
  await ours.initInstanceVault(client, {
    instanceId, adminAccountId,
    dbHost: stack.postgres.hostForVault, dbPort: stack.postgres.portForVault, dbName: database,
    vaultDbUsername: stack.postgres.adminUser, vaultDbPassword: stack.postgres.adminPassword, sslmode: 'disable',
  });
  return { instanceId, adminAccountId, database };
}
