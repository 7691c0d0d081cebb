import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bootstrapStatements, collaboratorStatements, publicReadStatements, renderSql, teardownStatements, templateArgs, type TemplateArgs,
} from '../../../src/plan/index.js';
import { SQL_TEMPLATES, type SqlTemplateName } from '../../../src/plan/templates.generated.js';

const IID = '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c';
const G = templateArgs(IID);
const TEMPLATES = Object.keys(SQL_TEMPLATES) as SqlTemplateName[];
const node = (script: string, ...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

/** What Vault's PostgreSQL plugin does with each element (see the check script). */
const runsWhole = (s: string) => {
  const literals = [...(s.match(/(".*?")/g) ?? []), ...(s.match(/('.*?')/g) ?? [])];
  const last = literals.at(-1);
  return /\bEND\b/.test(last === undefined ? s : s.replaceAll(last, ''));
};

describe('templates', () => {
  it('the generated module is fresh (run node scripts/generate-templates.mjs)', () => {
    expect(node('scripts/generate-templates.mjs', '--check').status).toBe(0);
  });

  it('pass the template lint, which rejects %s, unquoted {{name}} and splittable blocks', () => {
    expect(node('scripts/check-templates.mjs').status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    writeFileSync(join(dir, 'create-bad.sql'), "CREATE ROLE {{name}} PASSWORD %s;\nDO $$\nBEGIN\n  PERFORM 1; end\n$$;\n");
    const bad = node('scripts/check-templates.mjs', dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/%N\$I/);
    expect(bad.stderr).toMatch(/Vault placeholder/);
    expect(bad.stderr).toMatch(/END line/);
    expect(bad.stderr).toMatch(/C08/);
  });

  it.each(TEMPLATES)('%s: one statement per element, as Vault will run it', (name) => {
    for (const s of renderSql(name, G)) {
      expect(s.endsWith(';')).toBe(true);
      if (s.includes('$$')) {
        expect(s.startsWith('DO $$') || s.startsWith('SELECT')).toBe(true);
        expect(runsWhole(s)).toBe(true);
      } else {
        expect(s.slice(0, -1)).not.toContain(';');
      }
      expect(s).not.toMatch(/%/); // nothing left for pg-format, nothing stray
      expect(s).not.toMatch(/^\s*--/m);
    }
  });
});

describe('rendered statements', () => {
  const admin = collaboratorStatements(IID, 'admin');
  it('creation: LOGIN user with Vault placeholders quoted, member of exactly one level group', () => {
    const cases: Array<[string[], string]> = [
      [collaboratorStatements(IID, 'read').creation, G.read],
      [collaboratorStatements(IID, 'write').creation, G.write],
      [collaboratorStatements(IID, 'write', { allowDelete: true }).creation, `${G.write}, ${G.delete}`],
      [admin.creation, G.admin],
      [publicReadStatements(IID).creation, G.read],
    ];
    for (const [creation, groups] of cases) {
      expect(creation[0]).toBe(
        `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE ${groups};`);
    }
    expect(admin.creation).toEqual([expect.any(String), `ALTER ROLE "{{name}}" SET role = ${G.admin};`]);
    expect(() => collaboratorStatements(IID, 'read', { allowDelete: true })).toThrow(/write or admin/);
  });

  it('never grants table privileges to the dynamic user (ACLs name groups only, C02)', () => {
    for (const level of ['read', 'write', 'admin'] as const) {
      const { creation, revocation } = collaboratorStatements(IID, level);
      expect(creation.join('\n')).not.toMatch(/GRANT|ON ALL|DEFAULT PRIVILEGES/);
      expect(revocation).toEqual(admin.revocation);
    }
  });

  it('revocation: guarded, ends sessions, reassigns to the admin group, drops owned, then the role', () => {
    const [block, drop] = admin.revocation;
    expect(block).toContain("IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{{name}}')");
    const order = ['GRANT "{{name}}" TO CURRENT_USER', 'pg_terminate_backend', `REASSIGN OWNED BY "{{name}}" TO ${G.admin}`, 'DROP OWNED BY "{{name}}"'];
    const at = order.map((s) => block?.indexOf(s) ?? -1);
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(drop).toBe('DROP ROLE IF EXISTS "{{name}}";');
  });

  it('bootstrap: temp user first, groups, hierarchy, grants to groups, default privileges for both owners', () => {
    const { creation, revocation } = bootstrapStatements(IID);
    expect(creation[0]).toBe('CREATE ROLE "{{name}}" NOLOGIN;');
    expect(revocation).toEqual(['DROP ROLE IF EXISTS "{{name}}";']);
    const sql = creation.join('\n');
    for (const g of [G.read, G.write, G.admin, G.delete]) expect(sql).toContain(`CREATE ROLE ${g} NOLOGIN`);
    for (const line of [
      `GRANT ${G.read} TO ${G.write};`, `GRANT ${G.write} TO ${G.admin};`, `GRANT ${G.delete} TO ${G.admin};`, `GRANT ${G.admin} TO CURRENT_USER;`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${G.read};`, `GRANT CREATE ON SCHEMA public TO ${G.admin};`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${G.admin} IN SCHEMA public GRANT SELECT ON TABLES TO ${G.read};`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT DELETE ON TABLES TO ${G.delete};`,
    ]) expect(creation).toContain(line);
    expect(sql).toMatch(/EXCEPTION WHEN duplicate_object OR unique_violation/);
    expect(sql).not.toContain('{{password}}');
  });

  it('bootstrap adopts existing tables only when asked', () => {
    const plain = bootstrapStatements(IID).creation;
    const adopting = bootstrapStatements(IID, { adoptExistingTables: true }).creation;
    expect(adopting.slice(0, plain.length - 1)).toEqual(plain.slice(0, -1));
    expect(adopting.slice(plain.length - 1, -1)).toEqual([expect.stringContaining(`OWNER TO ' || pg_catalog.quote_ident('${G.admin}')`)]);
  });

  it('teardown: reassigns the admin group\'s objects to the connection user, drops all four groups', () => {
    const { creation } = teardownStatements(IID);
    expect(creation.join('\n')).toContain('TO CURRENT_USER');
    expect(creation.at(-2)).toBe(`DROP ROLE IF EXISTS ${G.admin}, ${G.write}, ${G.delete}, ${G.read};`);
  });

  it('teardown: first drops the instance\'s users no lease tracks, never the temporary user running it', () => {
    const sweep = teardownStatements(IID).creation.find((s) => s.includes('starts_with'));
    expect(G.userPrefix).toBe('v-3f2a9c4e1b7d4e8a9c0f5d6e7f8a9b0c-');
    expect(sweep).toContain(`pg_catalog.starts_with(rolname, '${G.userPrefix}') AND rolname <> '{{name}}'`);
    expect(sweep).toContain("EXECUTE 'DROP ROLE ' || pg_catalog.quote_ident(u);");
  });

  it('temporary users: created NOLOGIN first, dropped by the last creation statement and by the revocation', () => {
    for (const { creation, revocation } of [bootstrapStatements(IID), bootstrapStatements(IID, { adoptExistingTables: true }), teardownStatements(IID)]) {
      expect(creation[0]).toBe('CREATE ROLE "{{name}}" NOLOGIN;');
      expect(creation.at(-1)).toBe('DROP ROLE IF EXISTS "{{name}}";');
      expect(revocation).toEqual(['DROP ROLE IF EXISTS "{{name}}";']);
    }
  });
});

describe('hostile group names', () => {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const hostile: TemplateArgs = { read: 'R"ead', write: "w'ri\\te", admin: 'ädmin 🔑', delete: 'del%Ite', userPrefix: "v-'%_" };

  it.each(TEMPLATES)('%s: quoted as identifiers and literals, Vault placeholders untouched', (name) => {
    const out = renderSql(name, hostile).join('\n');
    const plain = renderSql(name, G).join('\n');
    for (const [kind, value] of Object.entries(hostile)) {
      const safe = G[kind as keyof TemplateArgs];
      if (plain.includes(`'${safe}'`)) expect(out).toContain(value.includes('\\') ? `E'${value.replaceAll("'", "''").replaceAll('\\', '\\\\')}'` : `'${value.replaceAll("'", "''")}'`);
      if (new RegExp(`(?<!')\\b${safe}\\b(?!')`).test(plain)) expect(out).toContain(quoted(value));
    }
    expect(out.match(/\{\{(name|password|expiration)\}\}/g)).toEqual(plain.match(/\{\{(name|password|expiration)\}\}/g));
  });

  it.each([['{{name}}'], ['a}}b'], ['a$$b'], ['a$b'], ['a;b'], ['a\0b'], [''], ['x'.repeat(64)], ['é'.repeat(32)]])(
    'refuses %j (Vault or Postgres would act on it after us)', (bad) => {
      expect(() => renderSql('bootstrap', { ...G, write: bad })).toThrow(/group role name for write/);
    });

});
