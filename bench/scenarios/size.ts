/**
 * Size: the installed production tree (package + dependencies) and the minified esbuild
 * bundle of a script that provisions one collaborator, ours against node-vault.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Scenario } from '../lib/context.js';
import { productionTree, dirBytes } from '../lib/disk-size.js';
import { BENCH_DIR, PKG_DIR, REPO_ROOT } from '../lib/ours.js';
import type { Result } from '../lib/report.js';
import { summarize } from '../lib/stats.js';
import { provisionScripts } from './size-scripts.js';

const KIB = 1024;
const once = (n: number) => summarize([n / KIB]);

/** What `npm pack` would put in the tarball, unpacked. */
function packedBytes(dir: string): number {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(out) as { unpackedSize: number }[])[0]!.unpackedSize;
}

function treeReport(root: string, rootBytes?: number) {
  const tree = productionTree(root, rootBytes);
  const bytes = [...tree.values()].reduce((a, b) => a + b, 0);
  const packages = Object.fromEntries([...tree].map(([dir, b]) => [dir.slice(dir.lastIndexOf('node_modules/') + 13), b]));
  return { bytes, packages };
}

async function bundle(entry: string) {
  const outfile = entry.replace(/\.mjs$/, '.bundle.mjs');
  const r = await build({
    entryPoints: [entry], outfile, bundle: true, minify: true, platform: 'node', format: 'esm',
    target: 'node20', metafile: true, logLevel: 'error',
  });
  const out = r.metafile.outputs[Object.keys(r.metafile.outputs)[0]!]!;
  const byPackage: Record<string, number> = {};
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1]! : file;
    byPackage[key] = (byPackage[key] ?? 0) + bytesInOutput;
  }
  const code = readFileSync(outfile);
  return { bytes: code.length, gzipBytes: gzipSync(code).length, byPackage };
}

export const size: Scenario = async () => {
  const ours = treeReport(PKG_DIR, packedBytes(PKG_DIR));
  const peer = treeReport(join(REPO_ROOT, 'node_modules', 'node-vault'));
  const dir = join(BENCH_DIR, 'bundle');
  mkdirSync(dir, { recursive: true });
  const scripts = provisionScripts();
  writeFileSync(join(dir, 'ours.mjs'), scripts.ours);
  writeFileSync(join(dir, 'peer.mjs'), scripts.peer);
  const [bOurs, bPeer] = [await bundle(join(dir, 'ours.mjs')), await bundle(join(dir, 'peer.mjs'))];
  const results: Result[] = [
    { name: 'installed production dependency size on disk', unit: 'KiB',
      ours: once(ours.bytes), peer: once(peer.bytes), target: 'reported', met: null,
      note: `${Object.keys(ours.packages).length} vs ${Object.keys(peer.packages).length} packages` },
    { name: 'minified bundle of a script that provisions a collaborator (esbuild)', unit: 'KiB',
      ours: once(bOurs.bytes), peer: once(bPeer.bytes), target: 'ours ≤ node-vault', met: bOurs.bytes <= bPeer.bytes,
      note: `gzip: ${(bOurs.gzipBytes / KIB).toFixed(1)} vs ${(bPeer.gzipBytes / KIB).toFixed(1)} KiB` },
  ];
  return {
    results,
    diagnostics: {
      installed: { ours, peer, oursDistBytes: dirBytes(join(PKG_DIR, 'dist')) },
      bundle: { ours: bOurs, peer: bPeer },
    },
  };
};
