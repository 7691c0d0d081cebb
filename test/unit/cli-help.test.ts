/** Help at every level, with and without --json, and what the help says. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const LEVELS = [
  [], ['collaborator'], ['plan'], ['plan', 'collaborator', 'set'], ['init-instance'], ['collaborator', 'set'],
  ['collaborator', 'delete'], ['collaborator', 'list'], ['creds'], ['status'], ['delete-instance'], ['plan', 'delete-instance'],
];

describe('--help', () => {
  it.each(LEVELS)('%j: --help --json, --json --help and -h --json give the help as one JSON object', async (...words) => {
    for (const flags of [['--help', '--json'], ['--json', '--help'], ['-h', '--json']]) {
      const r = await runInProcess([...words, ...flags]);
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.json).toMatchObject({ ok: true });
      expect(String(r.json?.['help'])).toMatch(/^Usage: lamin-vault /);
    }
  });

  it.each(LEVELS)('%j: --help without --json stays plain text', async (...words) => {
    const r = await runInProcess([...words, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lamin-vault /);
  });

  it('--version --json is an object; --json alone or a group with only --json is a usage error with a JSON error', async () => {
    expect((await runInProcess(['--version', '--json'])).json).toEqual({ ok: true, version: '0.0.0-test' });
    for (const args of [['--json'], ['collaborator', '--json'], ['plan', '--json']]) {
      const r = await runInProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^Usage: lamin-vault /);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: 2 } });
    }
  });

  it('delete-instance says it removes every role under the instance prefix, not "everything lamin-vault created"', async () => {
    const help = (await runInProcess(['delete-instance', '--help'])).stdout;
    expect(help).not.toContain('everything lamin-vault created');
    expect(help).toContain('<instance>-');
    expect(help).toMatch(/allowed-roles\s+glob <instance>-\*/);
    const top = (await runInProcess(['--help'])).stdout;
    expect(top).toMatch(/delete-instance\s+.*every role named <instance>-\*/);
  });
});
