import { UsageError } from './errors.js';

/** The parts of a `postgresql://` URL that `initInstanceVault` needs. */
export interface DbUrl {
  user: string;
  /** `undefined` when the URL has none (then it comes from the environment). */
  password: string | undefined;
  host: string;
  port: number | undefined;
  database: string;
  sslmode: string | undefined;
}

const SCHEME = /^postgres(?:ql)?:\/\//i;
// host (name, IPv4 or [IPv6]), optional port, optional /database, optional ?query.
const HOST_PART = /^(\[[0-9A-Fa-f:.]+\]|[^\s/?#:@[\]]+)(?::(\d{1,5}))?(?:\/([^?#]*))?(?:\?([^#]*))?$/;

/**
 * Decodes every valid run of percent-escapes and keeps invalid ones (`%zz`, a lone
 * `%`) literally, so passwords work whether or not the caller encoded them.
 */
export function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Parses `postgresql://user:password@host:port/db?sslmode=…` without `new URL`,
 * which rejects raw `#`, `/`, `?` or `@` in passwords. Credentials end at the LAST
 * `@` (so the password may contain any character, `@` included); the user ends at
 * the first `:`. Errors never echo the URL: it holds a password.
 */
export function parseDbUrl(url: string): DbUrl {
  if (!SCHEME.test(url)) throw new UsageError('--db must start with postgresql:// (or postgres://)');
  const rest = url.replace(SCHEME, '');
  const at = rest.lastIndexOf('@');
  if (at < 0) throw new UsageError('--db needs a user: postgresql://user:password@host:port/database');
  const userInfo = rest.slice(0, at);
  const match = HOST_PART.exec(rest.slice(at + 1));
  if (!match) throw new UsageError('--db host part must look like host[:port]/database[?sslmode=…]');
  const colon = userInfo.indexOf(':');
  const user = decodePercent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodePercent(userInfo.slice(colon + 1));
  const database = decodePercent(match[3] ?? '');
  if (!user) throw new UsageError('--db needs a user name');
  if (!database) throw new UsageError('--db needs a database name after the host: …@host:5432/database');
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError('--db port must be 1-65535');
  const sslmode = new URLSearchParams(match[4] ?? '').get('sslmode') ?? undefined;
  return { user, password: password || undefined, host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port, database, sslmode };
}
