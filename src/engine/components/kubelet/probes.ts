/**
 * The prober (pkg/kubelet/prober): per container, a worker ticks every periodSeconds from the
 * container's start; ticks before initialDelaySeconds are skipped. Liveness and startup failures
 * past failureThreshold kill the container; readiness sets `ready`. A startup probe holds the
 * other two back until it succeeds.
 */
import type { Container, Pod } from '../../api/types.ts';
import { withProbeDefaults, type ProbeTimings } from '../../node/probes.ts';
import type { Kubelet } from './kubelet.ts';
import { fieldPath } from './containers.ts';
import { execInInstance } from './instance.ts';
import { procHttp, procListens, procProbeChangeAt } from './process.ts';
import { PROBE_RESULTS_KEPT, type ContainerRecord, type InstanceRecord, type PodRecord, type ProbeRecord } from './state.ts';

type Kind = 'liveness' | 'readiness' | 'startup';

interface ProbeSpec extends ProbeTimings {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; scheme?: string; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number };
}

const LABEL: Record<Kind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

function probeSpec(spec: Container, kind: Kind): ProbeSpec | undefined {
  const raw = spec[`${kind}Probe`] as object | undefined;
  return raw ? withProbeDefaults(raw as ProbeSpec) : undefined;
}

/** Fresh probe workers for a container that just started. */
export function resetProbes(c: ContainerRecord, spec: Container, startedAt: number): void {
  for (const kind of ['liveness', 'readiness', 'startup'] as Kind[]) {
    const p = probeSpec(spec, kind);
    c[kind] = p ? { nextAt: firstProbeAt(p, startedAt), successes: 0, failures: 0 } : undefined;
  }
}

function firstProbeAt(p: ProbeSpec, startedAt: number): number {
  const periodMs = p.periodSeconds * 1000;
  const ticks = Math.ceil((p.initialDelaySeconds * 1000) / periodMs);
  return startedAt + ticks * periodMs;
}

/** Runs every probe due now; returns when the next one is due. `kill` stops the container. */
export function runProbes(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, kill: (why: 'liveness' | 'startup') => void): number {
  const spec = pod.spec.containers.find((s) => s.name === c.name) ?? pod.spec.initContainers?.find((s) => s.name === c.name);
  if (!spec) return Infinity;
  let wake = Infinity;
  // The startup probe first; the moment it succeeds the other two start probing.
  for (const kind of ['startup', 'liveness', 'readiness'] as Kind[]) {
    if ((kind === 'startup') === c.started) continue;
    const state = c[kind];
    const p = probeSpec(spec, kind);
    if (!state || !p) continue;
    // Their workers ticked all along, skipping while startup had not succeeded: the next tick after now runs.
    if (kind !== 'startup' && c.startup && state.successes + state.failures === 0) state.nextAt = nextTickAfter(state.nextAt, p.periodSeconds, k.now - 1);
    while (state.nextAt <= k.now && i.finishedAt === undefined && !i.stopping) {
      const result = probeOnce(k, pod, rec, c, i, spec, p);
      state.nextAt += p.periodSeconds * 1000;
      record(k, pod, c, kind, p, state, result, kill);
    }
    skipSteadyProbes(k, spec, p, state, i);
    wake = Math.min(wake, state.nextAt);
  }
  if (!c.started && c.startup === undefined) c.started = true;
  if (!c.readiness && c.started && !c.init) c.ready = i.finishedAt === undefined;
  return wake;
}

/**
 * A network probe that keeps succeeding against an application model gives the same answer
 * until the model says otherwise (the liveness demo server turns to 500 at 10 s): its ticks
 * change nothing, so the worker jumps to the first tick at or after that change. Results, events
 * and timings are exactly those of ticking every period; an idle cluster just costs nothing.
 */
