/**
 * Leak guard, main-process side (a vitest reporter). Collects console output and every
 * serialised test error, reads what each worker learnt (secrets) and recorded (outputs),
 * and fails the run (exit code 1) if any secret appears anywhere, in any of its forms.
 * It never prints a secret: only its kind, length and where it was found.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { scan, type Output, type Secret } from './store.js';

interface WorkerDump { secrets: Secret[]; outputs: Output[] }

export default class LeakGuardReporter implements Reporter {
  private dir = '';
  private readonly outputs: Output[] = [];

  onInit(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'lamin-vault-leak-'));
    process.env['LAMIN_VAULT_LEAK_DIR'] = this.dir; // workers start later and inherit it
  }

  onUserConsoleLog(log: { content: string; type: string }): void {
    this.outputs.push({ source: `console (${log.type})`, text: log.content });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<unknown>): void {
    for (const m of modules) {
      const errors = [...m.errors(), ...[...m.children.allSuites()].flatMap((s) => s.errors()),
        ...[...m.children.allTests()].flatMap((t) => t.result().errors ?? [])];
      if (errors.length > 0) this.outputs.push({ source: `errors of ${m.moduleId}`, text: JSON.stringify(errors) });
    }
    if (unhandled.length > 0) this.outputs.push({ source: 'unhandled errors', text: JSON.stringify(unhandled) });
    const secrets = new Map<string, string>();
    const outputs = [...this.outputs];
    for (const file of readdirSync(this.dir)) {
      const dump = JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as WorkerDump;
      for (const s of dump.secrets) secrets.set(s.value, s.kind);
      outputs.push(...dump.outputs);
    }
    rmSync(this.dir, { recursive: true, force: true });
    const hits = scan([...secrets].map(([value, kind]) => ({ kind, value })), outputs);
    const size = outputs.reduce((n, o) => n + o.text.length, 0);
    const summary = `leak guard: ${secrets.size} secrets × ${outputs.length} outputs (${Math.round(size / 1024)} KiB): ${hits.length} hit(s)`;
    if (hits.length === 0) {
      process.stdout.write(`\n${summary}\n`);
      return;
    }
    const where = [...new Set(hits.map((h) => `  ${h.kind} (${h.length} chars) in ${h.source}`))].join('\n');
    process.stderr.write(`\n${summary}\n${where}\n`);
    process.exitCode = 1;
  }
}
