import * as z from 'zod';
import { parseInput } from '../operations/parse-input.js';
import { InstanceIdSchema, MountSchema, renderPolicy } from '../plan/index.js';

const InputSchema = z.object({
  instanceId: InstanceIdSchema,
  jwtAccessor: z.string().regex(/^[A-Za-z0-9_]+$/, 'must be an auth mount accessor like auth_jwt_1a2b3c4d'),
  mount: MountSchema,
});

/**
 * HCL of `<iid>-collaborators-policy`, attached to every JWT login of the instance:
 * `read` on `<mount>/creds/<iid>-<alias name>-db`, where the alias name is the JWT's
 * `sub` (the account id). One policy serves all collaborators, each reaching only the
 * role named after themselves; adding, changing or deleting a collaborator role needs
 * no policy write (a deleted role has no creds). Vault refuses to fill in an alias
 * name containing `/`, and the path is exact (no glob), so no `sub` reaches another role.
 * @example
 * renderCollaboratorsPolicy(instanceId, 'auth_jwt_1234abcd'); // path "database/creds/<iid>-{{identity.entity.aliases.auth_jwt_1234abcd.name}}-db" …
 */
export function renderCollaboratorsPolicy(instanceId: string, jwtAccessor: string, mount = 'database'): string {
  const i = parseInput(InputSchema, { instanceId, jwtAccessor, mount });
  return renderPolicy([{
    path: `${i.mount}/creds/${i.instanceId}-`,
    aliasName: { accessor: i.jwtAccessor, suffix: '-db' },
    capabilities: ['read'],
    comment: 'only the credentials of the logged-in account',
  }]);
}