function skipSteadyProbes(k: Kubelet, spec: Container, p: ProbeSpec, state: ProbeRecord, i: InstanceRecord): void {
  if (p.exec || state.failures > 0 || state.lastOk !== true || i.finishedAt !== undefined || i.stopping) return;
  const port = p.httpGet ? resolvePort(spec, p.httpGet.port) : p.tcpSocket ? resolvePort(spec, p.tcpSocket.port) : p.grpc?.port;
  if (port === undefined) return;
  const changeAt = procProbeChangeAt(i.proc, port, k.now);
  const periodMs = p.periodSeconds * 1000;
  if (changeAt <= state.nextAt) return;
  const ticks = Number.isFinite(changeAt) ? Math.ceil((changeAt - state.nextAt) / periodMs) : Infinity;
  state.nextAt = Number.isFinite(ticks) ? state.nextAt + ticks * periodMs : FOREVER;
}

/** The first tick on a probe's period grid (through `gridAt`) strictly after `after`. */
function nextTickAfter(gridAt: number, periodSeconds: number, after: number): number {
  const periodMs = periodSeconds * 1000;
  if (gridAt > after) return gridAt;
  return gridAt + (Math.floor((after - gridAt) / periodMs) + 1) * periodMs;
}

/** A probe time that never comes (JSON-safe, unlike Infinity). */
const FOREVER = Number.MAX_SAFE_INTEGER;

function record(k: Kubelet, pod: Pod, c: ContainerRecord, kind: Kind, p: ProbeSpec, state: ProbeRecord, result: string | true, kill: (why: 'liveness' | 'startup') => void): void {
  const results = (state.results ??= []);
  results.push(result === true ? { at: k.now, ok: true } : { at: k.now, ok: false, message: result });
  if (results.length > PROBE_RESULTS_KEPT) results.shift();
  if (result === true) {
    state.successes++;
    state.failures = 0;
    if (state.successes >= p.successThreshold) state.lastOk = true;
  } else {
    state.failures++;
    state.successes = 0;
    k.event(pod, 'Warning', 'Unhealthy', `${LABEL[kind]} probe failed: ${result}`, fieldPath(c));
    if (state.failures >= p.failureThreshold) state.lastOk = false;
  }
  if (kind === 'readiness') c.ready = state.lastOk === true;
  if (kind === 'startup' && state.lastOk) {
    c.started = true;
    c.ready = c.readiness === undefined && !c.init;
  }
  if ((kind === 'liveness' || kind === 'startup') && state.lastOk === false) {
    k.event(pod, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, fieldPath(c));
    kill(kind);
  }
}

/** One probe: true on success, otherwise the failure output as the kubelet words it. */
function probeOnce(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, spec: Container, p: ProbeSpec): string | true {
  const ip = rec.sandbox?.ip ?? '';
  if (p.exec) {
    const command = p.exec.command ?? [];
    const r = execInInstance(k, pod, rec, c, i, command, undefined, p.timeoutSeconds * 1000);
    if (r.timedOut) return `command "${command.join(' ')}" timed out`;
    return r.exitCode === 0 ? true : (r.stdout + r.stderr).replace(/\n$/, '');
  }
  if (p.httpGet) {
    const port = resolvePort(spec, p.httpGet.port);
    const path = p.httpGet.path ?? '/';
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const code = procHttp(i.proc, port, path, k.now);
    const url = `${scheme}://${p.httpGet.host ?? ip}:${port}${path}`;
    if (code === 'refused') return `Get "${url}": dial tcp ${p.httpGet.host ?? ip}:${port}: connect: connection refused`;
    return code >= 200 && code < 400 ? true : `HTTP probe failed with statuscode: ${code}`;
  }
  if (p.tcpSocket || p.grpc) {
    const port = p.tcpSocket ? resolvePort(spec, p.tcpSocket.port) : p.grpc!.port;
    return procListens(i.proc, port, k.now) ? true : `dial tcp ${ip}:${port}: connect: connection refused`;
  }
  return true;
}

function resolvePort(spec: Container, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = spec.ports?.find((p) => p.name === port);
  return named ? named.containerPort : Number(port);
}
