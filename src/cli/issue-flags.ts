/**
 * The one place that tells which flag an input field came from, so validation errors
 * name what the user typed (`--level`) rather than the library's field (`role`).
 */

/** Fields every command feeds the same way, and the Vault client's settings. */
const SHARED: Readonly<Record<string, string>> = {
  instanceId: '--instance',
  accountId: '--account',
  mount: '--mount',
  role: '--level',
  allowDelete: '--allow-delete',
  ttl: '--ttl',
  maxTtl: '--max-ttl',
  roleName: '--role',
  yes: '--yes',
  // The client settings: flags are folded into the environment before it is read.
  address: '--address / $VAULT_ADDR',
  VAULT_ADDR: '--address / $VAULT_ADDR',
  namespace: '--namespace / $VAULT_NAMESPACE',
  VAULT_NAMESPACE: '--namespace / $VAULT_NAMESPACE',
  VAULT_CACERT: '--ca-cert / $VAULT_CACERT',
};

const DB = '--db';

/** Per command: fields it feeds differently (commands not listed use {@link SHARED} only). */
const BY_COMMAND: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'init-instance': {
    // The admin collaborator's spec is validated again inside the operation under these names.
    adminAccountId: '--admin',
    accountId: '--admin',
    adminTtl: '--admin-ttl',
    ttl: '--admin-ttl',
    adminMaxTtl: '--admin-max-ttl',
    maxTtl: '--admin-max-ttl',
    publicRead: '--public-read',
    db: DB,
    dbHost: `${DB} (host)`,
    dbPort: `${DB} (port)`,
    dbName: `${DB} (database)`,
    vaultDbUsername: `${DB} (user)`,
    vaultDbPassword: `${DB} (password)`,
    sslmode: `--sslmode / ${DB} ?sslmode=`,
  },
  creds: {
    host: '--host',
    port: '--port',
    database: '--database',
    sslmode: '--sslmode',
  },
};

/**
 * The flag behind an issue path of `command` (e.g. `collaborator set`, also under `plan`),
 * or `undefined` when no flag feeds it (e.g. an environment variable of its own).
 */
export function flagFor(command: string | undefined, path: string): string | undefined {
  const own = command === undefined ? undefined : BY_COMMAND[command];
  return own?.[path] ?? SHARED[path];
}
