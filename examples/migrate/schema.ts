import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const Collaborator = z.strictObject({
  accountId: z.string(),
  level: z.enum(['read', 'write', 'admin']),
  allowDelete: z.boolean().optional(),
});

const Database = z.strictObject({
  host: z.string(),
  port: z.number().int().default(5432),
  name: z.string(),
  /** The PostgreSQL user Vault connects as. */
  user: z.string(),
  /** Name of the environment variable holding its password (preferred), … */
  passwordEnv: z.string().optional(),
  /** … or the password itself (a file like this must then be kept secret). */
  password: z.string().optional(),
  sslmode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).optional(),
}).refine((db) => (db.password === undefined) !== (db.passwordEnv === undefined), 'give exactly one of password, passwordEnv');

const Instance = z.strictObject({
  instanceId: z.string(),
  adminAccountId: z.string(),
  db: Database,
  collaborators: z.array(Collaborator).default([]),
});

/** The migration file: every instance with its database and collaborators. */
export const MigrationFile = z.strictObject({ mount: z.string().default('database'), instances: z.array(Instance) });
export type MigrationFile = z.output<typeof MigrationFile>;
export type InstanceSpec = MigrationFile['instances'][number];
export type CollaboratorSpec = InstanceSpec['collaborators'][number];

/** Reads and validates the file; errors name the JSON path, never a value. */
export async function loadMigrationFile(path: string): Promise<MigrationFile> {
  const parsed = MigrationFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid migration file ${path}:\n  ${issues.join('\n  ')}`);
}

/** The Vault connection user's password, from the file or the named variable. */
export function passwordOf(db: InstanceSpec['db'], env: NodeJS.ProcessEnv): string {
  const password = db.password ?? env[db.passwordEnv!];
  if (!password) throw new Error(`environment variable ${db.passwordEnv} is not set`);
  return password;
}
