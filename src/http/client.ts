/**
 * The raw Vault HTTP client: typed methods over {@link send}. One axios instance and one
 * keep-alive agent per client; {@link VaultClient.withOptions} copies share them.
 */
import type * as z from 'zod';
import { freezeConfig, parseConfig, type VaultClientConfig, type VaultClientConfigInput } from '../config.js';
import { createHttpStack, type HttpStack } from './agent.js';
import { ListDataSchema, type VaultResponse } from './envelope.js';
import { resolveCall, resolveOverrides } from './options.js';
import { apiPath, type VaultPath } from './path.js';
import { HEALTH_STATUSES, isPlainNotFound, parseJson, toHealth, toResponse, validateData, type VaultHealth } from './response.js';
import { mayRetry } from './retry.js';
import { send, type RawResponse } from './transport.js';

/** Per-call options. */
export interface RequestOptions {
  /** Namespace for this call; `null` = send no namespace header. Default: the client's. */
  namespace?: string | null;
  /** Token for this call; `null` = send no token. Default: the client's. */
  token?: string | null;
  /** Ask Vault to response-wrap the answer (`X-Vault-Wrap-TTL`), e.g. `"60s"` or `300`. */
  wrapTtl?: string | number;
  /** Aborts the call; the error is a `VaultAbortedError` (code `ABORTED`). */
  signal?: AbortSignal;
  /** Override retry eligibility (writes default to not retried); never-retried paths stay so. */
  idempotent?: boolean;
}

/** Options of calls that return data: `schema` validates Vault's `data` field. */
export interface DataOptions<T> extends RequestOptions {
  schema?: z.ZodType<T>;
}

const JSON_TYPE = 'application/json';
const MERGE_PATCH = 'application/merge-patch+json';
// Nothing there (a LIST of an empty prefix, a GET of an absent object) is a 404 with no
// messages; a 404 that says why ("no handler for route", "namespace not found") is a wrong
// mount or namespace, and stays an error.
const ABSENT_ACCEPT = (s: number, text: string) => s === 404 && isPlainNotFound(text);
const HEALTH_ACCEPT = (s: number) => HEALTH_STATUSES.has(s);

// Set only for the duration of a `withOptions` construction, to share the HTTP stack.
let forking: HttpStack | undefined;

/** Raw Vault/OpenBao HTTP API client. */
export class VaultClient {
  /** Parsed, frozen config; the token is hidden from `JSON.stringify` and `util.inspect`. */
  readonly config: Readonly<VaultClientConfig>;
  readonly #http: HttpStack;

  /** Parses `config` once; bad config → `LaminVaultValidationError` naming the field. */
  constructor(config: VaultClientConfigInput) {
    if (forking) {
      this.#http = forking;
      this.config = config as VaultClientConfig;
      forking = undefined;
      return;
    }
    this.config = parseConfig(config);
    this.#http = createHttpStack(this.config);
  }

  /**
   * A cheap copy with another token and/or namespace (`null` = none), sharing the agent.
   * @example
   * const asUser = client.withOptions({ token: userToken });
   * const inTeam = client.withOptions({ namespace: 'admin/team' });
   */
  withOptions(over: { token?: string; namespace?: string | null }): VaultClient {
    const next = freezeConfig({ ...this.config, ...resolveOverrides(over) });
    forking = this.#http;
    try {
      // Not `new VaultClient`: a class that names itself is renamed by the bundler (`_VaultClient`).
      const Client = this.constructor as typeof VaultClient;
      return new Client(next as VaultClientConfigInput & VaultClientConfig);
    } finally {
      forking = undefined;
    }
  }

  /**
   * `GET /v1/<path>`; `schema` validates the `data` field.
   * @example
   * const { data } = await client.read(['sys', 'policies', 'acl', 'default'], {
   *   schema: z.object({ policy: z.string() }),
   * });
   */
  async read<T = unknown>(path: VaultPath, opts?: DataOptions<T>): Promise<VaultResponse<T>> {
    const { res, ctx } = await this.#send('GET', path, undefined, JSON_TYPE, opts, undefined);
    return toResponse(parseJson(res.text, ctx) ?? {}, opts?.schema, ctx);
  }

