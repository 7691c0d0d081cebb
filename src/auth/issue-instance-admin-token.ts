import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { instanceAdminPolicyName } from '../plan/index.js';
import { writePolicy } from '../vault/policies.js';
import { renderInstanceAdminPolicy } from './admin-policy.js';
import { AccountIdSchema, IssueOptionsSchema, MountSchema } from './inputs.js';
import { issueWrappedToken, type IssuedToken } from './issue-token.js';

const IssueAdminSchema = IssueOptionsSchema.extend({
  accountId: AccountIdSchema,
  /** The caller's explicit claim that it checked the user is an admin of this instance (§9 item 1). */
  isInstanceAdmin: z.literal(true, { error: 'must be literally true: check the user is an instance admin first' }),
  /** Database secrets engine mount the admin policy refers to. Default: `database`. */
  mount: MountSchema.default('database'),
}).strict();
/**
 * Input of {@link issueInstanceAdminToken}.
 * @interface
 */
export type IssueInstanceAdminTokenInput = z.input<typeof IssueAdminSchema>;

/**
 * Issues an instance admin a response-wrapped token carrying only
 * `<instanceId>-admin-db-policy`, which this call (re)writes from a fixed template
 * (see `renderInstanceAdminPolicy`): read the connection, read and set collaborator
 * roles with pinned statements, read the instance's credentials, revoke its leases.
 * It can write no policy and reach no other instance.
 *
 * `isInstanceAdmin: true` is required: the original issued admin tokens to anyone
 * (its "TODO: check user is an instance admin"). Anything else is a validation error
 * and nothing is written or issued.
 *
 * Minimal policy: that of `issueCollaboratorToken` plus `create`,`update` on
 * `sys/policies/acl/<iid>-admin-db-policy`. Scoped to one instance, `renderServicePolicy`
 * pins both: the policy's text, and the token's policies to exactly that one, so the
 * issuing service cannot leave the instance.
 * @example
 * if (await hub.isInstanceAdmin(user.id, instanceId)) {
 *   const { wrappingToken } = await issueInstanceAdminToken(client, { instanceId, accountId: user.id, isInstanceAdmin: true });
 * }
 */
export async function issueInstanceAdminToken(client: VaultClient, input: IssueInstanceAdminTokenInput): Promise<IssuedToken> {
  requireClient(client);
  const i = parseInput(IssueAdminSchema, input);
  const policy = instanceAdminPolicyName(i.instanceId);
  await writePolicy(client, policy, renderInstanceAdminPolicy(i.instanceId, i.mount));
  return issueWrappedToken(client, {
    tokenRole: i.tokenRole,
    policies: [policy],
    ttl: i.ttl,
    wrapTtl: i.wrapTtl,
    meta: { lamin_instance_id: i.instanceId, lamin_account_id: i.accountId, lamin_kind: 'instance-admin' },
  });
}
