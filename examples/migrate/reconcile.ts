// In your project: import { … } from 'lamin-vault';
import {
  createCollaboratorRole, deleteCollaboratorRole, initInstanceVault, isVaultError, listCollaboratorRoles,
  updateCollaboratorRole, type CollaboratorRoleEntry, type VaultClient,
} from '../../src/index.js';
import { passwordOf, type CollaboratorSpec, type InstanceSpec } from './schema.js';

export type Action = 'created' | 'updated' | 'unchanged' | 'deleted';

/** What happened to one instance: its connection and each collaborator. */
export interface InstanceOutcome {
  instanceId: string;
  ok: boolean;
  error?: string;
  connection?: Action;
  collaborators: Record<string, Action>;
}

export interface ReconcileOptions {
  mount: string;
  /** Delete collaborators Vault has but the file does not. */
  prune: boolean;
  /** Re-run initInstanceVault even when the connection looks the same (e.g. a new password). */
  reinit: boolean;
  env: NodeJS.ProcessEnv;
}

/** Compares the stored connection with the file; Vault never returns the password, so that cannot be compared. */
async function connectionState(client: VaultClient, mount: string, spec: InstanceSpec): Promise<'absent' | 'same' | 'different'> {
  let data: { connection_details?: Record<string, unknown> };
  try {
    data = (await client.read([...mount.split('/'), 'config', spec.instanceId])).data as typeof data;
  } catch (error) {
    if (isVaultError(error, 404)) return 'absent';
    throw error;
  }
  const url = String(data.connection_details?.['connection_url'] ?? '');
  const host = spec.db.host.includes(':') ? `[${spec.db.host}]` : spec.db.host;
  const same = data.connection_details?.['username'] === spec.db.user
    && url.includes(`@${host}:${spec.db.port}/${encodeURIComponent(spec.db.name)}`)
    && (spec.db.sslmode === undefined || url.includes(`sslmode=${spec.db.sslmode}`));
  return same ? 'same' : 'different';
}

async function ensureConnection(client: VaultClient, spec: InstanceSpec, o: ReconcileOptions): Promise<Action> {
  const state = await connectionState(client, o.mount, spec);
  if (state === 'same' && !o.reinit) {
    const roles = await listCollaboratorRoles(client, { instanceId: spec.instanceId, mount: o.mount }, { withLevels: true });
    if (roles.some((r) => r.accountId === spec.adminAccountId && r.level === 'admin')) return 'unchanged';
  }
  await initInstanceVault(client, {
    instanceId: spec.instanceId, adminAccountId: spec.adminAccountId, mount: o.mount,
    dbHost: spec.db.host, dbPort: spec.db.port, dbName: spec.db.name,
    vaultDbUsername: spec.db.user, vaultDbPassword: passwordOf(spec.db, o.env),
    ...(spec.db.sslmode ? { sslmode: spec.db.sslmode } : {}),
  });
  return state === 'absent' ? 'created' : 'updated';
}

async function ensureCollaborator(client: VaultClient, instanceId: string, mount: string, want: CollaboratorSpec,
  have: CollaboratorRoleEntry | undefined): Promise<Action> {
  const spec = { instanceId, mount, accountId: want.accountId, role: want.level, allowDelete: want.allowDelete ?? false };
  if (!have) {
    await createCollaboratorRole(client, spec);
    return 'created';
  }
  if (have.level === want.level && (have.allowDelete ?? false) === spec.allowDelete) return 'unchanged';
  await updateCollaboratorRole(client, spec);
  return 'updated';
}

/** Brings one instance to the state the file describes; never throws. */
export async function reconcileInstance(client: VaultClient, spec: InstanceSpec, o: ReconcileOptions): Promise<InstanceOutcome> {
  const outcome: InstanceOutcome = { instanceId: spec.instanceId, ok: false, collaborators: {} };
  try {
    outcome.connection = await ensureConnection(client, spec, o);
    const ref = { instanceId: spec.instanceId, mount: o.mount };
    const existing = await listCollaboratorRoles(client, ref, { withLevels: true });
    const wanted = spec.collaborators.filter((c) => c.accountId !== spec.adminAccountId);
    for (const want of wanted) {
      const have = existing.find((r) => r.accountId === want.accountId);
      outcome.collaborators[want.accountId] = await ensureCollaborator(client, spec.instanceId, o.mount, want, have);
    }
    const keep = new Set([spec.adminAccountId, ...wanted.map((c) => c.accountId)]);
    for (const extra of o.prune ? existing.filter((r) => !keep.has(r.accountId)) : []) {
      await deleteCollaboratorRole(client, { ...ref, accountId: extra.accountId });
      outcome.collaborators[extra.accountId] = 'deleted';
    }
    outcome.ok = true;
  } catch (error) {
    // lamin-vault errors carry no secrets; anything else is reduced to its message.
    outcome.error = error instanceof Error ? error.message : String(error);
  }
  return outcome;
}
