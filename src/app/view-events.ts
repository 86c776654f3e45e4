/**
 * The events list and the pending-pods tray of the cluster view, derived in the worker from the
 * API store. Event cells come from kubectl's own event printer, so the list reads exactly as
 * `kubectl get events` prints it; a pending pod's reason is the kube-scheduler's FailedScheduling
 * message verbatim, with a plain-words reading of it beside. Pure: nothing is kept between calls.
 */
import { cpuMilli, memoryBytes } from '../engine/api/quantity.ts';
import type { ApiStore } from '../engine/api/store.ts';
import type { Container, KEvent, Pod } from '../engine/api/types.ts';
import { eventPrinter } from '../commands/printers/event-columns.ts';
import type { EventView, PendingPodView } from './protocol.ts';

/** The events list holds at most this many, the most recently seen. */
export const EVENTS_MAX = 200;
/** The pending tray lists at most this many pods (and counts the rest). */
export const PENDING_MAX = 100;

/** Where each cell sits in an event printer row (looked up by column name, not hard-coded). */
const EVENT_COLUMN = {
  lastSeen: eventColumn('Last Seen'),
  type: eventColumn('Type'),
  reason: eventColumn('Reason'),
  object: eventColumn('Object'),
  message: eventColumn('Message'),
  count: eventColumn('Count'),
};

function eventColumn(name: string): number {
  const i = eventPrinter.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`the event printer has no ${name} column`);
  return i;
}

/**
 * When an event was last seen (series, then lastTimestamp, then first seen), as its RFC 3339
 * text: every timestamp the API writes has the same shape, so the text sorts as the time does
 * and no parsing is needed on a list of thousands.
 */
function lastSeenText(ev: KEvent): string {
  const series = (ev as { series?: { lastObservedTime?: string } }).series;
  return series?.lastObservedTime || ev.lastTimestamp || ev.firstTimestamp || ev.eventTime || '';
}

/**
 * The `max` most recently seen events, newest first; events seen at the same instant keep the
 * store's order reversed (their names carry the creation nanoseconds, so later-made come first).
 */
export function recentEvents(events: readonly KEvent[], nowMs: number, max = EVENTS_MAX, sorted = true): EventView[] {
  return newestEvents(events, max, sorted).map((ev) => eventView(ev, nowMs));
}

/** The `max` most recently seen events, newest first (see recentEvents). */
function newestEvents(events: readonly KEvent[], max: number, sorted: boolean): KEvent[] {
  // The `max` newest in one pass, kept sorted (newest first): thousands of events, a few hundred
  // kept, so most are compared once with the oldest kept and dropped (no sort of the whole list).
  // `i` is the position in the store's order (namespace, then name), also when `events` is not in it.
  const top: { ev: KEvent; i: number; at: string }[] = [];
  const newer = (a: { ev: KEvent; i: number; at: string }, b: { ev: KEvent; i: number; at: string }) =>
    a.at > b.at || (a.at === b.at && (sorted ? a.i > b.i : storeOrder(a.ev, b.ev) > 0));
  for (let i = 0; i < events.length && max > 0; i++) {
    const item = { ev: events[i], i, at: lastSeenText(events[i]) };
    if (top.length === max && !newer(item, top[max - 1])) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newer(top[mid], item)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > max) top.pop();
  }
  return top.map(({ ev }) => ev);
}

/** The store's list order: namespace, then name. */
function storeOrder(a: KEvent, b: KEvent): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata.name ?? '';
  const b2 = b.metadata.name ?? '';
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

/**
 * The store's Events, kept current by a watch (delivered synchronously with each write), so a
 * view does not list and sort thousands of them on every tick. One per store, dropped with it.
 */
const eventIndexes = new WeakMap<ApiStore, EventIndex>();

interface EventIndex {
  map: Map<string, KEvent>;
  /** Counts the writes to Events seen, so what is derived from them can be kept until the next. */
  version: number;
  /** The list and the newest EVENTS_MAX of it, as of `version`. */
  derived?: { version: number; events: KEvent[]; newest: KEvent[] };
}

