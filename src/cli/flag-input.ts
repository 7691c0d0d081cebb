import { LaminVaultValidationError, isLaminVaultError, type ValidationIssue } from '../errors.js';
import type { Values } from './args.js';

/**
 * Values that pass the library's schemas, put in place of a flag that is missing or
 * unusable so that validating the rest still finds every other problem. They never
 * reach Vault: {@link FlagInput.check} throws whenever one was used.
 */
export const PLACEHOLDER = Object.freeze({
  instanceId: '00000000-0000-0000-0000-000000000000',
  accountId: 'placeholder',
  level: 'read',
  roleName: 'placeholder',
});

/**
 * Reads a command's flags and collects what is wrong with them, so that one run
 * reports every problem at once (each under the input field it feeds: the error
 * printer turns fields into flags) instead of stopping at the first.
 */
export class FlagInput {
  private readonly issues: ValidationIssue[] = [];

  constructor(readonly values: Values) {}

  /** Records a problem of the field `path` (a library field, or the flag's name). */
  problem(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** A string flag that must be given; when it is not, the problem is recorded and `placeholder` returned. */
  required(name: string, path: string, placeholder: string): string {
    const value = this.values[name];
    if (typeof value === 'string' && value !== '') return value;
    this.problem(path, 'is required');
    return placeholder;
  }

  /**
   * Throws every recorded problem together with what the library's own validation
   * (`validate`, run only then) finds in the input built around the placeholders.
   * Without recorded problems it returns: the operation validates as usual.
   */
  async check(validate: () => unknown): Promise<void> {
    if (this.issues.length === 0) return;
    let found: readonly ValidationIssue[] = [];
    try {
      await validate();
    } catch (error) {
      // Anything else is no verdict on the flags: the recorded problems are reported alone.
      if (isLaminVaultError(error) && error.code === 'VALIDATION') found = (error as LaminVaultValidationError).issues;
    }
    const mine = new Set(this.issues.map((i) => i.path));
    throw new LaminVaultValidationError([...this.issues, ...found.filter((i) => !mine.has(i.path))], 'options');
  }
}
