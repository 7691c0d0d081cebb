import type { Command, CommandGroup } from './command.js';
import { collaboratorGroup } from './commands/collaborator.js';
import { collaboratorDeleteCommand } from './commands/collaborator-delete.js';
import { collaboratorSetCommand } from './commands/collaborator-set.js';
import { credsCommand } from './commands/creds.js';
import { deleteInstanceCommand } from './commands/delete-instance.js';
import { initInstanceCommand } from './commands/init-instance.js';
import { statusCommand } from './commands/status.js';

export type Entry = Command | CommandGroup;

export const isGroup = (entry: Entry): entry is CommandGroup => 'commands' in entry;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Entry[] = [
  initInstanceCommand, collaboratorGroup, credsCommand, statusCommand, deleteInstanceCommand,
];

/** The commands `plan` can render (the ones that write). */
export const PLAN_GROUP: CommandGroup = {
  name: 'plan',
  summary: 'print what a command would write (paths, request bodies, SQL, HCL) without sending anything',
  commands: [initInstanceCommand, collaboratorSetCommand, collaboratorDeleteCommand, deleteInstanceCommand],
};

/** `plan` listed with the others in the top-level help. */
export const HELP_ENTRIES: readonly { name: string; summary: string }[] = [
  ...COMMANDS.flatMap((e) => (isGroup(e) ? e.commands : [e])),
  PLAN_GROUP,
];
