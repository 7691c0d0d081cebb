import type { Action, InstanceOutcome } from './reconcile.js';

export type Tally = Record<Action | 'failed', number>;

/** Counts every object (connections and collaborators) by what happened to it. */
export function tally(outcomes: readonly InstanceOutcome[]): Tally {
  const t: Tally = { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 };
  for (const o of outcomes) {
    if (!o.ok) t.failed += 1;
    if (o.connection) t[o.connection] += 1;
    for (const action of Object.values(o.collaborators)) t[action] += 1;
  }
  return t;
}

const changed = (o: InstanceOutcome): boolean =>
  o.connection !== 'unchanged' || Object.values(o.collaborators).some((a) => a !== 'unchanged');

export const describeOutcome = (o: InstanceOutcome): string =>
  !o.ok ? `FAILED: ${o.error}` : changed(o) ? 'changed' : 'unchanged';

const tallyText = (t: Tally): string =>
  `created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, deleted ${t.deleted}, failed ${t.failed}`;

/**
 * Progress on stderr: one line redrawn in place on a terminal, one line per finished
 * instance otherwise (logs, CI).
 */
export class Progress {
  private readonly finished: InstanceOutcome[] = [];
  private readonly started = performance.now();
  constructor(private readonly total: number, private readonly out: NodeJS.WriteStream) {}

  done(outcome: InstanceOutcome): void {
    this.finished.push(outcome);
    const n = `[${String(this.finished.length).padStart(String(this.total).length)}/${this.total}]`;
    if (this.out.isTTY) {
      const width = 20;
      const filled = Math.round((this.finished.length / this.total) * width);
      this.out.write(`\r${n} ${'#'.repeat(filled)}${'.'.repeat(width - filled)} ${tallyText(tally(this.finished))}`);
    } else {
      this.out.write(`${n} ${outcome.instanceId} ${describeOutcome(outcome)}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }

  /** The closing summary: totals, per-instance verdicts, failures. */
  summary(): { text: string; json: Record<string, unknown> } {
    const t = tally(this.finished);
    const unchangedInstances = this.finished.filter((o) => o.ok && !changed(o)).length;
    const failed = this.finished.filter((o) => !o.ok);
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const lines = [
      `${this.finished.length} instance(s) in ${seconds} s: ${unchangedInstances} unchanged, ` +
        `${this.finished.length - unchangedInstances - failed.length} changed, ${failed.length} failed`,
      `objects: ${tallyText(t)}`,
      ...failed.map((o) => `  ${o.instanceId}: ${o.error}`),
    ];
    return { text: lines.join('\n'), json: { ok: failed.length === 0, instances: this.finished.length, unchangedInstances, ...t, outcomes: this.finished } };
  }
}
