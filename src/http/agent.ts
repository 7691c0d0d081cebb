/**
 * One axios instance and one keep-alive agent per client. TLS settings live on this agent
 * only: nothing here touches global agents or `NODE_TLS_REJECT_UNAUTHORIZED`.
 */
import http from 'node:http';
import https from 'node:https';
import { Axios } from 'axios';
import type { VaultClientConfig } from '../config.js';
import { createNodeAdapter } from './node-adapter.js';

// axios's 'http' adapter (when a user passes it) calls `socket.setKeepAlive(true, 60_000)` on
// every request; the same delay on the agent lets Node skip toggling it twice per request.
const KEEP_ALIVE = { keepAlive: true, keepAliveMsecs: 60_000 } as const;

/** The per-client HTTP machinery. */
export interface HttpStack {
  readonly axios: Axios;
  /** True when the adapter is ours, which bounds each exchange by axios's `timeout` itself. */
  readonly ownAdapter: boolean;
  /** Closes idle keep-alive sockets; in-flight requests finish. */
  close(): void;
}

/**
 * Builds the axios instance: raw text in and out (we parse JSON ourselves), every status
 * resolved (we map errors ourselves), no redirects (we follow standby redirects ourselves),
 * no proxy from the environment (no silent env reads).
 *
 * `new Axios(config)` instead of `axios.create(config)`: the latter merges axios's global
 * defaults (headers per method, xsrf, limits, …) into the instance, and axios re-merges all
 * of them on every request, more than half of axios's own per-request cost. None of them
 * matter here: every header is set by the transport, limits default to unlimited.
 */
export function createHttpStack(config: VaultClientConfig): HttpStack {
  const isHttps = config.address.startsWith('https:');
  const agent = isHttps
    ? new https.Agent({
        ...KEEP_ALIVE,
        rejectUnauthorized: config.rejectUnauthorized,
        ...(config.caCert === undefined ? {} : { ca: config.caCert }),
      })
    : new http.Agent(KEEP_ALIVE);
  if (isHttps && !config.rejectUnauthorized) {
    process.emitWarning('TLS certificate verification is disabled for this Vault client (rejectUnauthorized: false)', {
      code: 'LAMIN_VAULT_TLS_INSECURE',
    });
  }
  // Our adapter needs no axios options (it resolves every status and returns text); a user
  // adapter, possibly axios's own 'http' one, gets the full set. Fewer keys: less per-request merging.
  const instance = new Axios(
    config.adapter === undefined
      ? { adapter: createNodeAdapter(agent) }
      : {
          adapter: config.adapter,
          ...(isHttps ? { httpsAgent: agent } : { httpAgent: agent }),
          proxy: false,
          maxRedirects: 0,
          validateStatus: null,
          responseType: 'text',
          responseEncoding: 'utf8',
          transformRequest: [],
          transformResponse: [],
        },
  );
  return { axios: instance, ownAdapter: config.adapter === undefined, close: () => agent.destroy() };
}
