import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const CLI_OUT = 'dist/cli/main.js';
const SHEBANG = '#!/usr/bin/env node\n';

// The bin must start with a shebang and be executable, whether or not
// src/cli/main.ts carries its own (esbuild keeps a leading one).
function finishCli(): void {
  const code = readFileSync(CLI_OUT, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(CLI_OUT, SHEBANG + code);
  chmodSync(CLI_OUT, 0o755);
}

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
    keepNames: true, // classes keep their names (esbuild renames self-referencing ones), e.g. in uncaught-error output
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
    keepNames: true, // classes keep their names (esbuild renames self-referencing ones), e.g. in uncaught-error output
    onSuccess: async () => finishCli(),
  },
]);
