import * as z from 'zod';
import type { VaultClient } from '../http/index.js';
import { parseCollaboratorRole, type Level } from '../plan/index.js';
import { listRoles, readRole } from '../vault/database.js';
import { detectLevel } from './detect-level.js';
import { InstanceRefSchema, type InstanceRef } from './instance-input.js';
import { parseInput, requireClient } from './parse-input.js';

const ListOptionsSchema = z.strictObject({ withLevels: z.boolean().default(false) });

export interface CollaboratorRoleEntry {
  accountId: string;
  roleName: string;
  /** Present with `withLevels: true`; `undefined` for a role this library did not render. */
  level?: Level | undefined;
  allowDelete?: boolean | undefined;
}

/**
 * Every role under the mount that belongs to the instance: all names matching its
 * allowed-roles glob `<instanceId>-*` (collaborators, public-read, and temporary roles
 * an interrupted run left). Instance ids are fixed-length UUIDs, so no other
 * instance's role can share the prefix.
 */
export async function instanceRoleNames(client: VaultClient, mount: string, instanceId: string): Promise<string[]> {
  const keys = await listRoles(client, mount);
  return keys.filter((key) => key.startsWith(`${instanceId}-`));
}

/**
 * Lists an instance's collaborator roles (from the `data.keys` of a LIST on
 * `<mount>/roles`), optionally reading each role to report its level.
 *
 * Minimal policy: `list` on `<mount>/roles` (+ `read` on `<mount>/roles/<instanceId>-*` for levels).
 * @example
 * const roles = await listCollaboratorRoles(client, { instanceId }, { withLevels: true });
 */
export async function listCollaboratorRoles(
  client: VaultClient,
  input: InstanceRef,
  options: { withLevels?: boolean } = {},
): Promise<CollaboratorRoleEntry[]> {
  requireClient(client);
  const { instanceId, mount } = parseInput(InstanceRefSchema, input);
  const { withLevels } = parseInput(ListOptionsSchema, options);
  const keys = await listRoles(client, mount);
  const entries = keys.flatMap((key) => {
    const parsed = parseCollaboratorRole(instanceId, key);
    return parsed ? [{ accountId: parsed.accountId, roleName: key }] : [];
  });
  if (!withLevels) return entries;
  return Promise.all(
    entries.map(async (entry) => {
      const stored = await readRole(client, mount, entry.roleName);
      const detected = stored ? detectLevel(instanceId, stored) : undefined;
      return { ...entry, level: detected?.level, allowDelete: detected?.allowDelete };
    }),
  );
}
