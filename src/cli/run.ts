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

/** Finds the command the words name; groups without a subcommand print their help. */
function resolveIn(argv: readonly string[], leaves: readonly Command[], groups: readonly CommandGroup[], plan: boolean): Resolved {
  const command = leafFor(argv, leaves);
  if (command) return { kind: 'run', command, args: argv.slice(command.name.split(' ').length), plan };
  const group = groups.find((g) => g.name === argv[0]);
  if (!group) throw unknown(argv[0], plan ? 'plan target' : 'command');
  if (argv.length === 1) return { kind: 'help', text: groupHelp(group), toStderr: true };
  if (argv.length === 2 && HELP.has(argv[1]!)) return { kind: 'help', text: groupHelp(group) };
  throw unknown(argv[1], `${group.name} command`);
}

function resolve(argv: readonly string[], version: string): Resolved {
  if (argv.length === 0) return { kind: 'help', text: mainHelp(HELP_ENTRIES), toStderr: true };
  if (argv[0]!.startsWith('-')) {
    const values = parseOptions(argv, { help: { type: 'boolean', short: 'h', description: '' }, version: { type: 'boolean', description: '' } });
    return { kind: 'help', text: values['version'] ? version : mainHelp(HELP_ENTRIES) };
  }
  if (argv[0] !== 'plan') return resolveIn(argv, LEAVES, GROUPS, false);
  const rest = argv.slice(1);
  if (rest.length === 0 || (rest.length === 1 && HELP.has(rest[0]!))) {
    return { kind: 'help', text: groupHelp(PLAN_GROUP), toStderr: rest.length === 0 };
  }
  return resolveIn(rest, PLAN_GROUP.commands, [], true);
}

function print(io: CliIo, output: CommandOutput, json: boolean): void {
  io.stdout(json ? `${JSON.stringify({ ok: true, ...output.json })}\n` : `${output.text}\n`);
}

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Only decides how an error is reported; the real parse happens below.
  const json = argv.includes('--json');
  try {
    const resolved = resolve(argv, io.version);
    if (resolved.kind === 'help') {
      (resolved.toStderr ? io.stderr : io.stdout)(`${resolved.text}\n`);
      return resolved.toStderr ? EXIT.usage : EXIT.ok;
    }
    const values: Values = parseOptions(resolved.args, resolved.command.options);
    if (values['help']) {
      io.stdout(`${commandHelp(resolved.command)}\n`);
      return EXIT.ok;
    }
    const output = await resolved.command.run(resolved.plan ? { ...values, plan: true } : values, io.env);
    print(io, output, values['json'] === true);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`lamin-vault: ${errorMessage(error)}\n`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: errorJson(error) })}\n`);
    return exitCodeFor(error);
  }
}
