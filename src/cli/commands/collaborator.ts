import type { CommandGroup } from '../command.js';
import { collaboratorDeleteCommand } from './collaborator-delete.js';
import { collaboratorListCommand } from './collaborator-list.js';
import { collaboratorSetCommand } from './collaborator-set.js';

/** `lamin-vault collaborator <set|delete|list>`. */
export const collaboratorGroup: CommandGroup = {
  name: 'collaborator',
  summary: 'create, change, remove or list an instance\'s collaborators',
  commands: [collaboratorSetCommand, collaboratorDeleteCommand, collaboratorListCommand],
};
