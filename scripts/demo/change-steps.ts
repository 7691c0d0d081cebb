import {
  collaboratorRoleExists, deleteCollaboratorRole, generateDbCredentials, updateCollaboratorRole,
} from '../../src/index.js';
import { trySql, tryLogin } from '../../test/helpers/try-sql.js';
import { EXPECTED, LEVELS, observeRow, sameRow } from './matrix.js';
import type { Reporter } from './reporter.js';
import { ACCOUNTS, type DemoState } from './state.js';

const NEW_TABLE = 'demo_notes';

/** Step 4: a table made by the admin collaborator, seen by the others per level. */
export async function adminCreatesTable(r: Reporter, s: DemoState): Promise<void> {
  await r.step(`the admin collaborator creates table ${NEW_TABLE}; the others see it per level`, async (ctx) => {
    const admin = s.sessions.admin!;
    await admin.query(`CREATE TABLE ${NEW_TABLE} (id bigserial PRIMARY KEY, note text NOT NULL)`);
    await admin.query(`INSERT INTO ${NEW_TABLE} (note) VALUES ('made by the admin collaborator')`);
    const { rows } = await s.db.owner.query<{ tableowner: string }>('SELECT tableowner FROM pg_tables WHERE tablename = $1', [NEW_TABLE]);
    ctx.say(`owned by ${rows[0]?.tableowner} (the instance's admin group, not the short-lived user)`);
    for (const level of LEVELS) {
      const session = s.sessions[level]!;
      const select = (await trySql(session, `SELECT count(*) FROM ${NEW_TABLE}`)) === 'ok';
      const insert = (await trySql(session, `INSERT INTO ${NEW_TABLE} (note) VALUES ('${level}')`)) === 'ok';
      const want = EXPECTED[level];
      ctx.check(select === want.select && insert === want.insert,
        `${level.padEnd(5)} SELECT ${select ? 'yes' : 'no'}, INSERT ${insert ? 'yes' : 'no'} (expected ${want.select ? 'yes' : 'no'}, ${want.insert ? 'yes' : 'no'})`);
    }
  });
}

/** Step 5: downgrading revokes the credentials of the old level at once. */
export async function downgradeWriter(r: Reporter, s: DemoState): Promise<void> {
  await r.step('writer is downgraded to read; its old credentials stop working', async (ctx) => {
    const old = s.creds.write!;
    const result = await updateCollaboratorRole(s.client, { instanceId: s.instanceId, accountId: ACCOUNTS.write, role: 'read' });
    ctx.check(result.previousLevel === 'write' && result.level === 'read', 'level write → read');
    ctx.check(result.revokedLeases, 'leases issued under write were revoked');
    const ended = await s.sessions.write!.query('SELECT 1').then(() => false, () => true);
    ctx.check(ended, 'the open session of the old credentials was ended');
    ctx.check((await tryLogin(s.db.loginConfig(old))) !== 'ok', `the old user ${old.username} can no longer log in`);
    const fresh = await generateDbCredentials(s.client, { instanceId: s.instanceId, accountId: ACCOUNTS.write });
    const row = await observeRow(await s.db.connectAs(fresh), () => undefined);
    ctx.check(sameRow(row, EXPECTED.read), 'new credentials have exactly the read permissions');
  });
}

/** Step 6: removing a collaborator ends its access at once. */
export async function removeReader(r: Reporter, s: DemoState): Promise<void> {
  await r.step('reader is removed; its login fails at once', async (ctx) => {
    const creds = s.creds.read!;
    const ref = { instanceId: s.instanceId, accountId: ACCOUNTS.read };
    const started = performance.now();
    await deleteCollaboratorRole(s.client, ref);
    const login = await tryLogin(s.db.loginConfig(creds));
    ctx.check(login !== 'ok', `login of ${creds.username} fails ${Math.round(performance.now() - started)} ms after the call began (${login})`);
    ctx.check(!(await collaboratorRoleExists(s.client, ref)), 'role and policy are gone from Vault');
    const refused = await generateDbCredentials(s.client, ref).then(() => false, () => true);
    ctx.check(refused, 'Vault issues no new credentials for it');
  });
}
