// package.json must describe what tsup emits (ESM .js/.d.ts, CJS .cjs/.d.cts) and ship
// only what users need; the built tarball itself is checked by scripts/check-package.sh.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Pkg {
  type: string;
  sideEffects: boolean;
  main: string;
  types: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Pkg;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

describe('package.json', () => {
  it('maps both entry points to ESM and CJS builds with matching types', () => {
    const entry = (base: string) => ({
      import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
      require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
    });
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual(entry('index'));
    expect(pkg.exports['./testing']).toEqual(entry('testing/index'));
    expect(pkg.main).toBe('./dist/index.cjs');
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.bin).toEqual({ 'lamin-vault': './dist/cli/main.js' });
  });

  it('ships only the build and the docs', () => {
    expect([...pkg.files].sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist']);
  });

  it('has only axios, zod and pg-format as runtime dependencies', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['axios', 'pg-format', 'zod']);
  });

  it('declares the test stack needs as optional peers that are also dev dependencies', () => {
    for (const name of ['pg', 'testcontainers']) {
      expect(pkg.peerDependencies[name]).toBeDefined();
      expect(pkg.peerDependenciesMeta[name]?.optional).toBe(true);
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });

  it('keeps the scripts the project relies on', () => {
    expect(pkg.scripts).toMatchObject({
      test: 'bash scripts/test.sh',
      demo: 'bash scripts/demo.sh',
      bench: 'bash scripts/bench.sh',
      typecheck: 'tsc --noEmit',
      lint: 'node scripts/lint.mjs',
    });
  });

  it('never reads the unshipped sql-templates/ folder at run time', () => {
    const readers = sourceFiles('src')
      .filter((f) => !f.endsWith('templates.generated.ts'))
      .filter((f) => readFileSync(f, 'utf8').split('\n')
        .some((line) => /sql-templates/.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line)));
    expect(readers).toEqual([]);
  });
});
