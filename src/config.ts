/**
 * Client configuration: one zod schema, parsed once at construction, plus an explicit
 * {@link configFromEnv} helper. Nothing here reads the environment unless asked to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { AxiosAdapter } from 'axios';
import { LaminVaultValidationError } from './errors.js';

/** What the debug hook receives: no headers, no bodies, so it is redacted by construction. */
export interface VaultDebugEvent {
  /** HTTP method, e.g. `GET` or `LIST`. */
  readonly method: string;
  /** Request path like `/v1/sys/health`, no query string. */
  readonly path: string;
  /** HTTP status, absent when no response came. */
  readonly status?: number;
  /** Network error code when no response came, e.g. `ECONNREFUSED`. */
  readonly errorCode?: string;
  /** Wall time of this exchange. */
  readonly durationMs: number;
  /** 1 for the first attempt, 2 for the first retry, … (redirects keep the attempt number). */
  readonly attempt: number;
}

/** Called once per HTTP exchange; exceptions thrown by it are ignored. */
export type VaultDebugHook = (event: VaultDebugEvent) => void;

/** Retry settings; see `src/http/retry.ts` for which requests are retried at all. */
export interface VaultRetryConfig {
  /** Retries after the first attempt, 0–5. Default: 2. */
  readonly limit: number;
  /** Base of the exponential backoff (full jitter). Default: 250 ms. */
  readonly baseDelayMs: number;
  /** Cap for one backoff delay, also for `Retry-After`. Default: 5000 ms. */
  readonly maxDelayMs: number;
}

/** What callers pass to `new VaultClient(...)`. */
export interface VaultClientConfigInput {
  /** Vault/OpenBao base URL, `http:` or `https:`, e.g. `https://vault.example.com:8200`. Env: `VAULT_ADDR`. */
  address: string;
  /** Token sent as `X-Vault-Token`. Optional for unauthenticated calls (health, login). Env: `VAULT_TOKEN`. */
  token?: string;
  /** Namespace sent as `X-Vault-Namespace` (HCP Vault: `admin`). Slashes trimmed; `""`/`"root"` = none. Env: `VAULT_NAMESPACE`. */
  namespace?: string;
  /** Time budget of one call, including retries, backoff and redirects. Default: 30000. */
  timeoutMs?: number;
  /** Retry settings. Default: `{ limit: 2, baseDelayMs: 250, maxDelayMs: 5000 }`. */
  retry?: Partial<VaultRetryConfig>;
  /** PEM CA certificate(s) trusted by this client only. Env: `VAULT_CACERT` (a file path). */
  caCert?: string;
  /** Verify the server certificate. Default: true. Env: `VAULT_SKIP_VERIFY`. Applies to this client only. */
  rejectUnauthorized?: boolean;
  /** Extra headers for every request. `X-Vault-*` names are refused (use the options above). */
  headers?: Record<string, string>;
  /** Debug hook, see {@link VaultDebugEvent}. Default: none. */
  debug?: VaultDebugHook;
  /**
   * Advanced: an axios adapter function that replaces the network, e.g. a recording transport
   * in tests or a dry run, or `axios.getAdapter('http')` from your own axios (names are not
   * accepted: the bundled axios carries no adapters). Default: Node's http(s) with this
   * client's keep-alive agent.
   */
  adapter?: AxiosAdapter;
}

/** The parsed, frozen configuration. */
export interface VaultClientConfig {
  /** Normalised base URL without trailing slash. */
  readonly address: string;
  readonly token: string | undefined;
  /** Normalised namespace, `undefined` = no header. */
  readonly namespace: string | undefined;
  readonly timeoutMs: number;
  readonly retry: Readonly<VaultRetryConfig>;
  readonly caCert: string | undefined;
  readonly rejectUnauthorized: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly debug: VaultDebugHook | undefined;
  readonly adapter: AxiosAdapter | undefined;
}

/** Defaults, written down once. */
export const CONFIG_DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  retry: Object.freeze({ limit: 2, baseDelayMs: 250, maxDelayMs: 5_000 }),
  rejectUnauthorized: true,
});

