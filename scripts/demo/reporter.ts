/** One line of the demo's JSON summary. */
export interface StepRecord {
  name: string;
  ok: boolean;
  ms: number;
}

/** What a step body uses to narrate and to assert. */
export interface StepContext {
  /** A line of narration under the step. */
  say(line: string): void;
  /** Records a check; a failed one fails the step but lets it go on. */
  check(holds: boolean, what: string): boolean;
}

/** Times and prints each step, and records it for the summary. */
export class Reporter {
  readonly steps: StepRecord[] = [];
  constructor(private readonly write: (line: string) => void) {}

  /** Runs one step; a throw is recorded as a failed step and rethrown. */
  async step<T>(name: string, body: (ctx: StepContext) => Promise<T>): Promise<T> {
    const number = this.steps.length;
    const started = performance.now();
    let failed = 0;
    this.write(`\n${number}. ${name}`);
    const ctx: StepContext = {
      say: (line) => this.write(`     ${line}`),
      check: (holds, what) => {
        if (!holds) failed += 1;
        this.write(`     ${holds ? 'ok  ' : 'FAIL'} ${what}`);
        return holds;
      },
    };
    const finish = (ok: boolean, note = '') => {
      const ms = Math.round(performance.now() - started);
      this.steps.push({ name, ok, ms });
      this.write(`   ${ok ? '✓' : '✗'} ${name}: ${ok ? 'ok' : 'FAILED'} in ${ms} ms${note}`);
    };
    try {
      const value = await body(ctx);
      finish(failed === 0, failed ? ` (${failed} check(s) failed)` : '');
      return value;
    } catch (error) {
      finish(false, ` — ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  get allOk(): boolean {
    return this.steps.every((s) => s.ok);
  }
}
