/**
 * The hub side of the token exchange: two endpoints that verify the caller's JWT,
 * check what the user may have, and answer a single-use wrapping token.
 *
 *   POST /vault/token/from-jwt/<instanceId>        → collaborator token (own credentials)
 *   POST /vault/token/from-jwt/admin/<instanceId>  → instance-admin token (admins only)
 *
 * The service's Vault token needs only `renderServicePolicy('issueInstanceAdminToken')`
 * (hub-wide; it issues collaborator tokens too, so it is trusted with every instance), and
 * `ensureTokenRole` must have run once. Clients call `exchangeHubJwt`.
 * In your code, import from 'lamin-vault' instead of '../src/…'.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { VaultClient, configFromEnv, isLaminVaultError } from '../src/index.js';
import { issueCollaboratorToken, issueInstanceAdminToken } from '../src/auth/index.js';

/** What the hub knows; back these by your IdP and database. */
export interface HubDirectory {
  /** The verified account id of a JWT (e.g. Supabase `auth.getUser(jwt)`), or undefined. */
  verifyJwt(jwt: string): Promise<string | undefined>;
  /** Whether the account is an admin of the instance (e.g. `account_instance.role = 'admin'`). */
  isInstanceAdmin(accountId: string, instanceId: string): Promise<boolean>;
  isPublic(instanceId: string): Promise<boolean>;
}

const ROUTE = /^\/vault\/token\/from-jwt\/(admin\/)?([^/]+)$/;
const BEARER = /^Bearer ([A-Za-z0-9_.=-]+)$/;

/** A request listener serving the two endpoints. */
export function createHubHandler(vault: VaultClient, directory: HubDirectory) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(vault, directory, req).then(
      ({ status, body }) => send(res, status, body),
      () => send(res, 502, { error: 'vault unavailable' }),
    );
  };
}

async function handle(vault: VaultClient, dir: HubDirectory, req: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const route = ROUTE.exec(new URL(req.url ?? '/', 'http://hub').pathname);
  if (req.method !== 'POST' || !route) return { status: 404, body: { error: 'not found' } };
  const [, admin, instanceId = ''] = route;
  const jwt = BEARER.exec(req.headers.authorization ?? '')?.[1];
  const accountId = jwt ? await dir.verifyJwt(jwt) : undefined;
  if (!accountId) return { status: 401, body: { error: 'invalid or missing bearer token' } };
  try {
    if (admin) {
      // The admin check happens here, server side; the library only accepts an explicit `true`.
      if (!(await dir.isInstanceAdmin(accountId, instanceId))) return { status: 403, body: { error: 'not an instance admin' } };
      const issued = await issueInstanceAdminToken(vault, { instanceId, accountId, isInstanceAdmin: true });
      return { status: 200, body: issued.wrappingToken };
    }
    const instanceIsPublic = await dir.isPublic(instanceId);
    const issued = await issueCollaboratorToken(vault, { instanceId, accountId, instanceIsPublic });
    return { status: 200, body: issued.wrappingToken };
  } catch (error) {
    if (isLaminVaultError(error) && error.code === 'VALIDATION') return { status: 400, body: { error: 'invalid instance or account id' } };
    if (isLaminVaultError(error) && 'status' in error && error.status === 404) return { status: 403, body: { error: 'not a collaborator' } };
    throw error;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const vault = new VaultClient(configFromEnv());
  const directory: HubDirectory = {
    // Replace with real verification; this demo trusts nothing.
    verifyJwt: async () => undefined,
    isInstanceAdmin: async () => false,
    isPublic: async () => false,
  };
  const port = Number(process.env.PORT ?? 8080);
  createServer(createHubHandler(vault, directory)).listen(port, () => console.error(`hub on :${port}`));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
