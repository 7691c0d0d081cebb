import { isIPv4, isIPv6 } from 'node:net';
import * as z from 'zod';

const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function isHostname(host: string): boolean {
  const labels = host.split('.');
  // An all-digit last label would be a malformed IPv4 address, not a name.
  return host.length <= 253 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels.at(-1) ?? '');
}

/**
 * Database host: a DNS name, an IPv4 address, or an IPv6 address (brackets optional,
 * no zone id). Parses to the bare form; URLs bracket IPv6 themselves.
 */
export const HostSchema = z
  .string()
  .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
  .refine((host) => isIPv4(host) || (isIPv6(host) && !host.includes('%')) || isHostname(host), 'must be a hostname, an IPv4 or an IPv6 address');

/** TCP port 1–65535. */
export const PortSchema = z.number().int().min(1).max(65_535);

/** Database name: 1–63 bytes, no NUL (percent-encoded wherever it enters a URL). */
export const DbNameSchema = z
  .string()
  .min(1)
  .refine((name) => bytes(name) <= 63 && !name.includes('\0'), 'must be 1 to 63 bytes without NUL');

/**
 * A Postgres role name Vault connects as: 1–63 bytes, no NUL, no `:`. Vault fills
 * `{{username}}` with Go's `url.PathEscape`, which keeps `:`, so the URL's user would
 * end there and Vault would log in as somebody else.
 */
export const DbUserSchema = DbNameSchema.refine((name) => !name.includes(':'), 'must not contain ":"');

/** A Postgres password: any characters but NUL (which Postgres cannot store). */
export const DbPasswordSchema = z.string().min(1).max(1024).refine((p) => !p.includes('\0'), 'must not contain NUL');

/**
 * libpq/pgx `sslmode`. Default `require`: Vault's connection carries the instance's
 * admin login and every SCRAM verifier, so it must not fall back to plaintext as
 * `prefer` silently does; `verify-full` needs a CA Vault can read, so it is opt-in.
 * Local test stacks without TLS pass `disable`.
 */
export const SslModeSchema = z.enum(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);
/** A libpq `sslmode`. */
export type SslMode = z.infer<typeof SslModeSchema>;
/** Default of {@link SslModeSchema} where a connection is configured. */
export const DEFAULT_SSLMODE: SslMode = 'require';

/** `host:port` with IPv6 bracketed. */
export const hostPort = (host: string, port: number): string => `${isIPv6(host) ? `[${host}]` : host}:${port}`;

/**
 * Vault's templated connection URL: `{{username}}`/`{{password}}` stay for Vault (it
 * escapes the stored credentials itself), so no secret is ever part of the URL.
 */
export const connectionUrl = (host: string, port: number, database: string, sslmode: SslMode): string =>
  `postgresql://{{username}}:{{password}}@${hostPort(host, port)}/${encodeURIComponent(database)}?sslmode=${sslmode}`;
