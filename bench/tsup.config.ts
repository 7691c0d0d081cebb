// The project's own build (../tsup.config.ts), written to the private copy that the
// benchmarks import (see lib/ours.ts) instead of ./dist, which other work may be rebuilding.
import type { Options } from 'tsup';
import project from '../tsup.config.js';

const outDir = `${process.env.BENCH_PKG_DIR ?? '.tmp/bench/node_modules/lamin-vault'}/dist`;
const configs = (Array.isArray(project) ? project : [project]) as Options[];

// onSuccess only finishes the CLI's shebang and mode in ./dist: no size or behaviour we measure.
const bench: Options[] = configs.map((c) => ({ ...c, outDir, onSuccess: undefined }));
export default bench;
