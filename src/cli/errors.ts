import { isLaminVaultError } from '../errors.js';

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

/**
 * One line describing the error. parseArgs echoes stray positionals, which may be
 * a mistyped secret, so that message is replaced; library errors are safe by contract.
 */
export function errorMessage(error: unknown): string {
  if (isParseArgsError(error) && error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return 'unexpected positional argument (this command takes options only; see --help)';
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

/** Safe, machine-readable description of an error for `--json` output. */
export function errorJson(error: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { exitCode: exitCodeFor(error), message: errorMessage(error) };
  if (isLaminVaultError(error)) {
    out['code'] = error.code;
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') out['status'] = status;
    const issues = (error as { issues?: unknown }).issues;
    if (Array.isArray(issues)) out['issues'] = issues;
  } else if (error instanceof UsageError || exitCodeFor(error) === EXIT.usage) {
    out['code'] = 'USAGE';
  }
  return out;
}
