#!/usr/bin/env node
// `npm run lint`: ESLint (eslint.config.js) over the sources, then a scan of the SQL
// templates, which reach pg-format as data and so escape the ESLint rule.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { PG_FORMAT_RAW } from './eslint-rules.mjs';

const TARGETS = ['src', 'test', 'scripts', 'examples', 'bench', 'eslint.config.js', 'tsup.config.ts', 'vitest.config.ts'];

async function runEslint() {
  const eslint = new ESLint({ errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles(TARGETS.filter((t) => existsSync(t)));
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  if (text) process.stdout.write(text + '\n');
  return results.reduce((n, r) => n + r.errorCount, 0);
}

function scanTemplates() {
  const files = existsSync('sql-templates')
    ? readdirSync('sql-templates').filter((f) => f.endsWith('.sql')).map((f) => join('sql-templates', f))
    : [];
  if (existsSync('src/plan/templates.generated.ts')) files.push('src/plan/templates.generated.ts');
  let problems = 0;
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (!PG_FORMAT_RAW.test(line)) return;
      problems += 1;
      console.error(`${file}:${i + 1}  pg-format %s inserts raw SQL; use %I or %L`);
    });
  }
  return problems;
}

const errors = (await runEslint()) + scanTemplates();
if (errors > 0) {
  console.error(`lint: ${errors} error(s)`);
  process.exit(1);
}
console.log('lint: ok');