function eventIndex(store: ApiStore): EventIndex {
  let index = eventIndexes.get(store);
  if (index === undefined) {
    const made: EventIndex = { map: new Map(), version: 0 };
    store.watch('events', (e) => {
      const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`;
      if (e.type === 'DELETED') made.map.delete(key);
      else made.map.set(key, e.object as KEvent);
      made.version++;
    });
    eventIndexes.set(store, (index = made));
  }
  return index;
}

export function currentEvents(store: ApiStore): KEvent[] {
  return [...eventIndex(store).map.values()];
}

/**
 * The Events and the newest EVENTS_MAX of them, found again only after an Event was written:
 * at 3,000 pods there are tens of thousands, and a tick that writes none (most, once the
 * cluster settled) only recomputes the shown events' ages.
 */
function eventsNow(store: ApiStore): { events: KEvent[]; newest: KEvent[] } {
  const index = eventIndex(store);
  if (index.derived?.version !== index.version) {
    const events = [...index.map.values()];
    index.derived = { version: index.version, events, newest: newestEvents(events, EVENTS_MAX, false) };
  }
  return index.derived;
}

export function eventView(ev: KEvent, nowMs: number): EventView {
  const row = eventPrinter.row(ev, { nowMs });
  const involved = ev.involvedObject ?? {};
  return {
    id: `${ev.metadata.namespace ?? ''}/${ev.metadata.name ?? ''}`,
    namespace: ev.metadata.namespace ?? '',
    lastSeen: row[EVENT_COLUMN.lastSeen],
    type: row[EVENT_COLUMN.type],
    reason: row[EVENT_COLUMN.reason],
    object: row[EVENT_COLUMN.object],
    message: row[EVENT_COLUMN.message],
    count: Number(row[EVENT_COLUMN.count]),
    involved: { kind: involved.kind ?? '', namespace: involved.namespace ?? '', name: involved.name ?? '' },
  };
}

/** Pods waiting for a node: phase Pending, no nodeName, not being deleted. */
export function isWaiting(pod: Pod): boolean {
  return pod.status?.phase === 'Pending' && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp;
}

/**
 * The waiting pods (see {@link isWaiting}), in the order given, with the scheduler's latest word
 * on each: its newest FailedScheduling event, else the PodScheduled condition's message (a gated
 * pod has only that).
 */
export function pendingPods(waiting: readonly Pod[], events: readonly KEvent[]): PendingPodView[] {
  if (waiting.length === 0) return [];
  const latest = latestFailedScheduling(events);
  const plainOf = new Map<string, string>();
  return waiting.map((pod) => {
    const ev = latest.get(pod.metadata.uid ?? '') ?? latest.get(podKey(pod.metadata.namespace ?? '', pod.metadata.name ?? ''));
    const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    const message = ev?.message ?? condition?.message ?? '';
    // Pods of one workload share their message: say it in words once per call.
    const nominated = pod.status?.nominatedNodeName ?? '';
    const key = /Insufficient (cpu|memory)/.test(message) ? '' : `${nominated}|${message}`;
    let plain = key === '' ? undefined : plainOf.get(key);
    if (plain === undefined) {
      plain = message === '' ? 'Waiting for the scheduler to try it.' : plainSchedulingMessage(message, podRequests(pod), nominated);
      if (key !== '') plainOf.set(key, plain);
    }
    return {
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name ?? '',
      reason: condition?.reason ?? (ev ? 'Unschedulable' : ''),
      message,
      plain,
      attempts: ev?.count ?? 0,
      nominatedNode: nominated,
    };
  });
}

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** The newest FailedScheduling event per pod, keyed by the pod's uid and by namespace/name. */
function latestFailedScheduling(events: readonly KEvent[]): Map<string, KEvent> {
  const out = new Map<string, KEvent>();
  const keep = (key: string, ev: KEvent) => {
    const prev = out.get(key);
    if (!prev || lastSeenText(ev) >= lastSeenText(prev)) out.set(key, ev);
  };
  for (const ev of events) {
    if (ev.reason !== 'FailedScheduling' || ev.involvedObject?.kind !== 'Pod') continue;
    if (ev.involvedObject.uid) keep(ev.involvedObject.uid, ev);
    keep(podKey(ev.involvedObject.namespace ?? '', ev.involvedObject.name ?? ''), ev);
  }
  return out;
}

/** A pod's effective requests as the scheduler counts them: max(sum of containers, largest init). */
export interface PodRequests {
  cpuMilli: number;
  memoryBytes: number;
}

export function podRequests(pod: Pod): PodRequests {
  const total = (resource: string, parse: (q: string) => number) => {
    const of = (c: Container) => safeQuantity(c.resources?.requests?.[resource], parse);
    const sum = (pod.spec?.containers ?? []).reduce((n, c) => n + of(c), 0);
    return Math.max(sum, ...(pod.spec?.initContainers ?? []).map(of));
  };
  return { cpuMilli: total('cpu', cpuMilli), memoryBytes: total('memory', memoryBytes) };
}

function safeQuantity(q: string | undefined, parse: (q: string) => number): number {
  if (q === undefined) return 0;
  try {
    return parse(q);
  } catch {
    return 0;
  }
}

// ---- plain words ---------------------------------------------------------------------------

const COMBINED_PREFIX = '(combined from similar events): ';
const FIT_ERROR = /^0\/(\d+) nodes are available: (.*)$/s;

/**
 * The scheduler's message in plain words. A FitError (`0/4 nodes are available: 1 node(s) had
 * untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: ...`)
 * becomes one sentence naming what stops each group of nodes, largest group first, and one about
 * preemption; other messages (no nodes at all, an unbound claim, scheduling gates) get their own.
 * @example plainSchedulingMessage('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.', { cpuMilli: 2000, memoryBytes: 0 })
 * // 'None of the 4 nodes can run it: 3 lack the CPU for its 2 CPU request; 1 is the control plane, whose taint it does not tolerate.'
 */
export function plainSchedulingMessage(message: string, req: PodRequests, nominatedNode?: string): string {
  const text = message.startsWith(COMBINED_PREFIX) ? message.slice(COMBINED_PREFIX.length) : message;
  const fit = FIT_ERROR.exec(text);
  if (!fit) return otherMessage(text);
  const nodes = Number(fit[1]);
  const [filters, preemption] = splitPreemption(fit[2]);
  const sentences = [filterSentence(nodes, filters, req)];
  if (preemption !== undefined) sentences.push(preemptionSentence(preemption));
  if (nominatedNode) sentences.push(`Preemption picked ${nominatedNode}: it waits there while lower-priority pods are evicted.`);
  return sentences.join(' ');
}

/** `<filter reasons>.` and what follows `preemption: ` (without their final dots). */
function splitPreemption(rest: string): [string, string | undefined] {
  const at = rest.indexOf(' preemption: ');
  const strip = (s: string) => s.replace(/\.+$/, '');
  if (at < 0) return [strip(rest), undefined];
  return [strip(rest.slice(0, at)), strip(rest.slice(at + ' preemption: '.length))];
}

/** `3 Insufficient cpu, 1 node(s) ...` as [count, reason] pairs; a PreFilter message has no count. */
function counted(list: string): { count: number; reason: string }[] {
  return list
    .split(/, (?=\d+ )/)
    .map((part) => {
      const m = /^(\d+) (.*)$/s.exec(part);
      return m ? { count: Number(m[1]), reason: m[2] } : { count: 0, reason: part };
    })
    .filter((p) => p.reason !== '');
}

function filterSentence(nodes: number, list: string, req: PodRequests): string {
  const parts = counted(list);
  const all = nodes === 1 ? 'The only node cannot run it' : `None of the ${nodes} nodes can run it`;
  if (parts.length === 1 && parts[0].count === 0) return `${all}: ${otherMessage(parts[0].reason).replace(/\.$/, '')}.`;
  const clauses = [...parts].sort((a, b) => b.count - a.count).map((p) => reasonClause(p.count, p.reason, req));
  return `${all}: ${clauses.join('; ')}.`;
}

/** `n is`/`n are`, `n has`/`n have`... agreeing with the count. */
const verb = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** One clause about `n` nodes rejected for `reason` (a kube-scheduler Filter reason string). */
export function reasonClause(n: number, reason: string, req: PodRequests): string {
  if (reason.startsWith('Insufficient ')) {
    const resource = reason.slice('Insufficient '.length);
    if (resource === 'cpu' && req.cpuMilli > 0) return `${verb(n, 'lacks', 'lack')} the CPU for its ${cpuWords(req.cpuMilli)} request`;
    if (resource === 'memory' && req.memoryBytes > 0) return `${verb(n, 'lacks', 'lack')} the memory for its ${bytesWords(req.memoryBytes)} request`;
    return `${verb(n, 'lacks', 'lack')} enough ${resource} for its request`;
  }
  const taint = /^node\(s\) had untolerated taint \{(.*): (.*)\}$/s.exec(reason);
  if (taint) return taintClause(n, taint[1], taint[2]);
  const fixed = FIXED_CLAUSES[reason];
  if (fixed) return `${verb(n, fixed[0], fixed[1])}`;
  return `${n}: ${reason}`;
}

/** Filter reasons whose plain words need no numbers: [singular, plural] after the count. */
const FIXED_CLAUSES: Record<string, [string, string]> = {
  'Too many pods': ['already runs as many pods as it allows', 'already run as many pods as they allow'],
  'node(s) were unschedulable': ['is cordoned (unschedulable)', 'are cordoned (unschedulable)'],
  "node(s) didn't match Pod's node affinity/selector": [
    "lacks the labels its nodeSelector or node affinity asks for",
    "lack the labels its nodeSelector or node affinity asks for",
  ],
  "node(s) didn't match scheduler-enforced node affinity": ["is outside the scheduler profile's node affinity", "are outside the scheduler profile's node affinity"],
  "node(s) didn't match the requested node name": ['is not the node its spec.nodeName names', 'are not the node its spec.nodeName names'],
  "node(s) didn't have free ports for the requested pod ports": [
    'already has a pod on the host port it asks for',
    'already have a pod on the host port it asks for',
  ],
  "node(s) didn't match pod affinity rules": ['runs none of the pods its pod affinity wants nearby', 'run none of the pods its pod affinity wants nearby'],
  "node(s) didn't match pod anti-affinity rules": [
    'runs a pod its anti-affinity keeps it away from',
    'run pods its anti-affinity keeps it away from',
  ],
  "node(s) didn't satisfy existing pods anti-affinity rules": [
    "runs a pod whose anti-affinity keeps this pod away",
    "run pods whose anti-affinity keeps this pod away",
  ],
  "node(s) didn't match pod topology spread constraints": [
    'would unbalance its topology spread beyond maxSkew',
    'would unbalance its topology spread beyond maxSkew',
  ],
  "node(s) didn't match pod topology spread constraints (missing required label)": [
    'lacks the topology label its spread constraints use',
    'lack the topology label its spread constraints use',
  ],
  "node(s) didn't find available persistent volumes to bind": [
    'has no PersistentVolume its claims could bind',
    'have no PersistentVolume its claims could bind',
  ],
  'node(s) had volume node affinity conflict': ["cannot reach its volumes (volume node affinity)", "cannot reach its volumes (volume node affinity)"],
  'node(s) exceed max volume count': ['already has as many volumes attached as it allows', 'already have as many volumes attached as they allow'],
  'node(s) had no available disk': ['already uses the disk its volume needs', 'already use the disk its volume needs'],
  'node(s) had no available volume zone': ["is outside its volumes' zone", "are outside its volumes' zone"],
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)': [
    'cannot be used: a claim is bound to a missing PersistentVolume',
    'cannot be used: a claim is bound to a missing PersistentVolume',
  ],
};

/** Taints the node lifecycle sets, in words: a tainted node is not ready, unreachable, under pressure... */
const TAINT_WORDS: Record<string, [string, string]> = {
  'node-role.kubernetes.io/control-plane': ['is the control plane', 'are control-plane nodes'],
  'node.kubernetes.io/not-ready': ['is not ready', 'are not ready'],
  'node.kubernetes.io/unreachable': ['is unreachable', 'are unreachable'],
  'node.kubernetes.io/unschedulable': ['is cordoned', 'are cordoned'],
  'node.kubernetes.io/memory-pressure': ['is short of memory', 'are short of memory'],
  'node.kubernetes.io/disk-pressure': ['is short of disk', 'are short of disk'],
  'node.kubernetes.io/pid-pressure': ['is short of process IDs', 'are short of process IDs'],
  'node.kubernetes.io/network-unavailable': ['has no network', 'have no network'],
};

function taintClause(n: number, key: string, value: string): string {
  const words = TAINT_WORDS[key];
  const taint = value === '' ? key : `${key}=${value}`;
  if (words) return `${verb(n, words[0], words[1])}, whose taint (${taint}) it does not tolerate`;
  return `${verb(n, 'has', 'have')} the taint ${taint}, which it does not tolerate`;
}

function preemptionSentence(text: string): string {
  if (text.startsWith('not eligible due to preemptionPolicy=Never')) return 'It may not evict other pods to make room (preemptionPolicy: Never).';
  if (text.startsWith('not eligible due to a terminating pod')) return 'It waits for pods evicted for it to finish terminating.';
  const fit = FIT_ERROR.exec(text);
  if (!fit) return `Preemption: ${text}.`;
  const parts = counted(fit[2]);
  if (parts.every((p) => p.reason === 'Preemption is not helpful for scheduling' || p.reason === 'No preemption victims found for incoming pod')) {
    return 'Evicting lower-priority pods would not make room on any of them.';
  }
  return `Preemption found no node where evicting lower-priority pods would help (${fit[2]}).`;
}

/** Scheduler messages that are not FitErrors, and PreFilter rejections that name no node. */
function otherMessage(text: string): string {
  if (text === 'no nodes available to schedule pods') return 'There are no nodes in the cluster to run it.';
  if (text.startsWith('pod has unbound immediate PersistentVolumeClaims')) return 'It waits for its PersistentVolumeClaims to be bound.';
  const claim = /^persistentvolumeclaim "(.*)" not found$/.exec(text);
  if (claim) return `It uses the PersistentVolumeClaim ${claim[1]}, which does not exist.`;
  if (/scheduling gates/i.test(text)) return 'It has scheduling gates; the scheduler ignores it until they are removed.';
  return text.endsWith('.') ? text : `${text}.`;
}

/** `2 CPU`, `500m CPU`, `1.5 CPU`. */
export function cpuWords(milli: number): string {
  if (milli % 1000 !== 0 && milli < 1000) return `${milli}m CPU`;
  return `${Number((milli / 1000).toFixed(3))} CPU`;
}

/** `256Mi`, `4Gi`: the largest binary unit, one decimal when needed. */
export function bytesWords(bytes: number): string {
  for (const [unit, size] of [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes >= size) return `${Math.round((bytes * 10) / size) / 10}${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * The view's `events`, `pending` and `pendingTotal` fields (deriveView spreads them in). The tray
 * lists the first PENDING_MAX waiting pods: a cluster with thousands stuck says how many more.
 */
export function eventFields(
  store: ApiStore,
  pods: readonly Pod[],
  nowMs: number,
): { events: EventView[]; pending: PendingPodView[]; pendingTotal: number } {
  const { events, newest } = eventsNow(store);
  const waiting = pods.filter(isWaiting);
  return { events: newest.map((ev) => eventView(ev, nowMs)), pending: pendingPods(waiting.slice(0, PENDING_MAX), events), pendingTotal: waiting.length };
}
