/**
 * `kubectl get pods` columns, following printers.go `printPod`: READY counts ready app containers
 * (plus started, ready sidecar init containers) over app containers plus sidecars; STATUS starts
 * from the phase or `status.reason` and is refined by init and app container states.
 */
import type { KObject } from '../../engine/api/types.ts';
import { translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

type Rec = Record<string, unknown>;

interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart: string | undefined;
}

/** Keeps the later of two RFC 3339 timestamps (Go's `Time.Before` on the zero time). */
function later(current: string | undefined, candidate: unknown): string | undefined {
  const t = asString(candidate);
  if (t === '') return current;
  if (current === undefined || Date.parse(current) < Date.parse(t)) return t;
  return current;
}

function lastTerminatedAt(status: Rec): unknown {
  return asRecord(asRecord(asRecord(status.lastState).terminated)).finishedAt;
}

function terminatedReason(term: Rec, prefix: string): string {
  const reason = asString(term.reason);
  if (reason !== '') return prefix + reason;
  const signal = asNumber(term.signal);
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${asNumber(term.exitCode)}`;
}

function isRestartableInit(container: Rec | undefined): boolean {
  return container !== undefined && container.restartPolicy === 'Always';
}

function hasCondition(status: Rec, type: string): boolean {
  const cond = asArray(status.conditions).map(asRecord).find((c) => c.type === type);
  return cond !== undefined && cond.status === 'True';
}

/** Walks init container statuses; returns whether the pod is still initializing. */
function tallyInit(spec: Rec, status: Rec, t: Tally, sidecar: Tally): boolean {
  const inits = asArray(spec.initContainers).map(asRecord);
  const byName = new Map(inits.map((c) => [asString(c.name), c]));
  const statuses = asArray(status.initContainerStatuses).map(asRecord);
  for (let i = 0; i < statuses.length; i++) {
    const cs = statuses[i];
    const restartable = isRestartableInit(byName.get(asString(cs.name)));
    t.restarts += asNumber(cs.restartCount);
    t.lastRestart = later(t.lastRestart, lastTerminatedAt(cs));
    if (restartable) {
      sidecar.restarts += asNumber(cs.restartCount);
      sidecar.lastRestart = later(sidecar.lastRestart, lastTerminatedAt(cs));
    }
    const state = asRecord(cs.state);
    const term = state.terminated === undefined ? undefined : asRecord(state.terminated);
    const waiting = state.waiting === undefined ? undefined : asRecord(state.waiting);
    if (term !== undefined && asNumber(term.exitCode) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) t.ready++;
      continue;
    }
    if (term !== undefined) t.reason = terminatedReason(term, 'Init:');
    else if (waiting !== undefined && asString(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      t.reason = `Init:${asString(waiting.reason)}`;
    } else t.reason = `Init:${i}/${inits.length}`;
    return true;
  }
  return false;
}

/** Walks app container statuses last to first, as printPod does. */
function tallyApp(status: Rec, t: Tally): void {
  const statuses = asArray(status.containerStatuses).map(asRecord);
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const cs = statuses[i];
    t.restarts += asNumber(cs.restartCount);
    t.lastRestart = later(t.lastRestart, lastTerminatedAt(cs));
    const state = asRecord(cs.state);
    const waiting = asRecord(state.waiting);
    if (state.waiting !== undefined && asString(waiting.reason) !== '') t.reason = asString(waiting.reason);
    else if (state.terminated !== undefined) t.reason = terminatedReason(asRecord(state.terminated), '');
    else if (cs.ready === true && state.running !== undefined) {
      hasRunning = true;
      t.ready++;
    }
  }
  if (t.reason === 'Completed' && hasRunning) {
    t.reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }
}

function initialReason(status: Rec): string {
  let reason = asString(status.reason) || asString(status.phase);
  for (const c of asArray(status.conditions).map(asRecord)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

function podStatus(pod: KObject): Tally {
  const spec = asRecord(pod.spec);
  const status = asRecord(pod.status);
  const t: Tally = { reason: initialReason(status), ready: 0, restarts: 0, lastRestart: undefined };
  const sidecar: Tally = { reason: '', ready: 0, restarts: 0, lastRestart: undefined };
  const initializing = tallyInit(spec, status, t, sidecar);
  if (!initializing || hasCondition(status, 'Initialized')) {
    t.restarts = sidecar.restarts;
    t.lastRestart = sidecar.lastRestart;
    tallyApp(status, t);
  }
  const phase = asString(status.phase);
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') t.reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') t.reason = 'Terminating';
  return t;
}

function readinessGates(spec: Rec, status: Rec): string {
  const gates = asArray(spec.readinessGates).map(asRecord);
  if (gates.length === 0) return '<none>';
  const conditions = asArray(status.conditions).map(asRecord);
  const met = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True');
  return `${met.length}/${gates.length}`;
}

function podIP(status: Rec): string {
  const ips = asArray(status.podIPs).map(asRecord);
  const ip = ips.length > 0 ? asString(ips[0].ip) : asString(status.podIP);
  return ip || '<none>';
}

/** Pod table printer (printers.go `podColumnDefinitions` / `printPod`). */
export const podPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    { name: 'Age' },
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  row(pod, ctx) {
    const spec = asRecord(pod.spec);
    const status = asRecord(pod.status);
    const t = podStatus(pod);
    const total = asArray(spec.containers).length + asArray(spec.initContainers).map(asRecord).filter(isRestartableInit).length;
    let restarts = String(t.restarts);
    if (t.restarts !== 0 && t.lastRestart !== undefined) {
      restarts = `${t.restarts} (${translateTimestampSince(t.lastRestart, ctx.nowMs)} ago)`;
    }
    return [
      asString(pod.metadata.name),
      `${t.ready}/${total}`,
      t.reason,
      restarts,
      translateTimestampSince(pod.metadata.creationTimestamp, ctx.nowMs),
      podIP(status),
      asString(spec.nodeName) || '<none>',
      asString(status.nominatedNodeName) || '<none>',
      readinessGates(spec, status),
    ];
  },
};