const PRINTABLE = /^[\x20-\x7e]+$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_TIMEOUT = 2_147_483_647; // setTimeout's limit

/** Trims slashes; `""`, `"/"` and `"root"` mean "no namespace header". */
export function normaliseNamespace(ns: string | null | undefined): string | undefined {
  if (ns == null) return undefined;
  const trimmed = ns.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' || trimmed === 'root' ? undefined : trimmed;
}

/** Schema pieces reused for per-call overrides. */
export const TokenSchema = z.string().min(1, 'must not be empty').regex(PRINTABLE, 'must be printable ASCII');
export const NamespaceSchema = z
  .string()
  .regex(/^[\x20-\x7e]*$/, 'must be printable ASCII')
  .transform(normaliseNamespace);

/** An http(s) URL without credentials, query or fragment; trailing slashes dropped. */
export const AddressSchema = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (the URL parser would drop tabs and newlines)')
  .refine((s) => isHttpUrl(s), 'must be an http(s) URL without credentials, query or fragment')
  .transform((s) => s.replace(/\/+$/, ''));

const RetrySchema = z
  .object({
    limit: z.number().int().min(0).max(5).default(CONFIG_DEFAULTS.retry.limit),
    baseDelayMs: z.number().int().min(0).max(60_000).default(CONFIG_DEFAULTS.retry.baseDelayMs),
    maxDelayMs: z.number().int().min(0).max(300_000).default(CONFIG_DEFAULTS.retry.maxDelayMs),
  })
  .strict()
  .default(CONFIG_DEFAULTS.retry);

const HeadersSchema = z
  .record(
    z.string().regex(HEADER_NAME, 'invalid header name').refine((n) => !/^x-vault-/i.test(n), 'X-Vault-* headers are set by the client'),
    z.string().regex(/^[\x20-\x7e\t]*$/, 'header value must be printable'),
  )
  .default({});

/** The client config schema; parse with {@link parseConfig}. */
export const VaultClientConfigSchema = z
  .object({
    address: AddressSchema,
    token: TokenSchema.optional(),
    namespace: NamespaceSchema.optional(),
    timeoutMs: z.number().int().positive().max(MAX_TIMEOUT).default(CONFIG_DEFAULTS.timeoutMs),
    retry: RetrySchema,
    caCert: z.string().includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' }).optional(),
    rejectUnauthorized: z.boolean().default(CONFIG_DEFAULTS.rejectUnauthorized),
    headers: HeadersSchema,
    debug: z.custom<VaultDebugHook>((v) => typeof v === 'function', 'must be a function').optional(),
    adapter: z.custom<AxiosAdapter>((v) => typeof v === 'function', 'must be a function').optional(),
  })
  .strict();

/** Parses and freezes a config; bad config → {@link LaminVaultValidationError} naming the fields. */
export function parseConfig(input: VaultClientConfigInput): VaultClientConfig {
  const result = VaultClientConfigSchema.safeParse(input);
  if (!result.success) throw LaminVaultValidationError.fromZod(result.error, undefined, 'Vault client config');
  const c = result.data;
  return freezeConfig({
    address: c.address,
    token: c.token,
    namespace: c.namespace,
    timeoutMs: c.timeoutMs,
    retry: Object.freeze({ ...c.retry }),
    caCert: c.caCert,
    rejectUnauthorized: c.rejectUnauthorized,
    headers: Object.freeze({ ...c.headers }),
    debug: c.debug,
    adapter: c.adapter,
  });
}

/** Freezes a config and makes `JSON.stringify`/`util.inspect` print it without the token. */
export function freezeConfig(config: VaultClientConfig): VaultClientConfig {
  const safe = () => ({ ...config, token: config.token === undefined ? undefined : '<redacted>', caCert: config.caCert && '<pem>' });
  Object.defineProperty(config, 'toJSON', { value: safe });
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), {
    value: (_d: number, opts: object, inspect: (v: unknown, o: object) => string) => inspect(safe(), opts),
  });
  return Object.freeze(config);
}

