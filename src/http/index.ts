/** Public surface of the HTTP layer (re-exported by `src/index.ts`). */
export { VaultClient, type DataOptions, type RequestOptions } from './client.js';
export type { VaultAuth, VaultResponse, VaultWrapInfo } from './envelope.js';
export { apiPath, type VaultPath } from './path.js';
export { HEALTH_STATUSES, type VaultHealth } from './response.js';
export { isNeverRetried, isRetryableStatus, RETRYABLE_NETWORK_CODES } from './retry.js';
export { MAX_REDIRECTS } from './transport.js';
