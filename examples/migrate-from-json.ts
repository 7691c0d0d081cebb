/**
 * Provisions many LaminDB instances and their collaborators from a JSON file,
 * idempotently: what already matches is left alone and reported "unchanged", so a
 * re-run changes nothing. Instances run in parallel up to --concurrency.
 *
 *   VAULT_ADDR=… VAULT_TOKEN=… LAMIN_VAULT_DB_PASSWORD=… \
 *     npx tsx examples/migrate-from-json.ts examples/instances.example.json [--prune] [--json]
 *
 * File format: see examples/instances.example.json and examples/migrate/schema.ts.
 * Exit code 0 when every instance converged, 1 when any failed, 2 for bad arguments.
 */
import { parseArgs } from 'node:util';
// In your project: import { VaultClient, configFromEnv } from 'lamin-vault';
import { VaultClient, configFromEnv } from '../src/index.js';
import { mapPool } from './migrate/pool.js';
import { Progress } from './migrate/progress.js';
import { reconcileInstance } from './migrate/reconcile.js';
import { loadMigrationFile } from './migrate/schema.js';

const USAGE = `Usage: migrate-from-json <file.json> [--concurrency N] [--prune] [--reinit] [--json]

  --concurrency N  instances in flight at once (default 4)
  --prune          delete collaborators that Vault has and the file does not
  --reinit         re-run initInstanceVault even where the connection looks unchanged
                   (needed after a database password change: Vault never returns passwords)
  --json           print the summary as one JSON object on stdout
Vault settings from VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT.`;

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      concurrency: { type: 'string', default: '4' },
      prune: { type: 'boolean', default: false },
      reinit: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const concurrency = Number(values.concurrency);
  if (values.help || positionals.length !== 1 || !Number.isInteger(concurrency) || concurrency < 1) return undefined;
  return { file: positionals[0]!, concurrency, prune: values.prune, reinit: values.reinit, json: values.json };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    args = undefined;
  }
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = await loadMigrationFile(args.file);
  const client = new VaultClient(configFromEnv(process.env));
  const progress = new Progress(file.instances.length, process.stderr);
  const options = { mount: file.mount, prune: args.prune, reinit: args.reinit, env: process.env };
  await mapPool(file.instances, args.concurrency, async (spec) => {
    const outcome = await reconcileInstance(client, spec, options);
    progress.done(outcome);
    return outcome;
  });
  progress.finish();
  const summary = progress.summary();
  process.stdout.write(args.json ? `${JSON.stringify(summary.json)}\n` : `${summary.text}\n`);
  return summary.json['ok'] ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`migrate-from-json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
