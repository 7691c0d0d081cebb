/**
 * Loads lamin-vault from the private copy of the build that scripts/bench.sh makes
 * (.tmp/bench/node_modules/lamin-vault), so the benchmarks run the built dist, as users
 * do, and other builders rebuilding ./dist mid-run cannot pull it out from under us.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export type Ours = typeof import('../../src/index.js');
export type OursTesting = typeof import('../../src/testing/index.js');

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where `import('lamin-vault')` resolves for processes started in {@link BENCH_DIR}. */
export const BENCH_DIR = join(REPO_ROOT, '.tmp', 'bench');
export const PKG_DIR = join(BENCH_DIR, 'node_modules', 'lamin-vault');

const load = (entry: string) => import(pathToFileURL(join(PKG_DIR, 'dist', entry)).href);

export const loadOurs = (): Promise<Ours> => load('index.js');
export const loadTesting = (): Promise<OursTesting> => load('testing/index.js');
