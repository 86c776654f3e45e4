/**
 * `sim explain pod/NAME [-n NS]`: the scheduler's latest decision for a pod, in plain words —
 * which nodes each filter rejected and why, the score table (raw → normalized × weight), the
 * winner, and the nodes percentageOfNodesToScore left unexamined. Reads the decision trace.
 */
import { StatusError } from '../../engine/api/errors.ts';
import type { Pod } from '../../engine/api/types.ts';
import type { Decision } from '../../engine/components/scheduler/framework/decision.ts';
import { formatTimestamp } from '../../engine/kernel/time.ts';
import { printErrors } from '../kubectl/errors.ts';
import { renderTable } from '../printers/table.ts';
import { ScriptError, type Command } from '../types.ts';

export const explainCommand: Command = {
  name: 'explain',
  completion: { args: 'resources' },
  short: "Explain the scheduler's decision for a pod",
  usage: 'sim explain pod/NAME [-n NAMESPACE]',
  flags: [{ name: 'namespace', short: 'n', type: 'string', default: 'default', usage: 'namespace of the pod' }],
  run(ctx, args) {
    const [target, maybeName, ...extra] = args.positional;
    let name: string | undefined;
    if (target?.includes('/')) {
      const [kind, n] = target.split('/', 2);
      if (!['pod', 'pods', 'po'].includes(kind)) throw new ScriptError(`sim explain: only pods are scheduled, got "${kind}"`);
      name = n;
      if (maybeName !== undefined) throw new ScriptError(`sim explain: unexpected argument "${maybeName}"`);
    } else if (target !== undefined && ['pod', 'pods', 'po'].includes(target)) {
      name = maybeName;
    } else if (target !== undefined && maybeName === undefined) {
      name = target;
    }
    if (!name || extra.length > 0) throw new ScriptError(`sim explain: usage: ${this.usage}`);
    const namespace = String(args.flags.namespace) || 'default';
    let pod: Pod;
    try {
      pod = ctx.sim.store.get<Pod>('pods', namespace, name);
    } catch (e) {
      if (e instanceof StatusError) return printErrors(ctx.io, [e]);
      throw e;
    }
    const decision = ctx.sim.scheduler.decisionFor(`${namespace}/${name}`);
    if (!decision || decision.podUid !== pod.metadata.uid) {
      ctx.io.out(noDecision(pod));
      return 0;
    }
    ctx.io.out(explainDecision(decision, pod));
    return 0;
  },
};

function noDecision(pod: Pod): string {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  if (pod.spec.nodeName) {
    return `pod ${key} is on ${pod.spec.nodeName}; no scheduling decision for it is kept (it was bound by spec.nodeName, or decided more than 1000 attempts ago).\n`;
  }
  if (pod.spec.schedulerName && pod.spec.schedulerName !== 'default-scheduler') {
    return `pod ${key} asks for scheduler "${pod.spec.schedulerName}", which no profile serves, so it stays Pending.\n`;
  }
  return `pod ${key} has not been through a scheduling cycle yet.\n`;
}

/** The decision in plain words (also what the app's decision view shows as text). */
export function explainDecision(d: Decision, pod: Pod): string {
  const lines: string[] = [];
  lines.push(`Pod ${d.pod}, scheduling attempt at ${formatTimestamp(d.at)} (${d.profile})`);
  if (d.selected) lines.push(`Result: bound to ${d.selected}.`);
  else lines.push(`Result: not scheduled. FailedScheduling: ${d.message ?? ''}`);
  if (d.postFilter) lines.push(preemptionLine(d));
  lines.push('');
  lines.push(...filterSection(d));
  if (d.scores.length > 0) {
    lines.push('');
    lines.push(...scoreSection(d));
  } else if (d.scoringSkipped) {
    lines.push('');
    lines.push(`Scoring skipped: only ${d.selected} passed the filters${d.nominatedNode ? ' (it is the node preemption nominated)' : ''}.`);
  }
  if (!d.selected && pod.status?.nominatedNodeName) lines.push(`Nominated node: ${pod.status.nominatedNodeName} (waiting for preempted pods to leave).`);
  return lines.join('\n') + '\n';
}

function preemptionLine(d: Decision): string {
  const p = d.postFilter!;
  if (p.nominatedNode) {
    const victims = p.victims.length > 0 ? p.victims.join(', ') : 'no pods';
    return `Preemption: evicting ${victims} on ${p.nominatedNode}; the pod is nominated to ${p.nominatedNode} and will be scheduled there once they are gone.`;
  }
  return `Preemption did not help: ${p.message.replace(/^preemption: /, '')}`;
}

function filterSection(d: Decision): string[] {
  const out: string[] = [];
  if (d.preFilter) {
    out.push(`PreFilter: ${d.preFilter.plugin} rejected the pod before any node was looked at: ${d.preFilter.reasons.join(', ')}.`);
    return out;
  }
  const skipped = d.notEvaluated > 0 ? `; ${d.notEvaluated} not examined (percentageOfNodesToScore: enough feasible nodes were found)` : '';
  out.push(`Filters: ${d.evaluated.length} of ${d.numAllNodes} nodes examined, ${d.feasible.length} feasible${skipped}.`);
  const rejected = new Map(d.rejected.map((r) => [r.node, r]));
  for (const node of d.evaluated) {
    const r = rejected.get(node);
    if (!r) {
      out.push(`  ${node}: passes every filter`);
      continue;
    }
    out.push(`  ${node}: rejected by ${r.plugin} (${r.reasons.join(', ')})`);
    if (r.explanation) out.push(`      ${r.explanation}`);
  }
  if (d.skippedFilters.length > 0) out.push(`  (skipped for this pod: ${d.skippedFilters.join(', ')})`);
  return out;
}

function scoreSection(d: Decision): string[] {
  const header = ['NODE', ...d.scores.map((s) => `${s.plugin}×${s.weight}`), 'TOTAL'];
  const rows = d.feasible.map((node, j) => [
    node + (node === d.selected ? ' *' : ''),
    ...d.scores.map((s) => (s.raw[j] === s.normalized[j] ? `${s.normalized[j]}` : `${s.raw[j]}→${s.normalized[j]}`)),
    String(d.totals[j]),
  ]);
  const out = ['Scores (raw→normalized, 0–100, times the weight; * = chosen):'];
  out.push(...renderTable(header, rows).trimEnd().split('\n').map((l) => `  ${l}`));
  if (d.skippedScores.length > 0) out.push(`  (not scoring this pod: ${d.skippedScores.join(', ')})`);
  const best = Math.max(...Array.from(d.totals));
  if ((d.tiedTop ?? 1) > 1) out.push(`${d.tiedTop} nodes tied at ${best}; ${d.selected} was picked at random (seeded), as kube-scheduler does.`);
  else out.push(`${d.selected} has the highest total, ${best}.`);
  return out;
}
