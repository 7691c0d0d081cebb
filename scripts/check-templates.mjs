#!/usr/bin/env node
// Lint for sql-templates/*.sql (or the directory given): pg-format `%N$I`/`%N$L` only,
// Vault placeholders quoted, statements shaped the way Vault's PostgreSQL plugin runs them.
import { readTemplateSources, splitStatements } from './sql-template-files.mjs';

const PLACEHOLDER = /%[1-5]\$[IL]/g;
const VAULT_QUOTED = new Set(['"{{name}}"', "'{{name}}'", "'{{password}}'", "'{{expiration}}'"]);

/** What Vault's plugin does: `END` outside the last quoted phrase means "run whole". */
export function vaultRunsWhole(statement) {
  const literals = [...(statement.match(/(".*?")/g) ?? []), ...(statement.match(/('.*?')/g) ?? [])];
  const last = literals.at(-1);
  return /\bEND\b/.test(last === undefined ? statement : statement.replaceAll(last, ''));
}

/** Problems of one template as `line: message` strings; empty when clean. */
export function checkTemplate(name, source) {
  const problems = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().startsWith('--')) return;
    const at = `${name}.sql:${i + 1}`;
    if (line.replace(PLACEHOLDER, '').includes('%')) problems.push(`${at}: only %N$I / %N$L placeholders (N = 1..5) are allowed`);
    for (const m of line.matchAll(/.?\{\{[^}]*\}\}.?/g)) {
      if (!VAULT_QUOTED.has(m[0])) problems.push(`${at}: Vault placeholder must be "{{name}}", '{{name}}', '{{password}}' or '{{expiration}}', got ${m[0]}`);
    }
  });
  let statements = [];
  try {
    statements = splitStatements(source);
  } catch (error) {
    return [...problems, `${name}.sql: ${error.message}`];
  }
  if (statements.length === 0) problems.push(`${name}.sql: no statements`);
  for (const s of statements) {
    const head = s.split('\n')[0];
    if (s.includes('$$') && !vaultRunsWhole(s)) problems.push(`${name}.sql: "${head}" needs an END line without quotes, or Vault splits it on ";"`);
    if (!s.includes('$$') && s.slice(0, -1).includes(';')) problems.push(`${name}.sql: "${head}" has a ";" inside; Vault would split it`);
  }
  if (name.startsWith('create-')) {
    for (const needed of ['"{{name}}"', "'{{password}}'", "'{{expiration}}'"]) {
      if (!source.includes(needed)) problems.push(`${name}.sql: creation statements must use ${needed} (C08)`);
    }
  }
  return problems;
}

const templates = readTemplateSources(process.argv[2]);
const problems = templates.flatMap(({ name, source }) => checkTemplate(name, source));
for (const p of problems) console.error(p);
if (problems.length > 0) process.exit(1);
console.log(`sql-templates: ${templates.length} templates clean`);
