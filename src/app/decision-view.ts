/**
 * The scheduler's decision for one pod as the Scheduling panel draws it: a node × plugin matrix
 * (each filter's verdict, each score plugin's raw → normalized → weighted score, the totals, the
 * winner) and the FailedScheduling message verbatim beside plain words. Runs in the worker, only
 * when the panel asks (a decision for 100 nodes is too big to ship in every view). Pure: it reads
 * the engine's decision trace (DecisionJSON) and changes nothing.
 */
import type { Node, Pod } from '../engine/api/types.ts';
import type { DecisionJSON } from '../engine/components/scheduler/framework/decision.ts';
import { implementsPoint } from '../engine/components/scheduler/framework/runtime.ts';
import { parseTimestamp } from '../engine/kernel/time.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { DecisionReply, DecisionRow, DecisionView } from './protocol.ts';
import { plainSchedulingMessage, podRequests, reasonClause, type PodRequests } from './view-events.ts';

/** What the decision alone does not say: the profile's filters, the pod, the nodes there are now. */
export interface DecisionContext {
  /** The profile's filter plugins in the order they run (skipped ones included). */
  filters: readonly string[];
  /** The pod's spec.nodeName now ('' while unbound). */
  podNode: string;
  /** The pod's status.nominatedNodeName ('' for none). */
  nominatedNodeName: string;
  requests: PodRequests;
  /** The cluster's nodes now, with their creation times (simulated ms), to name the nodes never filtered. */
  nodes: readonly { name: string; createdAt: number }[];
}

