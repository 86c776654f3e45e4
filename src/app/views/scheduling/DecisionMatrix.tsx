import { Fragment, useState } from 'react';
import type { DecisionRow, DecisionView } from '../../protocol.ts';
import { filterCells, groupLabel, ROWS_SHOWN, shownRows } from './matrix.ts';

/**
 * The decision as a node × plugin matrix: the total beside each node (so the ranking reads
 * without scrolling), a column per filter plugin (✓ passed, ✕ rejected here, · not run: kube-scheduler
 * runs no filter after a rejection), a column per score plugin (weight × normalized, raw →
 * normalized beneath). A rejected node's reason, verbatim and in words, takes a line under it. The winner comes first, then feasible nodes by
 * total, then the rejected ones grouped by plugin, then the nodes never filtered. A large cluster
 * shows ROWS_SHOWN rows until "Show all".
 */
export function DecisionMatrix({ decision: d }: { decision: DecisionView }) {
  const [all, setAll] = useState(false);
  const rows = shownRows(d.rows, all);
  const tied = d.tiedTop > 1 ? d.topTotal : undefined;
  const groupSize = new Map<string, number>();
  for (const r of d.rows) groupSize.set(groupLabel(r), (groupSize.get(groupLabel(r)) ?? 0) + 1);
  const shownSize = new Map<string, number>();
  for (const r of rows) shownSize.set(groupLabel(r), (shownSize.get(groupLabel(r)) ?? 0) + 1);
  // With no score plugin run (one feasible node, or none) one column says so and holds the reasons.
  const scoreCols = Math.max(d.scores.length, 1);
  const columns = 2 + d.filters.length + scoreCols;
  let lastGroup = '';
  return (
    <div className="sched-matrix-wrap">
      <div className="sched-matrix-scroll" tabIndex={0} role="group" aria-label="Decision matrix (scrolls)">
        <table className="sched-matrix" aria-label={`Scheduling decision for ${d.pod}: nodes by plugin`}>
          <thead>
            <tr className="sched-phase-row">
              <th scope="col" className="sched-node-col" rowSpan={2}>
                Node
              </th>
              <th scope="col" className="sched-total-col" rowSpan={2} title="Σ weight × normalized score">
                Total
              </th>
              {d.filters.length > 0 && (
                <th scope="colgroup" colSpan={d.filters.length} className="sched-phase sched-phase-filter">
                  Filter
                </th>
              )}
              {d.scores.length > 0 ? (
                <th scope="colgroup" colSpan={d.scores.length} className="sched-phase sched-phase-score">
                  Score: weight × normalized
                </th>
              ) : (
                <th scope="col" rowSpan={2} className="sched-phase sched-phase-score sched-phase-empty">
                  Score
                  <span className="sched-phase-note">{d.scoringSkipped ? 'skipped: one feasible node' : 'none: no node passed'}</span>
                </th>
              )}
            </tr>
            <tr>
              {d.filters.map((f) => (
                <th key={f} scope="col" className="sched-plugin sched-filter-col" title={`Filter plugin ${f}`}>
                  <CamelBreak name={f} />
                </th>
              ))}
              {d.scores.map((s) => (
                <th key={s.plugin} scope="col" className="sched-plugin sched-score-col" title={`Score plugin ${s.plugin}, weight ${s.weight}`}>
                  <CamelBreak name={s.plugin} />
                  <span className="sched-weight">×{s.weight}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const group = groupLabel(r);
              const header = group !== lastGroup && r.status !== 'selected' && r.status !== 'feasible';
              lastGroup = group;
              const size = groupSize.get(group) ?? 0;
              const shown = shownSize.get(group) ?? 0;
              return (
                <Fragment key={r.node}>
                  {header && (
                    <tr className="sched-group-row">
                      <th scope="rowgroup" colSpan={columns}>
                        {group} · {size} {size === 1 ? 'node' : 'nodes'}
                        {shown < size ? ` (${shown} shown)` : ''}
                      </th>
                    </tr>
                  )}
                  <Row row={r} d={d} scoreCols={scoreCols} tied={tied !== undefined && r.total === tied} />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {d.rows.length > ROWS_SHOWN && (
        <button type="button" className="btn btn-small sched-show-all" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show the first ${ROWS_SHOWN} nodes` : `Show all ${d.rows.length} nodes`}
        </button>
      )}
    </div>
  );
}

const CELL_WORDS = { pass: 'passed', fail: 'rejected the node', none: 'not run' } as const;

function Row({ row: r, d, scoreCols, tied }: { row: DecisionRow; d: DecisionView; scoreCols: number; tied: boolean }) {
  const classes = ['sched-row', `is-${r.status}`, tied ? 'is-tied' : ''].filter(Boolean).join(' ');
  const evaluated = r.status === 'selected' || r.status === 'feasible' || r.status === 'rejected';
  const main = (
    <tr className={classes} aria-label={r.node} data-node={r.node} data-status={r.status}>
      <th scope="row" className="sched-node-col">
        <span className="sched-node-name">{r.node}</span>
        {r.status === 'selected' && <span className="sched-badge sched-badge-win">★ winner</span>}
        {tied && <span className="sched-badge sched-badge-tie">tied</span>}
        {r.node === d.nominatedNode && <span className="sched-badge">nominated</span>}
      </th>
      {r.total !== undefined ? (
        <td className="sched-total" title={`total: Σ weight × normalized = ${r.total} (at most ${d.maxTotal})`}>
          <span className="sched-total-bar" style={{ width: `${d.maxTotal > 0 ? (100 * r.total) / d.maxTotal : 0}%` }} aria-hidden="true" />
          <span className="sched-total-num">{r.total}</span>
        </td>
      ) : (
        <td className="sched-total is-empty">{r.status === 'rejected' ? '✕' : '—'}</td>
      )}
      {evaluated &&
        filterCells(r, d.filters).map((c, i) => (
          <td key={d.filters[i]} className={`sched-cell sched-f-${c}`} title={`${d.filters[i]}: ${CELL_WORDS[c]}`}>
            <span aria-hidden="true">{c === 'pass' ? '✓' : c === 'fail' ? '✕' : '·'}</span>
            <span className="sched-sr">{CELL_WORDS[c]}</span>
          </td>
        ))}
      {r.status === 'rejected' ? (
        <td colSpan={scoreCols} className="sched-reason is-muted">
          not scored
        </td>
      ) : r.status === 'notEvaluated' || r.status === 'excluded' ? (
        <td colSpan={d.filters.length + scoreCols} className="sched-reason is-muted">
          {r.status === 'notEvaluated'
            ? d.nominatedNode
              ? 'not evaluated: the nominated node passed first'
              : `not evaluated (percentageOfNodesToScore: ${d.numNodesToFind} feasible nodes were enough)`
            : 'excluded: PreFilter narrowed the candidate nodes'}
        </td>
      ) : r.raw === undefined || r.normalized === undefined ? (
        <td colSpan={scoreCols} className="sched-reason is-muted">
          {d.scoringSkipped ? 'the only feasible node: no scoring needed' : 'not scored'}
        </td>
      ) : (
        d.scores.map((s, k) => (
          <td key={s.plugin} className="sched-cell sched-score" title={`${s.plugin}: raw ${r.raw![k]} → normalized ${r.normalized![k]} × weight ${s.weight} = ${s.weight * r.normalized![k]}`}>
            <span className="sched-weighted">{s.weight * r.normalized![k]}</span>
            <span className="sched-rawnorm">
              {r.raw![k]}→{r.normalized![k]}
            </span>
          </td>
        ))
      )}
    </tr>
  );
  if (!r.rejection) return main;
  // The reason gets a line of its own under the node, from the left edge, so it reads however
  // wide the matrix is.
  return (
    <>
      {main}
      <tr className="sched-reason-row" data-reason-for={r.node}>
        <td colSpan={2 + d.filters.length + scoreCols}>
          <div className="sched-reason-line">
            <span className="sched-reason-plugin">✕ {r.rejection.plugin}</span> <code className="sched-reason-code">{r.rejection.reasons.join(', ')}</code>
            <span className="sched-reason-words">{r.rejection.explanation}</span>
          </div>
        </td>
      </tr>
    </>
  );
}

/** `NodeResourcesBalancedAllocation` may wrap between its words, so plugin columns stay narrow. */
function CamelBreak({ name }: { name: string }) {
  const parts = name.split(/(?=[A-Z][a-z])/);
  return (
    <span className="sched-plugin-name">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </span>
  );
}
