/**
 * The leak guard's memory in one process: secrets seen (tokens, passwords) and outputs
 * produced (console, stdout/stderr, errors, CLI output, debug events). Kept on globalThis
 * so every module copy in a worker shares it. Tests add outputs the runner cannot see.
 */
import { inspect } from 'node:util';

export interface Secret { kind: string; value: string }
export interface Output { source: string; text: string }
interface Store { secrets: Map<string, string>; outputs: Output[] }

const KEY = Symbol.for('lamin-vault.leak-guard');
/** Shorter values are not treated as secrets (they would match everywhere). */
export const MIN_SECRET_LENGTH = 8;

export function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= { secrets: new Map(), outputs: [] });
}

/** Remembers a token or password the suite created or used. */
export function registerSecret(kind: string, value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) store().secrets.set(value, kind);
}

/** Adds something the suite printed or could print (CLI output, debug events, ...). */
export function recordOutput(source: string, text: string): void {
  store().outputs.push({ source, text });
}

/** Adds every way an error can be shown: message, String, JSON, util.inspect, stack. */
export function recordError(source: string, error: unknown): void {
  let json = '';
  try {
    json = JSON.stringify(error) ?? '';
  } catch {
    // not serialisable: the other renderings still count
  }
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  recordOutput(source, [String(error), json, inspect(error, { depth: 6 }), stack].join('\n'));
}

/** The forms a secret may take in text: as is, percent-encoded (URLs), JSON-escaped. */
export function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/** Which secrets appear in which outputs; never includes the secret itself. */
export function scan(secrets: readonly Secret[], outputs: readonly Output[]): { kind: string; length: number; source: string }[] {
  const hits: { kind: string; length: number; source: string }[] = [];
  for (const s of secrets) {
    const variants = forms(s.value);
    for (const o of outputs) if (variants.some((v) => o.text.includes(v))) hits.push({ kind: s.kind, length: s.value.length, source: o.source });
  }
  return hits;
}
