import { UsageError } from './errors.js';

/** The parts of a `postgresql://` URL that `initInstanceVault` needs. */
export interface DbUrl {
  user: string;
  /** `undefined` when the URL has no `:password` (then it comes from the environment); `''` for `user:@`. */
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
 * A `--db` URL that cannot be used. `detail` is the message without the flag, `field`
 * the operation input the faulty part feeds (`db` when it is the URL as a whole).
 */
export class DbUrlError extends UsageError {
  override name = 'DbUrlError';
  constructor(readonly detail: string, readonly field = 'db') {
    super(`--db: ${detail}`);
  }
}

/** A query parameter name that is safe to repeat back (never a value). */
const SHOWABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/;

/**
 * The `sslmode` of the query, the only parameter accepted: anything else (`password=`,
 * `host=`, …) would be dropped or, worse, read by another parser, so it is refused.
 */
function sslmodeOf(query: string): string | undefined {
  let sslmode: string | undefined;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodePercent(eq < 0 ? part : part.slice(0, eq));
    if (name !== 'sslmode') {
      const shown = SHOWABLE_NAME.test(name) ? `"${name}"` : 'a query parameter';
      throw new DbUrlError(`${shown} is not supported (only ?sslmode= is)`);
    }
    if (sslmode !== undefined) throw new DbUrlError('sslmode is given more than once');
    sslmode = eq < 0 ? '' : decodePercent(part.slice(eq + 1));
    if (sslmode === '') throw new DbUrlError('sslmode needs a value, e.g. ?sslmode=require');
  }
  return sslmode;
}

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
 * the first `:`. The query may hold `sslmode` once and nothing else. Errors
 * ({@link DbUrlError}) never echo the URL, which holds a password, nor a query value.
 */
export function parseDbUrl(url: string): DbUrl {
  if (!SCHEME.test(url)) throw new DbUrlError('must start with postgresql:// (or postgres://)');
  const rest = url.replace(SCHEME, '');
  const at = rest.lastIndexOf('@');
  if (at < 0) throw new DbUrlError('needs a user: postgresql://user:password@host:port/database');
  const userInfo = rest.slice(0, at);
  const match = HOST_PART.exec(rest.slice(at + 1));
  if (!match) throw new DbUrlError('the host part must look like host[:port]/database[?sslmode=…]');
  const colon = userInfo.indexOf(':');
  const user = decodePercent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? undefined : decodePercent(userInfo.slice(colon + 1));
  const database = decodePercent(match[3] ?? '');
  if (!user) throw new DbUrlError('needs a user name', 'vaultDbUsername');
  if (!database) throw new DbUrlError('needs a database name after the host: …@host:5432/database', 'dbName');
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new DbUrlError('port must be 1-65535', 'dbPort');
  const sslmode = sslmodeOf(match[4] ?? '');
  return { user, password, host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port, database, sslmode };
}
