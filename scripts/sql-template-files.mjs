// Shared by generate-templates.mjs and check-templates.mjs: reads sql-templates/*.sql
// and splits each file into the statements Vault receives (one per array element).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const TEMPLATE_DIR = new URL('../sql-templates/', import.meta.url);

/** Drops `--` comment lines, then splits at lines ending in `;` outside `$$` blocks. */
export function splitStatements(source) {
  const statements = [];
  let current = [];
  let inDollar = false;
  for (const line of source.split(/\r?\n/)) {
    if (line.trim().startsWith("--")) continue;
    if (line.trim() === '' && current.length === 0) continue;
    current.push(line.replace(/\s+$/, ''));
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      statements.push(current.join('\n').trim());
      current = [];
    }
  }
  if (inDollar) throw new Error('unterminated $$ block');
  if (current.join('').trim() !== '') throw new Error('statement without a final ";"');
  return statements;
}

/** `{ name, source }` for every `*.sql` in `dir`, sorted by name. */
export function readTemplateSources(dir = TEMPLATE_DIR) {
  const path = dir instanceof URL ? dir.pathname : dir;
  return readdirSync(path)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: basename(file, '.sql'), source: readFileSync(join(path, file), 'utf8') }));
}

/** `{ name, source, statements }` for every template, sorted by name. */
export function readTemplates(dir = TEMPLATE_DIR) {
  return readTemplateSources(dir).map((t) => ({ ...t, statements: splitStatements(t.source) }));
}
