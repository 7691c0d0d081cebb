import type pg from 'pg';
import type { DbCredentials, VaultClient } from '../../src/index.js';
import type { VaultStack } from '../../src/testing/index.js';
import type { DemoDatabase } from './database.js';
import type { Level, Matrix } from './matrix.js';

/** The collaborators the demo adds, one per level; `owner` is the admin made by init. */
export const ACCOUNTS: Readonly<Record<Level, string>> = { read: 'reader', write: 'writer', admin: 'maintainer' };
export const OWNER_ACCOUNT = 'owner';

/** Everything the steps share. */
export interface DemoState {
  stack: VaultStack;
  client: VaultClient;
  db: DemoDatabase;
  instanceId: string;
  creds: Partial<Record<Level, DbCredentials>>;
  sessions: Partial<Record<Level, pg.Client>>;
  /** Observed in step 3. */
  matrix: Partial<Matrix>;
}
