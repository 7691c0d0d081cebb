import * as z from 'zod';
import { AddressSchema } from '../config.js';
import { VaultClient } from '../http/index.js';
import { parseInput } from '../operations/parse-input.js';
import { InstanceIdSchema, JwtSchema } from './inputs.js';
import { HubExchangeError } from './hub-error.js';
import { unwrapToken } from './unwrap.js';

const ExchangeSchema = z.strictObject({
  /** Hub base URL, e.g. `https://hub.lamin.ai`. */
  hubUrl: AddressSchema,
  instanceId: InstanceIdSchema,
  /** The user's hub access token (JWT). Sent only as `Authorization: Bearer`, never logged. */
  jwt: JwtSchema,
  /** Ask for an instance-admin token. Default: false. */
  admin: z.boolean().default(false),
  vault: z.strictObject({ address: AddressSchema, namespace: z.string().optional() }),
  /** Budget of the hub call. Default: 15000 ms. */
  timeoutMs: z.number().int().positive().max(300_000).default(15_000),
});
/**
 * Input of {@link exchangeHubJwt}.
 * @interface
 */
export type ExchangeHubJwtInput = z.input<typeof ExchangeSchema>;

/**
 * The hub answers the wrapping token as a JSON string, as `{ "token": … }`, or as what
 * `issueCollaboratorToken` returned (`{ "wrappingToken": … }`).
 */
const HubBodySchema = z.union([
  z.string().min(1),
  z.object({ token: z.string().min(1) }).transform((b) => b.token),
  z.object({ wrappingToken: z.string().min(1) }).transform((b) => b.wrappingToken),
]);

/**
 * Client side of the hub flow: POSTs the user's JWT to
 * `<hub>/vault/token/from-jwt/<instanceId>` (or `/vault/token/from-jwt/admin/<instanceId>`)
 * with a standard `Authorization: Bearer` header and a timeout, checks the status,
 * unwraps the single-use wrapping token it answers (only tokens created by
 * `auth/token/create/…` are accepted) and returns a client holding the real token.
 * @example
 * const vault = await exchangeHubJwt({ hubUrl, instanceId, jwt, vault: { address: VAULT_ADDR, namespace: 'admin' } });
 * const creds = await generateDbCredentials(vault, { instanceId, accountId });
 */
export async function exchangeHubJwt(input: ExchangeHubJwtInput): Promise<VaultClient> {
  const i = parseInput(ExchangeSchema, input);
  const url = new URL(`vault/token/from-jwt/${i.admin ? 'admin/' : ''}${i.instanceId}`, ensureSlash(i.hubUrl));
  const path = url.pathname; // with the hub's base path, as requested
  const body = await postToHub(url, path, i.jwt, i.timeoutMs);
  const parsed = HubBodySchema.safeParse(body);
  if (!parsed.success) throw new HubExchangeError({ failure: 'response', path, detail: 'the hub answered no wrapping token' });
  const vault = new VaultClient({ address: i.vault.address, ...(i.vault.namespace === undefined ? {} : { namespace: i.vault.namespace }) });
  const token = await unwrapToken(vault, parsed.data, { creationPathPrefix: 'auth/token/create' });
  return vault.withOptions({ token: token.token });
}

async function postToHub(url: URL, path: string, jwt: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jwt}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const detail = timedOut ? `no answer within ${timeoutMs} ms` : `network error ${causeCode(error)}`;
    throw new HubExchangeError({ failure: timedOut ? 'timeout' : 'network', path, detail });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HubExchangeError({ failure: 'http', path, status: res.status, detail: `hub answered ${res.status}` });
  }
  try {
    return await res.json();
  } catch {
    throw new HubExchangeError({ failure: 'response', path, detail: 'the hub answered no JSON' });
  }
}

/** The Node error code of a failed fetch (`ECONNREFUSED`, `ENOTFOUND`, …). */
function causeCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  // fetch refuses ports on the Fetch standard's block list (e.g. 1, 22, 25) before connecting.
  if (cause?.message === 'bad port') return '(port blocked by fetch)';
  // A redirect could carry the JWT elsewhere: never followed.
  if (cause?.message === 'unexpected redirect') return '(the hub redirected; redirects are not followed)';
  return 'unknown';
}

const ensureSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
