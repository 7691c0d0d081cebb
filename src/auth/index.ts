/**
 * Who may do what: token issuing and unwrapping for the hub flow, Vault's JWT auth
 * method as the hub-free path, long-lived credentials for services, and the minimal
 * policies of every operation.
 */
export { ensureTokenRole, TOKEN_ROLE_POLICY_GLOB, type EnsureTokenRoleInput } from './token-role.js';
export { issueCollaboratorToken, type IssueCollaboratorTokenInput } from './issue-collaborator-token.js';
export { issueInstanceAdminToken, type IssueInstanceAdminTokenInput } from './issue-instance-admin-token.js';
export type { IssuedToken } from './issue-token.js';
export { renderInstanceAdminPolicy } from './admin-policy.js';
export { unwrapToken, WrappingTokenError, type UnwrapOptions } from './unwrap.js';
export { VaultToken } from './vault-token.js';
export { exchangeHubJwt, type ExchangeHubJwtInput } from './exchange-hub-jwt.js';
export { HubExchangeError, type HubFailure } from './hub-error.js';
export { configureJwtAuth, type ConfigureJwtAuthInput, type JwtAuthSetup } from './configure-jwt-auth.js';
export { loginWithJwt, type LoginWithJwtInput } from './login-with-jwt.js';
export { renderCollaboratorsPolicy } from './jwt-policy.js';
export { createCredentialsProvider, type CredentialsProvider, type CredentialsProviderOptions } from './credentials-provider.js';
export {
  renderServicePolicy, servicePolicyRules, SERVICE_OPERATIONS, type ServiceOperation, type ServicePolicyOptions,
} from './service-policy.js';
export type { GlobPolicyRule as AuthPolicyRule, AllowedValue } from '../plan/index.js';
export {
  DEFAULT_TOKEN_ROLE, instanceAdminPolicyName, collaboratorsPolicyName, collaboratorPolicyName, publicReadPolicyName,
} from '../plan/index.js';
