import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const CLI_OUT = 'dist/cli/main.js';
const SHEBANG = '#!/usr/bin/env node\n';

// The bin must start with a shebang and be executable, whether or not
// src/cli/main.ts carries its own (esbuild keeps a leading one).
function finishCli(): void {
  const code = readFileSync(CLI_OUT, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(CLI_OUT, SHEBANG + code);
  chmodSync(CLI_OUT, 0o755);
}

/**
 * The runtime parts of axios and zod are bundled into dist: loading their ~150 ESM files
 * cost ~120 ms per cold import, one bundle ~35 ms (bench/README.md). Both stay dependencies,
 * for the types in our declarations and for the schemas and adapters users pass in.
 */
const BUNDLED = ['axios', 'zod'];

/**
 * Our adapter does the network, so axios's own adapters and its form-data support are
 * dropped, with the same mapping axios's package.json applies for browsers (`browser` field:
 * these modules → `lib/helpers/null.js`). axios then has no http adapter, follow-redirects,
 * form-data or proxy-from-env in our bundle; `config.adapter` takes a function, never a name.
 */
const AXIOS_UNUSED = /[\\/]axios[\\/]lib[\\/](adapters[\\/](http|xhr|fetch)|platform[\\/]node[\\/]classes[\\/]FormData)\.js$/;
/**
 * axios reads `globalThis.FormData` when loaded, and on Node 20 that getter loads Node's
 * bundled undici: 15 ms, a third of our import. The value only short-cuts `isFormData`, whose
 * fallback (the `[object FormData]` tag) gives the same answer, and we never send forms.
 */
const AXIOS_UTILS = /[\\/]axios[\\/]lib[\\/]utils\.js$/;
const FORMDATA_PROBE = "typeof G.FormData !== 'undefined' ? G.FormData : undefined";

const axiosCoreOnly: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'axios-core-only',
  setup(build) {
    build.onLoad({ filter: AXIOS_UNUSED }, () => ({ contents: 'export default null;', loader: 'js' }));
    build.onLoad({ filter: AXIOS_UTILS }, ({ path }) => {
      const code = readFileSync(path, 'utf8');
      // A new axios that changed this line fails the build instead of silently loading undici.
      if (code.split(FORMDATA_PROBE).length !== 2) throw new Error(`axios-core-only: ${FORMDATA_PROBE} not found once in ${path}`);
      return { contents: code.replace(FORMDATA_PROBE, 'undefined'), loader: 'js' };
    });
  },
};

/** Maps name files and lines for stack traces; embedding the bundled sources would add 2 MB per map. */
const withoutSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
};

export default defineConfig([
  {
    // Library entries: ESM (.js + .d.ts) and CommonJS (.cjs + .d.cts).
    entry: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    clean: false, // `npm run build` empties dist first: the two configs run concurrently
    sourcemap: true,
    splitting: false,
    shims: false,
    keepNames: false, // see scripts/check-package.sh: exported names are checked instead
    noExternal: BUNDLED,
    esbuildPlugins: [axiosCoreOnly],
    esbuildOptions: withoutSourcesContent,
  },
  {
    // The CLI: one ESM file, no types.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    target: 'node20',
    platform: 'node',
    clean: false,
    sourcemap: true,
    splitting: false,
    shims: false,
    keepNames: false, // see scripts/check-package.sh: exported names are checked instead
    noExternal: BUNDLED,
    esbuildPlugins: [axiosCoreOnly],
    esbuildOptions: withoutSourcesContent,
    onSuccess: async () => finishCli(),
  },
]);
