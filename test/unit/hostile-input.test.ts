/**
 * Issue #7, bad input: every entry of test/data/hostile-inputs.json, through every public
 * operation (and the client config) that takes its field, against a recording server
 * standing in for Vault. Each call must fail with a LaminVaultValidationError naming the
 * field, echo nothing, and open no connection: nothing leaves the process, so nothing
 * can be left behind. The CLI subcommands get the same corpus, in-process through runCli.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultClient } from '../../src/index.js';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server.js';
import { judge } from '../reliability/hostile/check.js';
import { CLI_TARGETS, runCliCase } from '../reliability/hostile/cli-targets.js';
import { describeValue, loadCorpus } from '../reliability/hostile/corpus.js';
import { TARGETS, expectedPath, place } from '../reliability/hostile/targets.js';

const corpus = loadCorpus();
const NUMERIC = new Set(['dbPort', 'ttl', 'maxTtl']);
let server: RecordingServer;
let client: VaultClient;

beforeAll(async () => {
  server = await startRecordingServer();
  client = new VaultClient({ address: server.url, token: 'hostile-test-token', timeoutMs: 3_000, retry: { limit: 0 } });
});
afterAll(async () => {
  client?.close();
  await server?.close();
});

it('the corpus holds at least 200 hostile inputs, each with a field and a note', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200);
  for (const e of corpus) expect(e.note.length, e.label).toBeGreaterThan(0);
  const known = new Set([...TARGETS, ...CLI_TARGETS].flatMap((t) => Object.keys(t.fields)));
  expect(corpus.filter((e) => !known.has(e.field)).map((e) => e.field)).toEqual([]);
});

describe('library', () => {
  it.each(TARGETS.filter((t) => t.name !== 'new VaultClient' && t.name !== 'buildConnectionString'))(
    'control: $name with its valid base input does reach the server',
    async (target) => {
      server.reset();
      await target.call(client, target.base, { ...target.options }).catch(() => undefined);
      expect(server.connections()).toBeGreaterThan(0);
    },
  );

  const cases = TARGETS.flatMap((target) =>
    Object.entries(target.fields).map(([field, slots]) => ({ target, field, slots, entries: corpus.filter((e) => e.field === field) })),
  ).filter((c) => c.entries.length > 0);

  it.each(cases.map((c) => ({ ...c, title: `${c.target.name} › ${c.field} (${c.entries.length} × ${c.slots.join(', ')})` })))(
    '$title',
    async ({ target, field, slots, entries }) => {
      const failures: string[] = [];
      for (const slot of slots) {
        for (const entry of entries) {
          const { input, options } = place(target, slot, entry.value);
          const problem = await judge(server, () => target.call(client, input, options), expectedPath(field, slot), entry.value);
          if (problem) failures.push(`${slot} = ${describeValue(entry.value)} [${entry.label}]: ${problem}`);
        }
      }
      if (failures.length > 0) expect.fail(`${failures.length} hostile call(s) not rejected properly:\n${failures.join('\n')}`);
    },
  );
});

describe('CLI (runCli in-process, VAULT_ADDR = the recording server)', () => {
  const cases = CLI_TARGETS.flatMap((target) =>
    Object.entries(target.fields).map(([field, flags]) => ({ target, field, flags, entries: corpus.filter((e) => e.field === field) })),
  ).filter((c) => c.entries.length > 0);

  it.each(CLI_TARGETS)('control: `$name` with valid flags exits 0 or reaches the server', async (target) => {
    server.reset();
    const result = await runCliCase(server, target, undefined, undefined);
    expect(result.code === 0 || server.connections() > 0, result.stderr).toBe(true);
  });

  it.each(cases.map((c) => ({ ...c, title: `${c.target.name} › ${c.field} (${c.entries.length} × ${c.flags.join(', ')})` })))(
    '$title',
    async ({ target, field, flags, entries }) => {
      const failures: string[] = [];
      for (const flag of flags) {
        for (const entry of entries) {
          // A command line holds only text; numbers are tried as numerals where a flag takes a number.
          const arg = typeof entry.value === 'number' && NUMERIC.has(field) ? String(entry.value) : entry.value;
          if (typeof arg !== 'string' || target.skip?.(field, arg) !== undefined) continue;
          server.reset();
          const result = await runCliCase(server, target, flag, arg);
          const problem = result.problem(field, arg);
          if (problem) failures.push(`${flag} = ${describeValue(entry.value)} [${entry.label}]: ${problem}`);
        }
      }
      if (failures.length > 0) expect.fail(`${failures.length} hostile call(s) not rejected properly:\n${failures.join('\n')}`);
    },
  );
});