  /**
   * {@link read}, but an absent object (a 404 without messages) → `undefined`, without an
   * error being built and caught. A 404 that names a cause (no handler for the route,
   * namespace not found) still throws `VaultNotFoundError`: a wrong mount is not absence.
   * @example
   * const role = await client.readIfExists(['database', 'roles', name]); // undefined if none
   */
  async readIfExists<T = unknown>(path: VaultPath, opts?: DataOptions<T>): Promise<VaultResponse<T> | undefined> {
    const { res, ctx } = await this.#send('GET', path, undefined, JSON_TYPE, opts, ABSENT_ACCEPT);
    if (res.status === 404) return undefined;
    return toResponse(parseJson(res.text, ctx) ?? {}, opts?.schema, ctx);
  }

  /**
   * `LIST /v1/<path>` → `data.keys`; 404 (nothing there) → `[]`.
   * @example
   * const roles = await client.list(['database', 'roles']); // [] when there are none
   */
  async list(path: VaultPath, opts?: RequestOptions): Promise<string[]> {
    const { res, ctx } = await this.#send('LIST', path, undefined, JSON_TYPE, opts, ABSENT_ACCEPT);
    if (res.status === 404) return [];
    const out = toResponse(parseJson(res.text, ctx) ?? {}, undefined, ctx);
    return validateData(out.data, ListDataSchema, ctx).keys;
  }

  /**
   * `POST /v1/<path>` with a JSON body; an empty answer (204) → `undefined`.
   * @example
   * // Writing a policy is idempotent, so it may be retried:
   * await client.write(['sys', 'policies', 'acl', name], { policy: hcl }, { idempotent: true });
   */
  async write<T = unknown>(path: VaultPath, body?: object, opts?: DataOptions<T>): Promise<VaultResponse<T> | undefined> {
    return this.#writeLike('POST', path, body, JSON_TYPE, opts);
  }

  /**
   * `PATCH /v1/<path>` as JSON merge patch; an empty answer (204) → `undefined`.
   * @example
   * await client.patch(['secret', 'data', 'app'], { data: { apiKey: null } }); // KV v2: remove one key
   */
  async patch<T = unknown>(path: VaultPath, body: object, opts?: DataOptions<T>): Promise<VaultResponse<T> | undefined> {
    return this.#writeLike('PATCH', path, body, MERGE_PATCH, opts);
  }

  /**
   * `DELETE /v1/<path>`; a 404 throws `VaultNotFoundError` (catch it to be idempotent).
   * @example
   * await client.delete(['sys', 'policies', 'acl', name]);
   */
  async delete(path: VaultPath, opts?: RequestOptions): Promise<void> {
    await this.#send('DELETE', path, undefined, JSON_TYPE, opts, undefined);
  }

  /**
   * `GET /v1/sys/health`, without token or namespace. Never throws for the statuses that
   * report state (429, 472, 473, 474, 501, 503): read `status` and the flags instead.
   * @example
   * const { sealed, standby } = await client.health();
   * if (sealed) throw new Error('Vault is sealed');
   */
  async health(opts?: { signal?: AbortSignal }): Promise<VaultHealth> {
    const callOpts = { token: null, namespace: null, ...(opts?.signal ? { signal: opts.signal } : {}) };
    const { res, ctx } = await this.#send('GET', ['sys', 'health'], undefined, JSON_TYPE, callOpts, HEALTH_ACCEPT);
    return toHealth(res.status, res.text, ctx);
  }

  /**
   * Closes this client's idle keep-alive sockets (shared with its `withOptions` copies).
   * @example
   * process.once('SIGTERM', () => client.close());
   */
  close(): void {
    this.#http.close();
  }

  async #writeLike<T>(method: string, path: VaultPath, body: object | undefined, type: string, opts?: DataOptions<T>) {
    const { res, ctx } = await this.#send(method, path, body, type, opts, undefined);
    const parsed = parseJson(res.text, ctx);
    return parsed === undefined ? undefined : toResponse(parsed, opts?.schema, ctx);
  }

  async #send(
    method: string,
    segments: VaultPath,
    body: object | undefined,
    contentType: string,
    opts: RequestOptions | undefined,
    accept: ((status: number, text: string) => boolean) | undefined,
  ): Promise<{ res: RawResponse; ctx: { method: string; path: string } }> {
    const path = apiPath(segments);
    const call = resolveCall(this.config, opts);
    const res = await send(this.#http, this.config, {
      method,
      path,
      data: body === undefined ? undefined : JSON.stringify(body),
      body,
      contentType,
      ...call,
      signal: opts?.signal,
      retryable: mayRetry(method, segments, opts?.idempotent),
      accept,
    });
    return { res, ctx: { method, path } };
  }
}
