import * as z from 'zod';
import type { VaultClient } from '../http/index.js';

const PolicySchema = z.object({ policy: z.string() });

/** `sys/policies/acl/<name>`: the body field is `policy` (the legacy `sys/policy` uses `rules`). */
export async function writePolicy(client: VaultClient, name: string, hcl: string): Promise<void> {
  await client.write(['sys', 'policies', 'acl', name], { policy: hcl }, { idempotent: true });
}

export async function readPolicy(client: VaultClient, name: string): Promise<string | undefined> {
  return (await client.readIfExists(['sys', 'policies', 'acl', name], { schema: PolicySchema }))?.data.policy;
}

/** Deleting an absent policy succeeds on Vault and OpenBao alike. */
export async function deletePolicy(client: VaultClient, name: string): Promise<void> {
  await client.delete(['sys', 'policies', 'acl', name]);
}
