/**
 * Installed size of a package and its production dependency tree, resolved the way Node
 * does (nearest node_modules upwards). Bytes are file sizes, each package counted once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Sum of file sizes under `dir`, not descending into nested node_modules. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += e.name === 'node_modules' ? 0 : dirBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

function resolvePackageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot resolve ${name} from ${from}`);
  }
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Every package directory in the production tree of the package at `root`, with its bytes. */
export function productionTree(root: string, rootBytes = dirBytes(root)): Map<string, number> {
  const seen = new Map<string, number>();
  const visit = (dir: string, bytes: number) => {
    if (seen.has(dir)) return;
    seen.set(dir, bytes);
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(m.dependencies ?? {})) {
      const child = resolvePackageDir(dep, dir);
      visit(child, dirBytes(child));
    }
    for (const dep of Object.keys(m.optionalDependencies ?? {})) {
      try {
        const child = resolvePackageDir(dep, dir);
        visit(child, dirBytes(child));
      } catch {
        // optional and not installed on this platform
      }
    }
  };
  visit(root, rootBytes);
  return seen;
}
