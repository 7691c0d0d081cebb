#!/usr/bin/env node
// Checks the emitted declaration files (run after `npm run build`):
//  1. no `any` anywhere in the public types (an AST walk, so comments don't count);
//  2. every exported function and public class method has TSDoc with an `@example`.
// Usage: node scripts/check-dts.mjs [--examples=warn|error]   (default: error)
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';

const FILES = ['dist/index.d.ts', 'dist/index.d.cts', 'dist/testing/index.d.ts', 'dist/testing/index.d.cts'];
const examplesMode = process.argv.find((a) => a.startsWith('--examples='))?.split('=')[1] ?? 'error';

/** Name of the nearest named declaration around a node, for messages. */
function ownerName(node) {
  for (let n = node; n; n = n.parent) {
    if (n.name && ts.isIdentifier(n.name)) return n.name.text;
  }
  return '?';
}

function hasExample(node) {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
}

function check(file) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const anys = [];
  const noExample = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
      anys.push(`${file}:${line + 1} (${ownerName(node)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name && !hasExample(stmt)) noExample.push(stmt.name.text);
    if (ts.isVariableStatement(stmt) && !hasExample(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (d.type && ts.isFunctionTypeNode(d.type) && ts.isIdentifier(d.name)) noExample.push(d.name.text);
      }
    }
    if (ts.isClassDeclaration(stmt) && stmt.name) {
      for (const m of stmt.members) {
        const isPrivate = m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword);
        // Plumbing methods (toJSON, [inspect.custom], #private) need no example.
        const plumbing = !m.name || !ts.isIdentifier(m.name) || ['toJSON', 'toString'].includes(m.name.text);
        if (ts.isMethodDeclaration(m) && !isPrivate && !plumbing && !hasExample(m)) {
          noExample.push(`${stmt.name.text}.${m.name.getText(sf)}`);
        }
      }
    }
  }
  return { anys, noExample };
}

const present = FILES.filter((f) => existsSync(f));
if (present.length === 0) {
  console.error('check-dts: no dist/*.d.ts found; run `npm run build` first');
  process.exit(1);
}
let failed = false;
for (const file of present) {
  const { anys, noExample } = check(file);
  if (anys.length > 0) {
    failed = true;
    console.error(`check-dts: \`any\` in public types:\n  ${anys.join('\n  ')}`);
  }
  // .d.cts mirrors .d.ts: report missing examples once per entry point.
  if (noExample.length > 0 && file.endsWith('.d.ts')) {
    console.error(`check-dts: ${file}: no @example on: ${[...new Set(noExample)].join(', ')}`);
    if (examplesMode === 'error') failed = true;
  }
}
if (failed) process.exit(1);
console.log(`check-dts: ok (${present.join(', ')})`);
