import * as z from 'zod';

const MAX_SECONDS = 365 * 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DURATION = /^(?:\d+[smhd])+$/;

/**
 * Seconds in a Vault duration: an integer (seconds), `"90"`, or units `s m h d`
 * combined like `"1h30m"`. `NaN` when the text is not such a duration.
 */
export function ttlSeconds(ttl: string | number): number {
  if (typeof ttl === 'number') return Number.isSafeInteger(ttl) ? ttl : Number.NaN;
  if (/^\d+$/.test(ttl)) return Number(ttl);
  if (!DURATION.test(ttl)) return Number.NaN;
  let total = 0;
  for (const [, amount, unit] of ttl.matchAll(/(\d+)([smhd])/g)) total += Number(amount) * (UNIT_SECONDS[unit ?? ''] ?? Number.NaN);
  return total;
}

/**
 * A lease TTL: Vault duration (`90s`, `1h`, `24h`, `1h30m`, `7d`) or whole seconds;
 * finite, > 0 and ≤ 1 year. Parses to a Vault duration string (numbers become `"<n>s"`).
 */
export const TtlSchema = z
  .union([z.string().max(32), z.number()])
  .refine((ttl) => {
    const seconds = ttlSeconds(ttl);
    return seconds > 0 && seconds <= MAX_SECONDS;
  }, 'must be a duration like "90s", "1h", "24h" or whole seconds, > 0 and at most 1 year')
  .transform((ttl) => (typeof ttl === 'number' ? `${ttl}s` : ttl));

/** What {@link TtlSchema} accepts. */
export type TtlInput = z.input<typeof TtlSchema>;

/** Lease TTL of issued credentials unless a role says otherwise. */
export const DEFAULT_TTL = '1h';
/** Longest a lease may be renewed to unless a role says otherwise. */
export const DEFAULT_MAX_TTL = '24h';

/**
 * Whether `ttl` ≤ `maxTtl`, each falling back to its default (C18: Vault would cap
 * silently). Unparseable values count as in order: their own check reports them.
 */
export const ttlsInOrder = (ttl: string | number | undefined, maxTtl: string | number | undefined): boolean =>
  !(ttlSeconds(ttl ?? DEFAULT_TTL) > ttlSeconds(maxTtl ?? DEFAULT_MAX_TTL));

/**
 * A zod refinement for an object with a TTL and a max-TTL field: the issue lands on the
 * field the caller set (a `ttl` above the default max names `ttl` and the default).
 */
export function ttlOrder<K extends string, M extends string>(ttlKey: K, maxKey: M) {
  return (value: Partial<Record<K | M, string | number>>, ctx: z.RefinementCtx): void => {
    const ttl = value[ttlKey];
    const max = value[maxKey];
    if (ttlsInOrder(ttl, max)) return;
    ctx.addIssue(max === undefined
      ? { code: 'custom', path: [ttlKey], message: `must not exceed ${maxKey} (default ${DEFAULT_MAX_TTL})` }
      : { code: 'custom', path: [maxKey], message: `must not be below ${ttlKey}${ttl === undefined ? ` (default ${DEFAULT_TTL})` : ''}` });
  };
}
