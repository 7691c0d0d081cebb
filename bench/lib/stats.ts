/** Timing and summary helpers shared by the scenarios. */

/** Median, min and max of repeated runs, plus how many there were. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Stat {
  if (samples.length === 0) throw new Error('no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, runs: s.length };
}

/** Wall and CPU time (user + system, this process only) of one run, in milliseconds. */
export interface Cost {
  wallMs: number;
  cpuMs: number;
}

export async function measure(fn: () => Promise<unknown>): Promise<Cost> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `total` jobs, at most `concurrency` at a time; job `i` gets its index. */
export async function runPool(total: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/**
 * Runs every contender once per round, rotating the order each round so slow drift on a
 * noisy machine does not always hit the same contender. Returns the samples per contender.
 */
export async function interleave<K extends string, T>(
  rounds: number,
  contenders: Record<K, (round: number) => Promise<T>>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(contenders) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < keys.length; j++) {
      const key = keys[(j + r) % keys.length]!;
      out[key].push(await contenders[key](r));
    }
  }
  return out;
}

/** Repeat counts; BENCH_QUICK=1 shrinks everything for a smoke run of the harness. */
export const QUICK = process.env.BENCH_QUICK === '1';
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 5));
export const scale = (n: number): number => (QUICK ? Math.max(1, Math.round(n / 20)) : n);
