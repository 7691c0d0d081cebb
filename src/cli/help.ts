import type { OptionSpecs } from './args.js';
import type { Command, CommandGroup } from './command.js';

const ENV_NOTE =
  'Environment: VAULT_ADDR, VAULT_TOKEN (the token is never a flag), VAULT_NAMESPACE, VAULT_CACERT,\n' +
  'VAULT_CAPATH, VAULT_SKIP_VERIFY, VAULT_MAX_RETRIES, VAULT_CLIENT_TIMEOUT, as for the vault CLI.\n' +
  'Exit codes: 0 ok, 2 usage or validation error, 3 Vault error, 4 network/timeout, 1 other.';

function optionLines(options: OptionSpecs): string[] {
  const left = Object.entries(options).map(([name, o]) =>
    `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return Object.values(options).map((o, i) => `  ${left[i]!.padEnd(width)}${o.description}`);
}

/** Help of one command: usage, what it does, every flag. */
export function commandHelp(command: Command): string {
  return [
    `Usage: lamin-vault ${command.name} ${command.usage}`.trimEnd(),
    '',
    command.description,
    '',
    'Options:',
    ...optionLines(command.options),
    '',
    ENV_NOTE,
  ].join('\n');
}

function commandList(entries: readonly { name: string; summary: string }[]): string[] {
  const width = Math.max(...entries.map((e) => e.name.length)) + 2;
  return entries.map((e) => `  ${e.name.padEnd(width)}${e.summary}`);
}

/** Help of a group such as `collaborator`. */
export function groupHelp(group: CommandGroup): string {
  return [
    `Usage: lamin-vault ${group.name} <command> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...commandList(group.commands),
    '',
    `Run "lamin-vault ${group.name} <command> --help" for the options of a command.`,
  ].join('\n');
}

/** Top-level help. */
export function mainHelp(entries: readonly { name: string; summary: string }[]): string {
  return [
    'Usage: lamin-vault <command> [options]',
    '',
    'Administer Vault/OpenBao database secrets for LaminDB instances on PostgreSQL.',
    '',
    'Commands:',
    ...commandList(entries),
    '',
    'Options: -h, --help    show help       --version    print the version',
    '',
    ENV_NOTE,
    '',
    'Run "lamin-vault <command> --help" for the options of a command.',
  ].join('\n');
}
