/**
 * Loads `test/data/hostile-inputs.json` and turns its markers into the JavaScript values
 * JSON cannot hold (undefined, NaN, bigint, functions, boxed strings, huge strings, ...).
 */
import { readFileSync } from 'node:fs';

export interface HostileEntry {
  /** Input field the value goes into, e.g. `instanceId`; `(input)` replaces the whole input. */
  field: string;
  /** The decoded value. */
  value: unknown;
  /** Why it is hostile. */
  note: string;
  /** Stable label for reports: `#<index> <note>`. */
  label: string;
}

type Marker = { $: string; v?: string; s?: string; n?: number; json?: string };

const CORPUS_URL = new URL('../../data/hostile-inputs.json', import.meta.url);

/** Every entry of the corpus, decoded (fresh values on each call). */
export function loadCorpus(): HostileEntry[] {
  const raw = JSON.parse(readFileSync(CORPUS_URL, 'utf8')) as { entries: { field: string; value: unknown; note: string }[] };
  return raw.entries.map((e, i) => ({ field: e.field, value: decode(e.value), note: e.note, label: `#${i} ${e.note}` }));
}

function isMarker(v: unknown): v is Marker {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Marker).$ === 'string';
}

/** Replaces a `{ "$": kind }` marker by the value it stands for. */
export function decode(value: unknown): unknown {
  if (!isMarker(value)) return value;
  const m = value;
  switch (m.$) {
    case 'undefined': return undefined;
    case 'NaN': return Number.NaN;
    case 'Infinity': return Number.POSITIVE_INFINITY;
    case '-Infinity': return Number.NEGATIVE_INFINITY;
    case 'bigint': return BigInt(m.v ?? '0');
    case 'function': return () => 'x';
    case 'symbol': return Symbol('hostile');
    case 'date': return new Date(0);
    // The point: a String object, not a string.
    case 'boxed': return new String(m.v ?? '');
    case 'toString': return { toString: () => m.v ?? '' };
    case 'repeat': return (m.s ?? 'a').repeat(m.n ?? 1);
    case 'proto': return JSON.parse(m.json ?? '{}') as unknown;
    default: throw new Error(`unknown corpus marker ${m.$}`);
  }
}

/** A short, safe description of a value for failure reports (never the full value). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return `${shown} (${value.length} chars)`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
