import { parseOptions, type Values } from './args.js';
import type { Command, CommandGroup, CommandOutput, Env } from './command.js';
import { EXIT, UsageError, errorJson, errorMessage, exitCodeFor } from './errors.js';
import { commandHelp, groupHelp, mainHelp } from './help.js';
import { COMMANDS, HELP_ENTRIES, PLAN_GROUP, isGroup } from './tree.js';

/** Where the CLI writes and what environment it reads (injected for tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Env;
  version: string;
}

type Resolved =
  | { kind: 'help'; text: string; toStderr?: boolean }
  | { kind: 'version'; text: string }
  | { kind: 'run'; command: Command; args: string[]; plan: boolean };

const HELP = new Set(['--help', '-h']);
const LEAVES = COMMANDS.flatMap((e) => (isGroup(e) ? e.commands : [e]));
const GROUPS = COMMANDS.filter(isGroup);

function leafFor(argv: readonly string[], leaves: readonly Command[]): Command | undefined {
  return leaves.find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
}

function unknown(word: string | undefined, where: string): UsageError {
  const shown = word && /^[a-z][a-z-]{0,30}$/.test(word) ? ` "${word}"` : '';
  return new UsageError(`unknown ${where}${shown} (see --help)`);
}

/**
 * After a group word (`collaborator`, `plan`): only `--help`/`-h`/`--json` is help
 * (`--json` is accepted with it at every level); nothing, or only `--json`, is the
 * group's help as a usage error. `undefined`: a subcommand or something unknown.
 */
function groupHelpFor(rest: readonly string[], text: string): Resolved | undefined {
  if (!rest.every((a) => HELP.has(a) || a === '--json')) return undefined;
  return rest.some((a) => HELP.has(a)) ? { kind: 'help', text } : { kind: 'help', text, toStderr: true };
}

/** Finds the command the words name; groups without a subcommand print their help. */
function resolveIn(argv: readonly string[], leaves: readonly Command[], groups: readonly CommandGroup[], plan: boolean): Resolved {
  const command = leafFor(argv, leaves);
  if (command) return { kind: 'run', command, args: argv.slice(command.name.split(' ').length), plan };
  const group = groups.find((g) => g.name === argv[0]);
  if (!group) throw unknown(argv[0], plan ? 'plan target' : 'command');
  const help = groupHelpFor(argv.slice(1), groupHelp(group));
  if (help) return help;
  throw unknown(argv[1], `${group.name} command`);
}

const TOP_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: '' },
  version: { type: 'boolean', description: '' },
  json: { type: 'boolean', description: '' },
} as const;

function resolve(argv: readonly string[], version: string): Resolved {
  if (argv.length === 0) return { kind: 'help', text: mainHelp(HELP_ENTRIES), toStderr: true };
  if (argv[0]!.startsWith('-')) {
    const values = parseOptions(argv, TOP_OPTIONS);
    if (values['version']) return { kind: 'version', text: version };
    return { kind: 'help', text: mainHelp(HELP_ENTRIES), toStderr: !values['help'] };
  }
  if (argv[0] !== 'plan') return resolveIn(argv, LEAVES, GROUPS, false);
  const help = groupHelpFor(argv.slice(1), groupHelp(PLAN_GROUP));
  if (help) return help;
  return resolveIn(argv.slice(1), PLAN_GROUP.commands, [], true);
}

function print(io: CliIo, output: CommandOutput, json: boolean): void {
  io.stdout(json ? `${JSON.stringify({ ok: true, ...output.json })}\n` : `${output.text}\n`);
}

/** Help or the version: text, or with `--json` one object (`help` or `version`). */
function printInfo(io: CliIo, resolved: { kind: 'help' | 'version'; text: string }, json: boolean): void {
  io.stdout(json ? `${JSON.stringify({ ok: true, [resolved.kind]: resolved.text })}\n` : `${resolved.text}\n`);
}

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Only decides how an error is reported; the real parse happens below.
  const json = argv.includes('--json');
  let command: Command | undefined;
  try {
    const resolved = resolve(argv, io.version);
    if (resolved.kind !== 'run') {
      if (resolved.kind === 'help' && resolved.toStderr) {
        io.stderr(`${resolved.text}\n`);
        if (json) io.stdout(`${JSON.stringify({ ok: false, error: errorJson(new UsageError('no command given (see --help)')) })}\n`);
        return EXIT.usage;
      }
      printInfo(io, resolved, json);
      return EXIT.ok;
    }
    command = resolved.command;
    const values: Values = parseOptions(resolved.args, command.options);
    if (values['help']) {
      printInfo(io, { kind: 'help', text: commandHelp(command) }, values['json'] === true);
      return EXIT.ok;
    }
    const output = await command.run(resolved.plan ? { ...values, plan: true } : values, io.env);
    print(io, output, values['json'] === true);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`lamin-vault: ${errorMessage(error, command?.name)}\n`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: errorJson(error, command?.name) })}\n`);
    return exitCodeFor(error);
  }
}
