import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/** One flag: parseArgs' own fields plus what `--help` shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help, e.g. `<uuid>`. */
  value?: string;
  description: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed flag values (no flag is `multiple`). */
export type Values = Readonly<Record<string, string | boolean | undefined>>;

export const OUTPUT_OPTIONS = {
  json: { type: 'boolean', description: 'print one JSON object on stdout instead of text' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionSpecs;

export const VAULT_OPTIONS = {
  address: { type: 'string', value: '<url>', description: 'Vault/OpenBao address (default: $VAULT_ADDR)' },
  namespace: { type: 'string', value: '<ns>', description: 'Vault namespace, e.g. admin on HCP (default: $VAULT_NAMESPACE)' },
  'ca-cert': { type: 'string', value: '<file>', description: 'PEM CA certificate file (default: $VAULT_CACERT)' },
  mount: { type: 'string', value: '<path>', description: 'database secrets engine mount (default: database)' },
} satisfies OptionSpecs;

export const PLAN_OPTION = {
  plan: { type: 'boolean', description: 'print what would be written (paths, bodies, SQL, HCL) and stop; no network' },
} satisfies OptionSpecs;

/**
 * Strict parse: unknown flags, missing values, positionals and a value flag given
 * twice (parseArgs would silently keep the last one) are usage errors.
 */
export function parseOptions(argv: readonly string[], options: OptionSpecs): Values {
  for (const arg of argv) {
    if (/^--token(=|$)/.test(arg)) {
      throw new UsageError('there is no --token flag: the token is read from VAULT_TOKEN only (flags show in ps)');
    }
  }
  const { values, tokens } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || options[token.name]?.type !== 'string') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once: give it once`);
    seen.add(token.name);
  }
  return values as Values;
}

/** A string flag that must be present and non-empty. */
export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name} (see --help)`);
  return value;
}

/** A string flag, `undefined` when absent. */
export function optional(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean flag. */
export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

/**
 * `--mount`, defaulting to the engine's usual path. Leading and trailing slashes are
 * dropped (`database/` is how `vault secrets list` prints a mount); what remains is
 * validated by the operation.
 */
export function mountOf(values: Values): string {
  return optional(values, 'mount')?.replace(/^\/+|\/+$/g, '') ?? 'database';
}

/** An integer flag such as a port. */
export function optionalInt(values: Values, name: string): number | undefined {
  const value = optional(values, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}
