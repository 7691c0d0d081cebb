import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { recordOutput } from '../reliability/leak-guard/store.js';

export interface CliRun {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** The stdout JSON object when there is exactly one line of it. */
  json: Record<string, unknown> | undefined;
}

/**
 * Builds the real executable the way the package does (tsup, ESM, shebang kept,
 * chmod +x) into a private directory, and runs it as a child process.
 */
export class CliBinary {
  /** Every run so far, for the secret scan. */
  readonly runs: CliRun[] = [];
  private constructor(private readonly dir: string, readonly path: string) {}

  static async build(): Promise<CliBinary> {
    // Inside the project so node_modules resolves for the external packages.
    const dir = join(process.cwd(), '.tmp', `cli-test-${randomBytes(4).toString('hex')}`);
    // Loaded here so that unit tests using only runInProcess do not load the bundler.
    const { build } = await import('tsup');
    await build({
      entry: { main: 'src/cli/main.ts' }, format: ['esm'], outDir: dir, platform: 'node', target: 'node20',
      config: false, silent: true, dts: false, sourcemap: false, splitting: false,
    });
    return new CliBinary(dir, join(dir, 'main.js'));
  }

  /** Runs the binary directly (so its shebang is what starts node), with exactly `env`. */
  run(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.path, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('error', reject);
      child.on('close', (code) => {
        const lines = stdout.trim().split('\n');
        let json: Record<string, unknown> | undefined;
        if (lines.length === 1 && lines[0]!.startsWith('{')) json = JSON.parse(lines[0]!) as Record<string, unknown>;
        const result = { args, code: code ?? -1, stdout, stderr, json };
        this.runs.push(result);
        resolve(result);
      });
    });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs the CLI in this process through `runCli`, with exactly `env`; the output goes
 * to the leak guard like the binary's.
 */
export async function runInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, version: '0.0.0-test' });
  recordOutput(`cli ${args.slice(0, 2).join(' ')}`, stdout + stderr);
  const lines = stdout.trim().split('\n');
  const json = lines.length === 1 && lines[0]!.startsWith('{') ? (JSON.parse(lines[0]!) as Record<string, unknown>) : undefined;
  return { args, code, stdout, stderr, json };
}
