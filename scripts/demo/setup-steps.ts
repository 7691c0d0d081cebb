import {
  connectionConfigExists, createCollaboratorRole, generateDbCredentials, initInstanceVault, listCollaboratorRoles,
} from '../../src/index.js';
import { EXPECTED, LEVELS, matrixTable, observeRow, sameRow } from './matrix.js';
import type { Reporter } from './reporter.js';
import { ACCOUNTS, OWNER_ACCOUNT, type DemoState } from './state.js';

/** Step 1: the connection, the group roles and the admin collaborator. */
export async function initInstance(r: Reporter, s: DemoState): Promise<void> {
  await r.step(`initInstanceVault (Postgres admin ${s.stack.postgres.adminUser}, admin collaborator "${OWNER_ACCOUNT}")`, async (ctx) => {
    const pgStack = s.stack.postgres;
    const result = await initInstanceVault(s.client, {
      instanceId: s.instanceId, adminAccountId: OWNER_ACCOUNT,
      dbHost: pgStack.hostForVault, dbPort: pgStack.portForVault, dbName: s.db.name,
      vaultDbUsername: pgStack.adminUser, vaultDbPassword: pgStack.adminPassword, sslmode: 'disable',
    });
    ctx.say(`connection ${result.connectionPath} (allowed roles ${s.instanceId}-*)`);
    ctx.say(`admin role ${result.admin.roleName}`);
    ctx.check(await connectionConfigExists(s.client, { instanceId: s.instanceId }), 'the connection exists in Vault');
  });
}

/** Step 2: one collaborator per level. */
export async function addCollaborators(r: Reporter, s: DemoState): Promise<void> {
  await r.step('add collaborators: reader (read), writer (write), maintainer (admin)', async (ctx) => {
    for (const level of LEVELS) {
      await createCollaboratorRole(s.client, { instanceId: s.instanceId, accountId: ACCOUNTS[level], role: level });
    }
    const listed = await listCollaboratorRoles(s.client, { instanceId: s.instanceId }, { withLevels: true });
    for (const entry of listed) ctx.say(`${entry.accountId.padEnd(11)} ${entry.level ?? '?'}`);
    for (const level of LEVELS) {
      ctx.check(listed.some((e) => e.accountId === ACCOUNTS[level] && e.level === level), `${ACCOUNTS[level]} is listed as ${level}`);
    }
  });
}

/** Step 3: credentials per level, and the permission matrix proven by real statements. */
export async function proveMatrix(r: Reporter, s: DemoState): Promise<void> {
  await r.step('each collaborator gets credentials; the permission matrix, statement by statement', async (ctx) => {
    for (const level of LEVELS) {
      const creds = await generateDbCredentials(s.client, { instanceId: s.instanceId, accountId: ACCOUNTS[level] });
      s.creds[level] = creds;
      ctx.say(`${level.padEnd(5)} → ${creds.username} (lease ${creds.leaseDuration} s)`);
      const session = await s.db.connectAs(creds);
      s.sessions[level] = session;
      s.matrix[level] = await observeRow(session, (action, message) => ctx.say(`${level} ${action}: unexpected error ${message}`));
    }
    ctx.say('');
    for (const line of matrixTable(s.matrix)) ctx.say(line);
    ctx.say('');
    for (const level of LEVELS) {
      ctx.check(sameRow(s.matrix[level]!, EXPECTED[level]), `${level} is allowed exactly what the model says`);
    }
  });
}
