/**
 * The scheduling replay as steps, from a real decision (DecisionView): the nodes being filtered,
 * each filter plugin's rejections in turn (red), the feasible nodes, the score plugins adding up
 * (bars grow by weight × normalized), the winner, and the bind (the pod flies there). Pure: each
 * step carries every mark, so a step can be shown on its own (scrubbing) as well as in order.
 */
import type { DecisionRow, DecisionView } from '../../protocol.ts';
import type { MapReplay, ReplayMark } from '../../state/ui.ts';

export type ReplayStepKind = 'start' | 'filter' | 'feasible' | 'score' | 'select' | 'bind' | 'fail' | 'preempt';

export interface ReplayStep {
  kind: ReplayStepKind;
  caption: string;
  marks: Record<string, ReplayMark>;
  flyTo?: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The steps of the replay, first to last. */
export function replaySteps(d: DecisionView): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const marks: Record<string, ReplayMark> = {};
  const push = (kind: ReplayStepKind, caption: string, flyTo?: string) => steps.push(flyTo ? { kind, caption, marks: { ...marks }, flyTo } : { kind, caption, marks: { ...marks } });

  if (d.preFilter) {
    push('fail', `PreFilter: ${d.preFilter.plugin} rejects the pod before any node is looked at (${d.preFilter.reasons.join(', ')}).`);
    return steps;
  }
  const evaluated = d.rows.filter((r) => r.order >= 0);
  for (const r of evaluated) marks[r.node] = { state: 'waiting', label: 'filtering' };
  for (const r of d.rows) {
    if (r.status === 'notEvaluated') marks[r.node] = { state: 'skipped', label: 'not evaluated' };
    if (r.status === 'excluded') marks[r.node] = { state: 'skipped', label: 'excluded by PreFilter' };
  }
  const skipped = d.rows.filter((r) => r.status === 'notEvaluated').length;
  const start = d.nominatedNode
    ? `Filter: ${d.nominatedNode}, the node preemption nominated, is tried first.`
    : `Filter: each of ${plural(evaluated.length, 'node')} goes through the filter plugins${skipped > 0 ? `; ${skipped} more are not evaluated (percentageOfNodesToScore: ${d.numNodesToFind} feasible nodes are enough)` : ''}.`;
  push('start', start);

  // One step per filter plugin that rejected something, in the order the filters run.
  const byPlugin = new Map<string, DecisionRow[]>();
  for (const r of d.rows) if (r.rejection) byPlugin.set(r.rejection.plugin, [...(byPlugin.get(r.rejection.plugin) ?? []), r]);
  const plugins = [...byPlugin.keys()].sort((a, b) => rank(d.filters, a) - rank(d.filters, b));
  for (const plugin of plugins) {
    const rows = byPlugin.get(plugin)!;
    for (const r of rows) marks[r.node] = { state: 'rejected', label: `✕ ${plugin}` };
    const reasons = [...new Set(rows.flatMap((r) => r.rejection!.reasons))].join('; ');
    push('filter', `${plugin} rejects ${plural(rows.length, 'node')}: ${reasons}.`);
  }

  const feasible = d.rows.filter((r) => r.status === 'selected' || r.status === 'feasible');
  if (feasible.length === 0) {
    push('fail', `No node fits. FailedScheduling: ${d.message ?? ''}`);
    const nominated = d.postFilter?.nominatedNode;
    if (nominated) {
      marks[nominated] = { state: 'nominated', label: 'nominated (preemption)' };
      const victims = d.postFilter!.victims.length > 0 ? d.postFilter!.victims.join(', ') : 'no pods';
      push('preempt', `Preemption: ${nominated} is nominated; evicting ${victims} makes room.`);
    }
    return steps;
  }
  for (const r of feasible) marks[r.node] = { state: 'feasible', label: '✓ feasible' };
  push('feasible', `${plural(feasible.length, 'node')} ${feasible.length === 1 ? 'passes' : 'pass'} every filter.`);

  if (d.scores.length > 0) {
    const sums = new Map(feasible.map((r) => [r.node, 0]));
    d.scores.forEach((s, k) => {
      for (const r of feasible) {
        const add = s.weight * (r.normalized?.[k] ?? 0);
        const sum = (sums.get(r.node) ?? 0) + add;
        sums.set(r.node, sum);
        marks[r.node] = { state: 'feasible', label: `+${add} ${s.plugin}`, score: d.maxTotal > 0 ? sum / d.maxTotal : 0, scoreText: String(sum) };
      }
      push('score', `Score: ${s.plugin} (normalized 0–100 × weight ${s.weight}) adds to each feasible node's total.`);
    });
  } else if (d.selected) {
    push('score', `Scoring skipped: only ${d.selected} passed the filters.`);
  }

  if (d.selected) {
    // Each feasible node now shows its total; the winner stands out.
    for (const r of feasible) {
      if (r.total !== undefined) marks[r.node] = { ...marks[r.node], label: d.tiedTop > 1 && r.total === d.topTotal ? `${r.total} · tied` : `${r.total}` };
    }
    const w = d.rows.find((r) => r.node === d.selected);
    const prev = marks[d.selected];
    marks[d.selected] = { ...prev, state: 'winner', label: w?.total !== undefined ? `★ winner · ${w.total}` : '★ winner' };
    const tie = d.tiedTop > 1 ? `${d.tiedTop} nodes tied at ${d.topTotal}; ${d.selected} was picked at random (seeded).` : '';
    const best = w?.total !== undefined ? `${d.selected} has the highest total, ${w.total}.` : `${d.selected} is the only feasible node.`;
    push('select', d.tiedTop > 1 ? tie : best);
    if (d.message) push('fail', `Binding to ${d.selected} failed: ${d.message}`);
    else push('bind', `Bind: ${d.pod} → ${d.selected}.`, d.selected);
  }
  return steps;
}

function rank(filters: readonly string[], plugin: string): number {
  const i = filters.indexOf(plugin);
  return i < 0 ? filters.length : i;
}

/** The map's replay state for step `i` of `steps`. */
export function replayFrame(pod: string, steps: readonly ReplayStep[], i: number): MapReplay {
  const s = steps[i];
  const frame: MapReplay = { pod, step: i, steps: steps.length, caption: s.caption, marks: s.marks };
  if (s.flyTo) frame.flyTo = s.flyTo;
  return frame;
}
