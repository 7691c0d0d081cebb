/**
 * `npm run demo [-- --json] [-- --postgres 15|17]`: the lifecycle of one LaminDB instance
 * through the public API against a real OpenBao + PostgreSQL, each step timed and checked.
 * Run through scripts/demo.sh, which provisions the local images when needed.
 */
import { parseArgs } from 'node:util';
import { runDemo, type DemoSummary } from './demo/run-demo.js';
import { matrixTable } from './demo/matrix.js';

const HELP = `Usage: npm run demo -- [--json] [--postgres 15|17]

Starts OpenBao and PostgreSQL (or uses VAULT_ADDR + VAULT_TOKEN + DATABASE_URL), creates a
LaminDB-like instance database and walks the lifecycle: init, collaborators per level,
the permission matrix with real statements, a table made by the admin, a downgrade, a
removal, instance deletion, and checks that nothing is left behind.

  --json             narrate on stderr; print the summary as one JSON object, last line of stdout
  --postgres 15|17   PostgreSQL major version (default: $POSTGRES_MAJOR or 17)
  -h, --help         show this help

Exit code 0 only when every check held.`;

function options(): { json: boolean; postgresMajor: 15 | 17 } | undefined {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, postgres: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const major = values.postgres ?? process.env.POSTGRES_MAJOR ?? '17';
  if (major !== '15' && major !== '17') throw new Error('--postgres must be 15 or 17');
  return { json: values.json === true, postgresMajor: Number(major) as 15 | 17 };
}

function closing(summary: DemoSummary): string[] {
  const failed = summary.steps.filter((s) => !s.ok).map((s) => s.name);
  return [
    '',
    `${summary.ok ? 'DEMO OK' : 'DEMO FAILED'}: ${summary.vault || 'no Vault'}, PostgreSQL ${summary.postgres || '?'}, ` +
      `${summary.steps.length} steps in ${(summary.ms / 1000).toFixed(1)} s, ${summary.leftoverRoles} leftover role(s)`,
    ...(summary.matrix.read ? ['', ...matrixTable(summary.matrix)] : []),
    ...failed.map((name) => `failed: ${name}`),
  ];
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const write = (line: string) => (opts.json ? process.stderr : process.stdout).write(`${line}\n`);
  const summary = await runDemo(write, opts.postgresMajor);
  for (const line of closing(summary)) write(line);
  if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
