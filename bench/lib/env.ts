/** Machine and versions, recorded next to every result. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import type { VaultStack } from '../../src/testing/index.js';
import { PKG_DIR, REPO_ROOT } from './ours.js';
import { QUICK, ROUNDS } from './stats.js';

const require = createRequire(join(REPO_ROOT, 'package.json'));
const version = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;
const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

export function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}

export function environment(stack: VaultStack, startedAt: Date, loadAtStart: number[]) {
  const ours = (require(join(PKG_DIR, 'package.json')) as { version: string }).version;
  return {
    date: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    ...machine(),
    loadAverageAtStart: loadAtStart,
    node: process.version,
    server: { vault: stack.vault.version, postgresMajor: stack.postgres.majorVersion },
    versions: { 'lamin-vault': ours, axios: version('axios'), zod: version('zod'), 'node-vault': version('node-vault'), esbuild: version('esbuild') },
    git: { commit: git('rev-parse', '--short', 'HEAD'), srcUncommitted: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length },
    rounds: ROUNDS,
    quick: QUICK,
  };
}
