import { isLaminVaultError, type LaminVaultValidationError } from '../errors.js';
import { flagFor } from './issue-flags.js';

/** Exit codes of the CLI, one per kind of failure, so scripts can branch on them. */
export const EXIT = Object.freeze({ ok: 0, other: 1, usage: 2, vault: 3, network: 4 });

/** Bad command line (unknown flag, missing value, wrong combination): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `node:util` parseArgs failures carry an `ERR_PARSE_ARGS_*` code. */
function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Maps any thrown value to the documented exit code. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || isParseArgsError(error)) return EXIT.usage;
  if (!isLaminVaultError(error)) return EXIT.other;
  switch (error.code) {
    case 'VALIDATION':
      return EXIT.usage;
    case 'VAULT_HTTP':
    case 'VAULT_RESPONSE':
      return EXIT.vault;
    case 'VAULT_NETWORK':
    case 'VAULT_TIMEOUT':
      return EXIT.network;
    default:
      return EXIT.other;
  }
}

/** Brand-based (not `instanceof`): the error may come from another copy of the package. */
function isValidationError(error: unknown): error is LaminVaultValidationError {
  return isLaminVaultError(error) && error.code === 'VALIDATION' && Array.isArray((error as { issues?: unknown }).issues);
}

/** A validation issue with the flag it came from, when one did. */
interface FlagIssue {
  path: string;
  message: string;
  flag?: string;
}

function withFlags(error: LaminVaultValidationError, command: string | undefined): FlagIssue[] {
  return error.issues.map((i) => {
    const flag = flagFor(command, i.path);
    return flag === undefined ? { ...i } : { ...i, flag };
  });
}

/** `Invalid options: --level: …` — the library's message with each field replaced by its flag. */
function validationMessage(error: LaminVaultValidationError, command: string | undefined): string {
  // The operation's "input" is what the user typed as options.
  const head = (/^(Invalid [^:]*):/.exec(error.message)?.[1] ?? 'Invalid input').replace(/^Invalid input$/, 'Invalid options');
  return `${head}: ${withFlags(error, command).map((i) => `${i.flag ?? i.path}: ${i.message}`).join('; ')}`;
}

/**
 * One line describing the error; `command` (e.g. `collaborator set`) lets validation
 * issues name the flags. parseArgs echoes stray positionals, which may be a mistyped
 * secret, so that message is replaced; library errors are safe by contract.
 */
export function errorMessage(error: unknown, command?: string): string {
  if (isParseArgsError(error) && error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return 'unexpected positional argument (this command takes options only; see --help)';
  }
  const text = isValidationError(error)
    ? validationMessage(error, command)
    : error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

/** Safe, machine-readable description of an error for `--json` output. */
export function errorJson(error: unknown, command?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { exitCode: exitCodeFor(error), message: errorMessage(error, command) };
  if (isLaminVaultError(error)) {
    out['code'] = error.code;
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') out['status'] = status;
    // `path` stays the library's field; `flag` says which flag fed it.
    if (isValidationError(error)) out['issues'] = withFlags(error, command);
    else {
      const issues = (error as { issues?: unknown }).issues;
      if (Array.isArray(issues)) out['issues'] = issues;
    }
  } else if (error instanceof UsageError || exitCodeFor(error) === EXIT.usage) {
    out['code'] = 'USAGE';
  }
  return out;
}
