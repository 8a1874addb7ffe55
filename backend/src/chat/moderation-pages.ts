import type { PositionRow } from './pages.js';

/**
 * The rows as `viewerId` may see them: a shadowed message (its author shadow-muted) stays a message for
 * its author and becomes a settled, skipped position for everyone else, so no reader waits for it and
 * none learns it exists.
 */
export function visibleRows(rows: readonly PositionRow[], viewerId: string): PositionRow[] {
  return rows.map((row) => {
    if (row.shadowOf === undefined || row.shadowOf === viewerId) return row;
    const { message: _hidden, shadowOf: _author, ...settled } = row;
    return settled;
  });
}
