import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { VaultNotFoundError } from '../errors.js';
import { parseInput, requireClient } from '../operations/parse-input.js';
import { collaboratorPolicyName, publicReadPolicyName } from '../plan/index.js';
import { readPolicy } from '../vault/policies.js';
import { AccountIdSchema, IssueOptionsSchema } from './inputs.js';
import { issueWrappedToken, type IssuedToken } from './issue-token.js';

const IssueCollaboratorSchema = IssueOptionsSchema.extend({
  // AccountIdSchema refuses reserved ids: `admin` would own the instance-admin policy.
  accountId: AccountIdSchema,
  /** The instance is public: add the public-read policy. Default: false (§9 item 8). */
  instanceIsPublic: z.boolean().default(false),
}).strict();
/**
 * Input of {@link issueCollaboratorToken}.
 * @interface
 */
export type IssueCollaboratorTokenInput = z.input<typeof IssueCollaboratorSchema>;

/**
 * What a hub calls after verifying a user's JWT: a response-wrapped, short-lived token
 * that can only read that collaborator's credentials (`<iid>-<aid>-db-policy`), plus
 * the public-read credentials when the caller says the instance is public.
 *
 * The token is an orphan created through the token role (see `ensureTokenRole`), so it
 * outlives the issuing token and needs no "subset of parent" policies (C29); its
 * policies are verified through its accessor before the wrapping token is returned.
 * A missing collaborator policy is a {@link VaultNotFoundError}, except on a public
 * instance, where a signed-in non-collaborator gets the public-read policy alone.
 *
 * Minimal policy: `update` on `auth/token/create/<tokenRole>`, `auth/token/lookup-accessor`
 * and `auth/token/revoke-accessor`; `read` on `sys/policies/acl/<iid>-*`.
 * @example
 * // hub endpoint POST /vault/token/from-jwt/:instanceId, after verifying the JWT:
 * const { wrappingToken } = await issueCollaboratorToken(client, { instanceId, accountId: user.id });
 * res.json(wrappingToken);
 */
export async function issueCollaboratorToken(client: VaultClient, input: IssueCollaboratorTokenInput): Promise<IssuedToken> {
  requireClient(client);
  const i = parseInput(IssueCollaboratorSchema, input);
  const own = collaboratorPolicyName(i.instanceId, i.accountId);
  const candidates = i.instanceIsPublic ? [own, publicReadPolicyName(i.instanceId)] : [own];
  const existing = await existingPolicies(client, candidates);
  if (!existing.includes(own) && !(i.instanceIsPublic && existing.length > 0)) {
    throw new VaultNotFoundError({
      status: 404, errors: [`no collaborator policy ${own}`], method: 'GET', path: `/v1/sys/policies/acl/${own}`,
    });
  }
  return issueWrappedToken(client, {
    tokenRole: i.tokenRole,
    policies: existing,
    ttl: i.ttl,
    wrapTtl: i.wrapTtl,
    meta: { lamin_instance_id: i.instanceId, lamin_account_id: i.accountId, lamin_kind: 'collaborator' },
  });
}

/** The names among `names` that exist as ACL policies. */
async function existingPolicies(client: VaultClient, names: string[]): Promise<string[]> {
  const found = await Promise.all(names.map(async (name) => ((await readPolicy(client, name)) === undefined ? undefined : name)));
  return found.filter((name): name is string => name !== undefined);
}
