// Minimal Vault HTTP for the stack itself. Deliberately not the library's VaultClient:
// the testing entry point must stay independent of the code under test.

/** Sends one request and returns status plus parsed JSON body (or undefined). */
export async function vaultRequest(
  address: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['x-vault-token'] = token;
  const init: RequestInit = { method, headers, signal: AbortSignal.timeout(15_000) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(`${address}/v1/${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** "OpenBao 2.7.2" or "Vault 1.18.0", from `sys/seal-status` (OpenBao reports `commit_date`, Vault `build_date`). */
export async function readVaultVersion(address: string): Promise<string> {
  const { status, body } = await vaultRequest(address, undefined, 'GET', 'sys/seal-status');
  if (status !== 200 || typeof body?.version !== 'string') {
    throw new Error(`Vault at ${address}: sys/seal-status answered ${status} without a version`);
  }
  return `${'commit_date' in body ? 'OpenBao' : 'Vault'} ${body.version}`;
}

/** Enables the database secrets engine at `database/` unless something is mounted there. */
export async function ensureDatabaseMount(address: string, token: string): Promise<void> {
  const mounts = await vaultRequest(address, token, 'GET', 'sys/mounts');
  if (mounts.status !== 200) throw new Error(`Vault at ${address}: sys/mounts answered ${mounts.status}`);
  const data = (mounts.body?.data ?? mounts.body) as Record<string, unknown> | undefined;
  if (data && 'database/' in data) return;
  const res = await vaultRequest(address, token, 'POST', 'sys/mounts/database', { type: 'database' });
  if (res.status !== 204 && res.status !== 200) {
    throw new Error(`Vault at ${address}: mounting the database engine answered ${res.status}: ${errorsOf(res.body)}`);
  }
}

/** Vault's `errors` array as one string (Vault error texts never contain the token). */
export function errorsOf(body: Record<string, unknown> | undefined): string {
  return Array.isArray(body?.errors) ? body.errors.join('; ') : '';
}

/** Polls `sys/health` until it answers 200 (initialized, unsealed, active). */
export async function waitForVaultHealth(address: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const status = await vaultRequest(address, undefined, 'GET', 'sys/health').then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`Vault at ${address} not healthy after ${timeoutMs} ms (last status ${status})`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
