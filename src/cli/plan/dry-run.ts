import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { VaultClient } from '../../http/index.js';
import { maskSecrets, type Plan, type PlanStep } from './plan-step.js';

/** What a dry run starts from: Vault paths (`database/roles/x`) and their stored data. */
export type DryRunSeed = Record<string, Record<string, unknown>>;

const CREDS = /^(.+)\/creds\/([^/]+)$/;
const reply = (config: InternalAxiosRequestConfig, status: number, body?: unknown): AxiosResponse<string> => ({
  data: body === undefined ? '' : JSON.stringify(body), status, statusText: '', headers: {}, config,
});

/**
 * A client whose transport is a tiny in-memory Vault: writes are stored, reads return
 * what was stored (404 otherwise), credential issues return a placeholder lease. The
 * real operation runs against it, so the plan is exactly the requests it would send —
 * nothing leaves the process.
 */
export function dryRunClient(seed: DryRunSeed = {}): { client: VaultClient; steps: PlanStep[] } {
  const store = new Map(Object.entries(seed));
  const steps: PlanStep[] = [];
  const adapter: AxiosAdapter = async (config) => {
    const url = new URL(config.url ?? '', 'http://dry-run.invalid');
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\//, ''));
    const method = (config.method ?? 'get').toUpperCase() as PlanStep['method'];
    const body = typeof config.data === 'string' && config.data !== '' ? (JSON.parse(config.data) as Record<string, unknown>) : undefined;
    steps.push({ method, path: `/v1/${path}`, why: describe(method, path), ...(body ? { body: maskSecrets(body) } : {}) });
    if (method === 'LIST') {
      const keys = [...store.keys()].filter((k) => k.startsWith(`${path}/`)).map((k) => k.slice(path.length + 1));
      return keys.length > 0 ? reply(config, 200, { data: { keys } }) : reply(config, 404, { errors: [] });
    }
    if (method === 'GET') {
      const creds = CREDS.exec(path);
      if (creds) return reply(config, 200, { lease_id: `${path}/<lease>`, lease_duration: 3600, renewable: true, data: { username: '<user>', password: '<password>' } });
      const stored = store.get(path);
      return stored ? reply(config, 200, { data: stored }) : reply(config, 404, { errors: [] });
    }
    if (method === 'DELETE') store.delete(path);
    else if (!path.startsWith('sys/leases/') && body) store.set(path, body);
    return reply(config, 204);
  };
  return { client: new VaultClient({ address: 'http://dry-run.invalid', token: 'dry-run', adapter, retry: { limit: 0 } }), steps };
}

const TEMP_ROLE = '[^/]+-lamin-(?:bootstrap|teardown)';

/**
 * Why each request is made: the first row whose method and pattern match. Every
 * pattern is anchored on the whole path, so a role name inside another path (the
 * revoke-prefix of a temporary role) cannot borrow the comment of the role itself.
 */
const WHY: ReadonlyArray<[RegExp, string, string]> = [
  [new RegExp(`^sys/leases/revoke-prefix/.+/creds/${TEMP_ROLE}$`), 'POST', 'revoke the temporary credentials: drops the temporary user'],
  [/^sys\/leases\/revoke-prefix\/.+\/creds\/[^/]+$/, 'POST', "revoke the role's leases: drops their users and ends their sessions"],
  [/^sys\/policies\/acl\/[^/]+$/, 'POST', 'policy that may read exactly this role\'s credentials'],
  [/^sys\/policies\/acl\/[^/]+$/, 'DELETE', 'delete the policy'],
  [/^.+\/config\/[^/]+$/, 'POST', 'connection, verified against PostgreSQL by Vault'],
  [/^.+\/config\/[^/]+$/, 'GET', 'does the connection exist?'],
  [/^.+\/config\/[^/]+$/, 'DELETE', 'delete the connection (last: revocation needs it)'],
  [new RegExp(`^.+/roles/${TEMP_ROLE}$`), 'POST', 'temporary role whose creation statements run this SQL'],
  [new RegExp(`^.+/roles/${TEMP_ROLE}$`), 'DELETE', 'delete the temporary role'],
  [/^.+\/roles\/[^/]+$/, 'POST', 'role with the SQL of its level'],
  [/^.+\/roles\/[^/]+$/, 'GET', 'read the role (current level, or read back after a write)'],
  [/^.+\/roles\/[^/]+$/, 'DELETE', 'delete the role'],
  [/^.+\/roles$/, 'LIST', "find the instance's roles"],
  [/^.+\/creds\/[^/]+$/, 'GET', "issue credentials: runs the role's creation statements in PostgreSQL"],
];

function describe(method: string, path: string): string {
  return WHY.find(([pattern, m]) => m === method && pattern.test(path))?.[2] ?? '';
}

/** Runs an operation against {@link dryRunClient} and returns the requests it made. */
export async function dryRun(
  operation: string,
  run: (client: VaultClient) => Promise<unknown>,
  options: { seed?: DryRunSeed; notes?: string[] } = {},
): Promise<Plan> {
  const { client, steps } = dryRunClient(options.seed);
  await run(client);
  return { operation, steps, notes: options.notes ?? [] };
}
