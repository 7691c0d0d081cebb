import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** uid/gid to drop to when running as root (PostgreSQL refuses root): `postgres`, else `nobody`. */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lines = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  const entry = lines.find((f) => f[0] === 'postgres') ?? lines.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('running as root and found neither a postgres nor a nobody user to run PostgreSQL as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((p) => p.kill('SIGKILL')));

/** Starts a long-running process with output to `logFile`; it is killed if this process exits. */
export function startProcess(
  command: string,
  args: string[],
  opts: { logFile: string; env?: NodeJS.ProcessEnv; user?: { uid: number; gid: number } | undefined },
): ChildProcess {
  const log = openSync(opts.logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], env: opts.env ?? process.env, ...opts.user });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Runs a command to completion; rejects with its exit code and the log file to read. */
export function runToEnd(command: string, args: string[], opts: Parameters<typeof startProcess>[2]): Promise<void> {
  const child = startProcess(command, args, opts);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}; see ${opts.logFile}`)),
    );
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
