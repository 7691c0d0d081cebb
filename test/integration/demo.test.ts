import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface DemoSummary {
  ok: boolean;
  vault: string;
  postgres: string;
  steps: { name: string; ok: boolean; ms: number }[];
  matrix: Record<string, Record<string, boolean>>;
  leftoverRoles: number;
  containersLeft: number;
}

/** `npm run demo -- --json` without npm: the same script, the environment of this run. */
function runDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['scripts/demo.sh', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('npm run demo -- --json', () => {
  it('walks the whole lifecycle, proves the permission matrix and leaves nothing behind', async () => {
    const { code, stdout, stderr } = await runDemo();
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const summary = JSON.parse(last) as DemoSummary;
    expect(summary.steps.filter((s) => !s.ok), stderr).toEqual([]);
    expect(summary).toMatchObject({ ok: true, leftoverRoles: 0, containersLeft: 0 });
    expect(code).toBe(0);
    expect(summary.steps).toHaveLength(9);
    expect(summary.vault).toMatch(/^(OpenBao|Vault) v?\d+\.\d+/);
    expect(summary.postgres).toMatch(process.env.POSTGRES_MAJOR ? new RegExp(`^${process.env.POSTGRES_MAJOR}\\.`) : /^\d+\.\d+/);
    expect(summary.matrix).toEqual({
      read: { select: true, insert: false, update: false, delete: false, create: false },
      write: { select: true, insert: true, update: true, delete: false, create: false },
      admin: { select: true, insert: true, update: true, delete: true, create: true },
    });
    // Narration goes to stderr with --json, so stdout is the summary alone.
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('DEMO OK');
  });
});
