import { LaminVaultError, type LaminVaultErrorCode } from '../errors.js';

/** Why the hub exchange failed. */
export type HubFailure = 'http' | 'network' | 'timeout' | 'response';

const CODES: Record<HubFailure, LaminVaultErrorCode> = {
  http: 'VAULT_HTTP',
  network: 'VAULT_NETWORK',
  timeout: 'VAULT_TIMEOUT',
  response: 'VAULT_RESPONSE',
};

/**
 * The hub's token endpoint failed. Carries the status and the URL path (no query), never
 * the JWT, the hub's answer or a token. `code` reuses the Vault codes of the same kind.
 */
export class HubExchangeError extends LaminVaultError {
  override name = 'HubExchangeError';
  readonly failure: HubFailure;
  /** HTTP status of the hub's answer, for `failure: 'http'`. */
  readonly status: number | undefined;
  /** `/vault/token/from-jwt/<instanceId>` or the admin variant. */
  readonly path: string;

  constructor(init: { failure: HubFailure; path: string; status?: number; detail: string }) {
    super(CODES[init.failure], `Hub token exchange failed: ${init.detail} (POST ${init.path})`);
    this.failure = init.failure;
    this.status = init.status;
    this.path = init.path;
  }
}
