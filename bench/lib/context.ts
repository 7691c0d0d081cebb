/** What every scenario gets from the runner. */
import type { VaultStack } from '../../src/testing/index.js';
import type { BenchInstance } from './instance.js';
import type { Ours } from './ours.js';
import type { Result } from './report.js';

export interface BenchContext {
  ours: Ours;
  stack: VaultStack;
  /** An instance set up by `initInstanceVault` on the stack. */
  instance: BenchInstance;
}

export interface ScenarioOutput {
  results: Result[];
  /** Extra figures that explain the results (not targets). */
  diagnostics?: Record<string, unknown>;
}

export type Scenario = (ctx: BenchContext) => Promise<ScenarioOutput>;
