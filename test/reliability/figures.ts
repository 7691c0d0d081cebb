/**
 * Figures the reliability tests measure (retry counts, timings, RSS, ACL lengths), printed
 * once per file and written to `.tmp/reliability/<file>.json` for the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { recordError } from './leak-guard/store.js';

const figures: Record<string, unknown> = {};

/** Records one figure under a stable name. */
export function figure(name: string, value: unknown): void {
  figures[name] = value;
}

/** Prints and writes what was recorded (call from `afterAll`). */
export function flushFigures(testFile: string): void {
  if (Object.keys(figures).length === 0) return;
  const dir = '.tmp/reliability';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${basename(testFile).replace(/\.test\.ts$/, '')}.json`, `${JSON.stringify(figures, null, 2)}\n`);
  console.info(`[figures] ${basename(testFile)}\n${JSON.stringify(figures, null, 2)}`);
}

/** Runs `fn` and measures it; the error, if any, is returned rather than thrown. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: Math.round(performance.now() - start), value };
  } catch (error) {
    recordError('error caught by timed()', error); // the leak guard scans every error the suite saw
    return { ms: Math.round(performance.now() - start), error };
  }
}
