import * as z from 'zod';
import { parseInput } from './parse-input.js';
import { DbNameSchema, DbPasswordSchema, DbUserSchema, HostSchema, PortSchema, SslModeSchema } from '../plan/index.js';

const ConnectionStringInputSchema = z.strictObject({
  username: DbUserSchema,
  password: DbPasswordSchema,
  host: HostSchema,
  port: PortSchema.default(5432),
  database: DbNameSchema,
  sslmode: SslModeSchema.optional(),
});
/**
 * Input of {@link buildConnectionString}.
 * @interface
 */
export type ConnectionStringInput = z.input<typeof ConnectionStringInputSchema>;

/**
 * Builds a `postgresql://` URL with user, password and database percent-encoded,
 * so passwords with `@:/?#%` survive (the original concatenated them raw).
 * @example
 * const { username, password } = creds; // DbCredentials: the password is not enumerable, so no spread
 * buildConnectionString({ username, password, host: 'db.internal', database: 'lamin' });
 * // 'postgresql://v-…:…@db.internal:5432/lamin'
 */
export function buildConnectionString(input: ConnectionStringInput): string {
  const { username, password, host, port, database, sslmode } = parseInput(ConnectionStringInputSchema, input);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const auth = `${encodeURIComponent(username)}:${encodeURIComponent(password)}`;
  const query = sslmode ? `?sslmode=${sslmode}` : '';
  return `postgresql://${auth}@${hostPart}:${port}/${encodeURIComponent(database)}${query}`;
}
