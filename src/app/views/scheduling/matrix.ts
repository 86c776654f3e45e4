/** Pure helpers for the decision matrix (DecisionMatrix.tsx): cells, groups, the row cap. */
import type { DecisionRow } from '../../protocol.ts';

/** Rows shown before "Show all": enough for a small cluster, bounded for 100 nodes. */
export const ROWS_SHOWN = 24;

export type FilterCell = 'pass' | 'fail' | 'none';

/**
 * A row's verdict per filter plugin: a feasible node passed them all; a rejected node passed the
 * ones before the plugin that rejected it and was not run through the ones after (kube-scheduler
 * stops at the first rejection); a node never filtered has no verdicts.
 */
export function filterCells(r: DecisionRow, filters: readonly string[]): FilterCell[] {
  if (r.status === 'selected' || r.status === 'feasible') return filters.map(() => 'pass');
  if (!r.rejection) return filters.map(() => 'none');
  const at = filters.indexOf(r.rejection.plugin);
  return filters.map((_, i) => (at < 0 ? 'none' : i < at ? 'pass' : i === at ? 'fail' : 'none'));
}

/** The group a row belongs to in the matrix: `Rejected by NodeAffinity`, `Not evaluated`... */
export function groupLabel(r: DecisionRow): string {
  switch (r.status) {
    case 'selected':
    case 'feasible':
      return 'Feasible';
    case 'rejected':
      return `Rejected by ${r.rejection?.plugin ?? '?'}`;
    case 'excluded':
      return 'Excluded by PreFilter';
    case 'notEvaluated':
      return 'Not evaluated';
  }
}

/**
 * The rows to draw: all of them when asked, else the first ROWS_SHOWN, so that a long list keeps
 * the winner and the best-scored nodes and still shows some of each rejection group.
 */
export function shownRows(rows: readonly DecisionRow[], all: boolean): readonly DecisionRow[] {
  if (all || rows.length <= ROWS_SHOWN) return rows;
  const feasible = rows.filter((r) => r.status === 'selected' || r.status === 'feasible');
  const rest = rows.filter((r) => r.status !== 'selected' && r.status !== 'feasible');
  // Up to half the rows for the top of the ranking, the rest shared among the other groups in
  // turn; what the groups leave goes back to the ranking.
  const top = Math.max(ROWS_SHOWN - Math.min(rest.length, ROWS_SHOWN / 2), 1);
  const groups = new Map<string, DecisionRow[]>();
  for (const r of rest) groups.set(groupLabel(r), [...(groups.get(groupLabel(r)) ?? []), r]);
  const lists = [...groups.values()];
  const taken = lists.map(() => 0);
  let budget = ROWS_SHOWN - Math.min(top, feasible.length);
  for (let more = true; budget > 0 && more; ) {
    more = false;
    lists.forEach((list, i) => {
      if (budget > 0 && taken[i] < list.length) {
        taken[i]++;
        budget--;
        more = true;
      }
    });
  }
  const out = feasible.slice(0, ROWS_SHOWN - lists.reduce((n, _, i) => n + taken[i], 0));
  lists.forEach((list, i) => out.push(...list.slice(0, taken[i])));
  return out;
}
