import type { OptionSpecs, Values } from './args.js';

/** Environment the CLI reads (injected, so tests and callers control it). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What a command hands back; the runner prints one or the other. */
export interface CommandOutput {
  /** The `--json` object (the runner adds `ok: true`). */
  json: Record<string, unknown>;
  /** Human-readable text. */
  text: string;
}

/** A leaf command such as `collaborator set`. */
export interface Command {
  /** Words after `lamin-vault`, e.g. `collaborator set`. */
  name: string;
  summary: string;
  /** Required flags and placeholders, e.g. `--instance <uuid>`. */
  usage: string;
  /** Paragraph shown under the usage line. */
  description: string;
  options: OptionSpecs;
  run(values: Values, env: Env): Promise<CommandOutput>;
}

/** A word that only groups subcommands, such as `collaborator`. */
export interface CommandGroup {
  name: string;
  summary: string;
  commands: readonly Command[];
}
