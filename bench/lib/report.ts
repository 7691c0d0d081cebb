/** Scenario results: the markdown table on stdout and bench/latest.json. */
import { writeFileSync } from 'node:fs';
import type { Stat } from './stats.js';

/** One measured row. Ratios are always ours / other, on the medians. */
export interface Result {
  name: string;
  unit: string;
  ours: Stat;
  baseline?: Stat;
  peer?: Stat;
  /** axios over our adapter and nothing else (lib/axios-floor.ts), where the row has it. */
  floor?: Stat;
  target: string;
  /** Whether the target holds; `null` where the row is reported only. */
  met: boolean | null;
  note?: string;
}

export const ratio = (a: Stat, b: Stat | undefined): number | null =>
  b === undefined || b.median === 0 ? null : a.median / b.median;

const round = (n: number): number => Number(n.toPrecision(4));

export function toJson(r: Result) {
  return {
    name: r.name,
    ours: round(r.ours.median),
    baseline: r.baseline ? round(r.baseline.median) : null,
    peer: r.peer ? round(r.peer.median) : null,
    ...(r.floor ? { axiosFloor: round(r.floor.median), axiosFloorRatioToBaseline: nullable(ratio(r.floor, r.baseline)) } : {}),
    unit: r.unit,
    ratioToBaseline: nullable(ratio(r.ours, r.baseline)),
    ratioToPeer: nullable(ratio(r.ours, r.peer)),
    target: r.target,
    met: r.met,
    spread: { ours: r.ours, baseline: r.baseline ?? null, peer: r.peer ?? null, ...(r.floor ? { axiosFloor: r.floor } : {}) },
    ...(r.note ? { note: r.note } : {}),
  };
}

const nullable = (n: number | null) => (n === null ? null : round(n));

function cell(s: Stat | undefined): string {
  if (!s) return '—';
  const f = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
  return s.runs > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
}

const ratioCell = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const metCell = (m: boolean | null) => (m === null ? 'reported' : m ? 'yes' : '**no**');

export function markdown(results: readonly Result[]): string {
  const head = '| scenario | unit | ours | baseline (raw) | peer (node-vault) | ours/raw | ours/peer | axios floor/raw | target | met |';
  const rows = results.map((r) =>
    `| ${r.name} | ${r.unit} | ${cell(r.ours)} | ${cell(r.baseline)} | ${cell(r.peer)} | ` +
    `${ratioCell(ratio(r.ours, r.baseline))} | ${ratioCell(ratio(r.ours, r.peer))} | ${r.floor ? ratioCell(ratio(r.floor, r.baseline)) : '—'} | ` +
    `${r.target} | ${metCell(r.met)} |`);
  return [head, '|---|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export function writeLatest(file: string, results: readonly Result[], env: object, diagnostics: object): void {
  const doc = { scenarios: results.map(toJson), env, diagnostics };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}