function isHttpUrl(s: string): boolean {
  if (!URL.canParse(s)) return false;
  const u = new URL(s);
  return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
}

/** Environment variables understood by {@link configFromEnv}. */
export type VaultEnv = Readonly<Record<string, string | undefined>>;

/**
 * Builds a config input from environment variables, like the `vault` CLI:
 * `VAULT_ADDR` (required), `VAULT_TOKEN`, `VAULT_NAMESPACE`, `VAULT_CACERT` (PEM file, read here),
 * `VAULT_CAPATH` (directory of PEM files, used when `VAULT_CACERT` is unset), `VAULT_SKIP_VERIFY`
 * (Go boolean: 1/t/true/0/f/false…), `VAULT_MAX_RETRIES`, `VAULT_CLIENT_TIMEOUT` (seconds, or `30s`/`2m`).
 * Unlike the CLI it does not read `~/.vault-token`. Explicit fields can be spread over the result.
 * Bad values → {@link LaminVaultValidationError} naming the variable (never its value).
 * @example
 * const client = new VaultClient({ ...configFromEnv(), timeoutMs: 10_000 });
 */
export function configFromEnv(env: VaultEnv = process.env): VaultClientConfigInput {
  const issues: { path: string; message: string }[] = [];
  const address = env['VAULT_ADDR']?.trim();
  if (!address) issues.push({ path: 'VAULT_ADDR', message: 'is required' });
  const out: VaultClientConfigInput = { address: address ?? '' };
  if (env['VAULT_TOKEN']) out.token = env['VAULT_TOKEN'].trim();
  if (env['VAULT_NAMESPACE'] !== undefined) out.namespace = env['VAULT_NAMESPACE'];
  const ca = readCa(env, issues);
  if (ca !== undefined) out.caCert = ca;
  const skip = env['VAULT_SKIP_VERIFY'];
  if (skip) {
    const parsed = parseGoBool(skip);
    if (parsed === undefined) issues.push({ path: 'VAULT_SKIP_VERIFY', message: 'must be a boolean (1, t, true, 0, f, false)' });
    else out.rejectUnauthorized = !parsed;
  }
  const retries = env['VAULT_MAX_RETRIES'];
  if (retries) {
    if (/^\d+$/.test(retries)) out.retry = { limit: Number(retries) };
    else issues.push({ path: 'VAULT_MAX_RETRIES', message: 'must be a non-negative integer' });
  }
  const timeout = env['VAULT_CLIENT_TIMEOUT'];
  if (timeout) {
    const ms = parseSecondsToMs(timeout);
    if (ms === undefined) issues.push({ path: 'VAULT_CLIENT_TIMEOUT', message: 'must be seconds or a duration like 30s, 2m' });
    else out.timeoutMs = ms;
  }
  if (issues.length > 0) throw new LaminVaultValidationError(issues, 'Vault environment');
  return out;
}

function readCa(env: VaultEnv, issues: { path: string; message: string }[]): string | undefined {
  const file = env['VAULT_CACERT'];
  const dir = env['VAULT_CAPATH'];
  try {
    if (file) return readFileSync(file, 'utf8');
    if (dir) {
      const names = readdirSync(dir).filter((n) => /\.(pem|crt)$/i.test(n)).sort();
      if (names.length === 0) throw new Error('no .pem/.crt files');
      return names.map((n) => readFileSync(join(dir, n), 'utf8')).join('\n');
    }
  } catch {
    issues.push({ path: file ? 'VAULT_CACERT' : 'VAULT_CAPATH', message: 'cannot read PEM certificate(s) from that path' });
  }
  return undefined;
}

function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function parseSecondsToMs(v: string): number | undefined {
  const m = /^(\d+)(s|m|h)?$/.exec(v.trim());
  if (!m) return undefined;
  const unit = m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : 1_000;
  return Number(m[1]) * unit;
}