/** The Scheduling panel's view of one decision (see DecisionView). */
export function decisionView(d: DecisionJSON, ctx: DecisionContext): DecisionView {
  const skippedFilters = new Set(d.skippedFilters);
  const filters = ctx.filters.filter((f) => !skippedFilters.has(f));
  // A rejecting plugin the profile list does not name (never expected) still gets its column.
  for (const r of d.rejected) if (r.plugin !== '' && !filters.includes(r.plugin)) filters.push(r.plugin);
  const filterRank = new Map(filters.map((f, i) => [f, i]));
  const order = new Map(d.evaluated.map((n, i) => [n, i]));
  const totals = d.totals;
  const topTotal = totals.length > 0 ? Math.max(...totals) : undefined;
  const maxTotal = d.scores.reduce((n, s) => n + s.weight * 100, 0);

  const rows: DecisionRow[] = [];
  d.feasible.forEach((node, j) => {
    const row: DecisionRow = { node, status: node === d.selected ? 'selected' : 'feasible', order: order.get(node) ?? -1 };
    if (d.scores.length > 0) {
      row.raw = d.scores.map((s) => s.raw[j]);
      row.normalized = d.scores.map((s) => s.normalized[j]);
      row.total = totals[j];
    }
    rows.push(row);
  });
  for (const r of d.rejected) {
    rows.push({
      node: r.node,
      status: 'rejected',
      order: order.get(r.node) ?? -1,
      rejection: {
        plugin: r.plugin,
        code: r.code,
        reasons: [...r.reasons],
        explanation: r.explanation ?? r.reasons.map((reason) => withoutCount(reasonClause(1, reason, ctx.requests))).join('; '),
      },
    });
  }
  // The nodes never filtered: left out by a PreFilterResult, or not reached because enough
  // feasible nodes were found first (or the nominated node passed). A node added after the
  // attempt was not there to be considered, so it is not listed.
  if (!d.preFilter) {
    const seen = new Set(rows.map((r) => r.node));
    const allowed = d.preFilterNodes ? new Set(d.preFilterNodes) : undefined;
    for (const n of ctx.nodes) {
      if (seen.has(n.name) || n.createdAt > d.at) continue;
      rows.push({ node: n.name, status: allowed && !allowed.has(n.name) ? 'excluded' : 'notEvaluated', order: -1 });
    }
  }
  rows.sort(rowOrder(filterRank));

  const groups = new Map<string, { plugin: string; reason: string; count: number; plain: string }>();
  for (const r of d.rejected) {
    const reason = r.reasons.join(', ');
    const key = `${r.plugin}\u0000${reason}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { plugin: r.plugin, reason, count: 1, plain: '' });
  }
  const rejectedGroups = [...groups.values()]
    .sort((a, b) => (filterRank.get(a.plugin) ?? 99) - (filterRank.get(b.plugin) ?? 99) || b.count - a.count || a.reason.localeCompare(b.reason))
    .map((g) => ({ ...g, plain: g.reason.split(', ').map((reason, i) => (i === 0 ? reasonClause(g.count, reason, ctx.requests) : withoutCount(reasonClause(g.count, reason, ctx.requests)))).join(', ') }));

  const view: DecisionView = {
    pod: d.pod,
    seq: d.seq,
    at: d.at,
    profile: d.profile,
    podNode: ctx.podNode,
    numAllNodes: d.numAllNodes,
    numNodesToFind: d.numNodesToFind,
    filters,
    skippedFilters: [...d.skippedFilters],
    scores: d.scores.map((s) => ({ plugin: s.plugin, weight: s.weight })),
    skippedScores: [...d.skippedScores],
    rows,
    notEvaluated: d.notEvaluated,
    rejectedGroups,
    scoringSkipped: d.scoringSkipped,
    tiedTop: d.tiedTop ?? (d.selected ? 1 : 0),
    maxTotal,
  };
  if (d.preFilter) view.preFilter = { plugin: d.preFilter.plugin, reasons: [...d.preFilter.reasons] };
  if (d.preFilterNodes) view.preFilterNodes = [...d.preFilterNodes];
  if (d.nominatedNode) view.nominatedNode = d.nominatedNode;
  if (d.selected) view.selected = d.selected;
  if (topTotal !== undefined) view.topTotal = topTotal;
  if (d.message !== undefined) {
    view.message = d.message;
    view.plain = d.selected ? `It was to run on ${d.selected}, but binding it there failed; the scheduler tries again.` : plainSchedulingMessage(d.message, ctx.requests, ctx.nominatedNodeName);
  }
  if (d.postFilter) view.postFilter = { nominatedNode: d.postFilter.nominatedNode || undefined, victims: [...d.postFilter.victims], message: d.postFilter.message };
  if (view.postFilter?.nominatedNode === undefined) delete view.postFilter?.nominatedNode;
  return view;
}

const STATUS_RANK: Record<DecisionRow['status'], number> = { selected: 0, feasible: 1, rejected: 2, excluded: 3, notEvaluated: 4 };

/** Winner first, then feasible by total (highest first), rejected grouped by plugin in filter order, then the rest; by name within. */
function rowOrder(filterRank: ReadonlyMap<string, number>): (a: DecisionRow, b: DecisionRow) => number {
  return (a, b) =>
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (b.total ?? 0) - (a.total ?? 0) ||
    (filterRank.get(a.rejection?.plugin ?? '') ?? 99) - (filterRank.get(b.rejection?.plugin ?? '') ?? 99) ||
    (a.rejection?.reasons.join(', ') ?? '').localeCompare(b.rejection?.reasons.join(', ') ?? '') ||
    a.node.localeCompare(b.node, undefined, { numeric: true });
}

/** `1 lacks the CPU for ...` → `lacks the CPU for ...`; `1: reason` → `reason`. */
function withoutCount(clause: string): string {
  return clause.replace(/^\d+:? /, '');
}

/**
 * The reply to a `decision` request: the latest decision for the pod when the scheduler still
 * keeps it, else why there is none (in the words `sim explain` uses).
 */
export function decisionReply(sim: Simulation, namespace: string, name: string): DecisionReply {
  try {
    return replyFor(sim, namespace, name);
  } catch (e) {
    // Every request gets its reply, even when reading the trace fails.
    return { note: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function replyFor(sim: Simulation, namespace: string, name: string): DecisionReply {
  const key = `${namespace}/${name}`;
  const pod = sim.store.tryGet<Pod>('pods', namespace, name);
  if (!pod) return { note: `pod ${key} does not exist (any more).` };
  const d = sim.scheduler.decisionFor(key);
  if (!d || d.podUid !== pod.metadata.uid) return { note: noDecision(pod) };
  const fw = sim.scheduler.framework(d.profile);
  const filters = fw ? fw.profile.points.filter.filter((n) => { const p = fw.plugins.get(n); return p !== undefined && implementsPoint(p, 'filter'); }) : [];
  const nodes = sim.store.list<Node>('nodes').items.map((n) => ({ name: n.metadata.name ?? '', createdAt: createdAt(n) }));
  return {
    decision: decisionView(d.toJSON(), {
      filters,
      podNode: pod.spec.nodeName ?? '',
      nominatedNodeName: pod.status?.nominatedNodeName ?? '',
      requests: podRequests(pod),
      nodes,
    }),
    note: '',
  };
}

function createdAt(n: Node): number {
  const t = parseTimestamp(n.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}

function noDecision(pod: Pod): string {
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  if (pod.spec.nodeName) {
    return `Pod ${key} runs on ${pod.spec.nodeName}, but no scheduling decision for it is kept: it was bound by spec.nodeName (a static or DaemonSet-style pod), or decided more than 1000 attempts ago.`;
  }
  if (pod.spec.schedulerName && pod.spec.schedulerName !== 'default-scheduler') {
    return `Pod ${key} asks for scheduler "${pod.spec.schedulerName}", which no profile serves, so it stays Pending.`;
  }
  const gates = (pod.spec as { schedulingGates?: readonly unknown[] }).schedulingGates;
  if (gates && gates.length > 0) return `Pod ${key} has scheduling gates; the scheduler does not try it until they are removed.`;
  return `Pod ${key} has not been through a scheduling cycle yet.`;
}
