import format from 'pg-format';
import type { Level } from './ids.js';
import { dynamicUserPrefix, groupRoleName } from './names.js';
import { SQL_TEMPLATES, type SqlTemplateName } from './templates.generated.js';

/** The instance's Postgres group roles, the only roles table ACLs ever name. */
export interface GroupRoles {
  read: string;
  write: string;
  admin: string;
  delete: string;
}

/**
 * What every template is rendered with: the group roles and the name prefix of the users
 * Vault makes for the instance.
 */
export interface TemplateArgs extends GroupRoles {
  userPrefix: string;
}

/** Creation and revocation statements of one Vault role, one statement per element. */
export interface RoleStatements {
  creation: string[];
  revocation: string[];
}

/** Group role names of an instance (see {@link groupRoleName}). */
export const groupRoles = (instanceId: string): GroupRoles => ({
  read: groupRoleName(instanceId, 'read'),
  write: groupRoleName(instanceId, 'write'),
  admin: groupRoleName(instanceId, 'admin'),
  delete: groupRoleName(instanceId, 'delete'),
});

/** {@link TemplateArgs} of an instance. */
export const templateArgs = (instanceId: string): TemplateArgs => ({ ...groupRoles(instanceId), userPrefix: dynamicUserPrefix(instanceId) });

/**
 * Why a group name cannot be rendered, or `undefined`. Quotes, backslashes, `%` and
 * unicode are escaped by pg-format; what Vault would act on after us is refused:
 * `{{`/`}}` (its own templating), `$` (could close a `$$` block) and `;` (Vault splits
 * plain statements on it), plus NUL and names Postgres would truncate (> 63 bytes).
 */
export function groupNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (Buffer.byteLength(name, 'utf8') > 63) return 'is longer than 63 bytes';
  if (/[\0$;]|\{\{|\}\}/.test(name)) return 'contains NUL, "$", ";", "{{" or "}}"';
  return undefined;
}

/**
 * Renders one template of `sql-templates/`: `%1` read, `%2` write, `%3` admin, `%4` delete
 * group, `%5` the instance's user name prefix; `{{name}}`, `{{password}}`, `{{expiration}}`
 * stay for Vault.
 * @throws Error if a name fails {@link groupNameProblem}.
 */
export function renderSql(template: SqlTemplateName, names: TemplateArgs): string[] {
  const args = [names.read, names.write, names.admin, names.delete, names.userPrefix];
  for (const [kind, name] of Object.entries(names)) {
    const problem = groupNameProblem(name);
    if (problem) throw new Error(`${kind === 'userPrefix' ? 'user name prefix' : `group role name for ${kind}`} ${problem}`);
  }
  return SQL_TEMPLATES[template].map((statement) => format.withArray(statement, args));
}

const CREATION: Record<Level | 'write-delete', SqlTemplateName> = {
  read: 'create-read',
  write: 'create-write',
  'write-delete': 'create-write-delete',
  admin: 'create-admin',
};

/** What a collaborator role grants: a level, and DELETE for a `write` collaborator. */
export interface CollaboratorGrant {
  level: Level;
  allowDelete: boolean;
}

/** The distinct grants {@link collaboratorStatements} renders, one per creation template. */
export const COLLABORATOR_GRANTS: readonly CollaboratorGrant[] = [
  { level: 'read', allowDelete: false },
  { level: 'write', allowDelete: false },
  { level: 'write', allowDelete: true },
  { level: 'admin', allowDelete: false },
];

/**
 * Statements of a collaborator role. `allowDelete` adds DELETE for a `write`
 * collaborator (admins always have it; it is refused for `read`).
 */
export function collaboratorStatements(
  instanceId: string,
  level: Level,
  options: { allowDelete?: boolean } = {},
): RoleStatements {
  if (options.allowDelete && level === 'read') throw new Error('allowDelete needs level write or admin');
  const key = level === 'write' && options.allowDelete ? 'write-delete' : level;
  const groups = templateArgs(instanceId);
  return { creation: renderSql(CREATION[key], groups), revocation: renderSql('revoke', groups) };
}

/** Statements of the public-read role: the read level (its finite TTL is in the body). */
export const publicReadStatements = (instanceId: string): RoleStatements => collaboratorStatements(instanceId, 'read');

/**
 * Statements of the temporary role whose one credential issue bootstraps the groups.
 * `adoptExistingTables` also hands the connection user's tables in `public` to the
 * admin group, so admin collaborators can run migrations on them (ALTER needs ownership).
 */
export function bootstrapStatements(instanceId: string, options: { adoptExistingTables?: boolean } = {}): RoleStatements {
  const groups = templateArgs(instanceId);
  const adopt = options.adoptExistingTables ? renderSql('adopt-tables', groups) : [];
  return {
    creation: [...renderSql('temp-user-create', groups), ...renderSql('bootstrap', groups), ...adopt, ...renderSql('temp-user-drop', groups)],
    revocation: renderSql('temp-user-drop', groups),
  };
}

/** Statements of the temporary role that drops the groups (after all leases are revoked). */
export function teardownStatements(instanceId: string): RoleStatements {
  const groups = templateArgs(instanceId);
  return {
    creation: [...renderSql('temp-user-create', groups), ...renderSql('teardown', groups), ...renderSql('temp-user-drop', groups)],
    revocation: renderSql('temp-user-drop', groups),
  };
}
