/**
 * Loads lamin-vault from the private copy of the build that scripts/bench.sh makes
 * (.tmp/bench/node_modules/lamin-vault), so the benchmarks run the built dist, as users
 * do, and other builders rebuilding ./dist mid-run cannot pull it out from under us.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Ours = typeof import('../../src/index.js');
export type OursTesting = typeof import('../../src/testing/index.js');

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The package copy; BENCH_PKG_DIR (relative to the repo) points the bench at another build. */
const DEFAULT_PKG_DIR = resolve(REPO_ROOT, '.tmp/bench/node_modules/lamin-vault');
export const PKG_DIR = resolve(REPO_ROOT, process.env.BENCH_PKG_DIR ?? DEFAULT_PKG_DIR);
/** True when measuring some other build (e.g. a local experiment), not the one bench.sh makes. */
export const OTHER_BUILD = PKG_DIR !== DEFAULT_PKG_DIR;
/** Where `import('lamin-vault')` resolves to {@link PKG_DIR} for processes started there. */
export const BENCH_DIR = resolve(PKG_DIR, '..', '..');

/**
 * Gives {@link BENCH_DIR} its own package scope. Without it, `import('lamin-vault')` there
 * would self-reference the repository's package.json and load ./dist, not {@link PKG_DIR}.
 */
export function isolateBenchDir(): void {
  writeFileSync(join(BENCH_DIR, 'package.json'), '{ "name": "lamin-vault-bench", "private": true, "type": "module" }\n');
}

const load = (entry: string) => import(pathToFileURL(join(PKG_DIR, 'dist', entry)).href);

export const loadOurs = (): Promise<Ours> => load('index.js');
export const loadTesting = (): Promise<OursTesting> => load('testing/index.js');
