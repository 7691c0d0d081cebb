import type pg from 'pg';
import { MATRIX_STATEMENTS, trySql, type MatrixAction } from '../../test/helpers/try-sql.js';

export type Level = 'read' | 'write' | 'admin';
export type MatrixRow = Record<MatrixAction, boolean>;
export type Matrix = Record<Level, MatrixRow>;

export const ACTIONS = Object.keys(MATRIX_STATEMENTS) as MatrixAction[];
export const LEVELS: readonly Level[] = ['read', 'write', 'admin'];

/** The permission model of DESIGN.md §4 (write has no DELETE, as in the original). */
export const EXPECTED: Matrix = {
  read: { select: true, insert: false, update: false, delete: false, create: false },
  write: { select: true, insert: true, update: true, delete: false, create: false },
  admin: { select: true, insert: true, update: true, delete: true, create: true },
};

/**
 * Runs the five statements as one user, each in its own rolled-back transaction so a
 * denial cannot poison the next check. Errors other than "permission denied" are
 * reported through `onError` and count as not allowed.
 */
export async function observeRow(client: pg.Client, onError: (action: MatrixAction, message: string) => void): Promise<MatrixRow> {
  const row = {} as MatrixRow;
  for (const action of ACTIONS) {
    const outcome = await trySql(client, MATRIX_STATEMENTS[action]);
    if (typeof outcome === 'object') onError(action, outcome.error);
    row[action] = outcome === 'ok';
  }
  return row;
}

export const sameRow = (a: MatrixRow, b: MatrixRow): boolean => ACTIONS.every((action) => a[action] === b[action]);

/** The matrix as a text table; a `!` marks a cell that differs from the expectation. */
export function matrixTable(observed: Partial<Matrix>): string[] {
  const header = ['level', ...ACTIONS.map((a) => a.toUpperCase())];
  const rows = LEVELS.filter((l) => observed[l]).map((level) => [
    level,
    ...ACTIONS.map((a) => `${observed[level]![a] ? 'yes' : 'no'}${observed[level]![a] === EXPECTED[level][a] ? '' : '!'}`),
  ]);
  return [header, ...rows].map((cells) => cells.map((c) => c.padEnd(7)).join(' ').trimEnd());
}
