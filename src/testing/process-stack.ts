import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { assembleStack } from './assemble-stack.js';
import { resolveImages } from './images.js';
import { managedPostgres, waitForPostgres } from './postgres.js';
import { freePort, runToEnd, startProcess, stopProcess, unprivilegedUser } from './processes.js';
import { awkwardPassword, randomHex } from './secrets.js';
import { ensureDatabaseMount, readVaultVersion, waitForVaultHealth } from './vault-http.js';
import type { StartVaultStackOptions, VaultStack } from './types.js';

const ADMIN_USER = 'lamin_admin';

/** Binaries for a process stack: `bao` (or `vault`) and PostgreSQL's bin directory; `missing` names what was not found. */
export function findProcessTools(major: number): { bao?: string; pgBin?: string; missing: string[] } {
  const bao = process.env.LAMIN_VAULT_BAO_BIN || onPath('bao') || onPath('vault');
  const candidates = [process.env.POSTGRES_BINDIR, `/usr/lib/postgresql/${major}/bin`];
  const pgBin = candidates.find((dir) => dir && existsSync(join(dir, 'initdb')));
  const missing = [
    ...(bao ? [] : ['a bao or vault binary (PATH or LAMIN_VAULT_BAO_BIN)']),
    ...(pgBin ? [] : [`PostgreSQL ${major} binaries (/usr/lib/postgresql/${major}/bin or POSTGRES_BINDIR)`]),
  ];
  return { ...(bao && { bao }), ...(pgBin && { pgBin }), missing };
}

/**
 * Fallback without Docker: PostgreSQL and a Vault/OpenBao dev server as local processes on
 * free loopback ports, in a temporary directory that `stop()` removes (kept on failure, for its logs).
 */
export async function startProcessStack(options: StartVaultStackOptions): Promise<VaultStack> {
  const { major } = resolveImages(options);
  const { bao, pgBin, missing } = findProcessTools(major);
  if (!bao || !pgBin) throw new Error(`Cannot start a process stack: missing ${missing.join(' and ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'lamin-vault-stack-'));
  const user = unprivilegedUser();
  if (user) await chown(dir, user.uid, user.gid);
  const children: ChildProcess[] = [];
  const release = async (keepDir = false) => {
    await Promise.all(children.map((child) => stopProcess(child)));
    if (!keepDir) await rm(dir, { recursive: true, force: true });
  };

  try {
    const password = awkwardPassword();
    const token = `root-${randomHex(16)}`;
    const [pgPort, vaultPort] = await Promise.all([freePort(), freePort()]);
    const pwfile = join(dir, 'pwfile');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) await chown(pwfile, user.uid, user.gid);
    const pgLog = { logFile: join(dir, 'postgres.log'), user };
    await runToEnd(join(pgBin, 'initdb'), ['-D', join(dir, 'data'), '-U', ADMIN_USER, `--pwfile=${pwfile}`,
      '-E', 'UTF8', '--locale=C.UTF-8', '--auth=scram-sha-256'], pgLog);
    await rm(pwfile);
    const pg = startProcess(join(pgBin, 'postgres'), ['-D', join(dir, 'data'), '-p', String(pgPort), '-k', dir,
      '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'], pgLog);
    children.push(pg);
    const vault = startProcess(bao, ['server', '-dev', `-dev-root-token-id=${token}`,
      `-dev-listen-address=127.0.0.1:${vaultPort}`, '-dev-no-store-token'],
      { logFile: join(dir, 'vault.log'), env: { ...process.env, HOME: dir } });
    children.push(vault);

    const address = `http://127.0.0.1:${vaultPort}`;
    const endpoints = {
      hostForVault: '127.0.0.1', portForVault: pgPort, hostForTests: '127.0.0.1', portForTests: pgPort,
      adminUser: ADMIN_USER, adminPassword: password, database: 'postgres',
    };
    const [majorVersion] = await Promise.all([
      unlessExited(pg, 'postgres', waitForPostgres(endpoints)),
      unlessExited(vault, bao, waitForVaultHealth(address)),
    ]);
    const [version] = await Promise.all([readVaultVersion(address), ensureDatabaseMount(address, token)]);
    return assembleStack({ address, token, version }, managedPostgres(endpoints, majorVersion), () => release(), false);
  } catch (error) {
    await release(true);
    throw new Error(`${error instanceof Error ? error.message : String(error)} (logs in ${dir})`);
  }
}

/** `promise`, unless `child` exits first. */
function unlessExited<T>(child: ChildProcess, name: string, promise: Promise<T>): Promise<T> {
  let onExit: (code: number | null) => void = () => {};
  const exited = new Promise<never>((_, reject) => {
    onExit = (code) => reject(new Error(`${name} exited early (code ${code})`));
    child.once('exit', onExit);
  });
  return Promise.race([promise, exited]).finally(() => child.off('exit', onExit));
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((file) => existsSync(file));
}
