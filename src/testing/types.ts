import type { Client } from 'pg';

/** Options for {@link startVaultStack}. Environment variables fill in what is not given. */
export interface StartVaultStackOptions {
  /** PostgreSQL image; `{major}` is replaced by the major version. Default `$POSTGRES_IMAGE` or `postgres:<major>`. */
  postgresImage?: string;
  /** OpenBao/Vault image. Default `$VAULT_IMAGE` or the pinned official OpenBao image. */
  vaultImage?: string;
  /** PostgreSQL major version. Default `$POSTGRES_MAJOR` or 17. */
  postgresMajor?: 15 | 17;
}

/** Options for {@link VaultStackPostgres.connect}; defaults are the admin user and database. */
export interface ConnectOptions {
  user?: string;
  password?: string;
  database?: string;
}

/** The PostgreSQL server of a stack, as seen by Vault and by the test process. */
export interface VaultStackPostgres {
  majorVersion: number;
  /** Host and port as Vault reaches them (a network alias in container mode). */
  hostForVault: string;
  portForVault: number;
  /** Host and port as this process reaches them (a mapped port in container mode). */
  hostForTests: string;
  portForTests: number;
  /** A superuser. The password contains `@:/?#%` and a single quote. */
  adminUser: string;
  adminPassword: string;
  database: string;
  /** A connected `pg` client; the caller ends it (the stack ends leftovers on stop). */
  connect(opts?: ConnectOptions): Promise<Client>;
  /** Creates a fresh database (a random name unless given; a given name must not exist yet) and returns its name. */
  createDatabase(name?: string): Promise<string>;
}

/** A running OpenBao/Vault dev server plus PostgreSQL, ready for the database secrets engine. */
export interface VaultStack extends AsyncDisposable {
  vault: {
    address: string;
    token: string;
    /** e.g. "OpenBao 2.7.2" or "Vault 1.18.0". */
    version: string;
  };
  postgres: VaultStackPostgres;
  /**
   * Docker container ids in container mode (`undefined` for an external or process stack),
   * e.g. to `docker pause` one side in a fault test.
   */
  containers?: { vault: string; postgres: string };
  /** Plain client config, usable as `new VaultClient(stack.client())`. */
  client(): { address: string; token: string };
  /** Stops and removes everything the stack started. Safe to call twice. */
  stop(): Promise<void>;
}
