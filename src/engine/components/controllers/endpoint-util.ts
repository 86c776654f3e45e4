/**
 * What the Endpoints and EndpointSlice controllers share (k8s.io/endpointslice/util and utils.go,
 * pkg/api/v1/pod FindPort): which pods a Service selects, which of them belong in its endpoints,
 * the port a Service port reaches on a pod, and the pod → services index the pod watch needs to
 * wake the Services a pod used to belong to as well as those it belongs to now.
 */
import type { ApiStore } from '../../api/store.ts';
import type { Pod, Service, ServicePort } from '../../api/types.ts';
import { formatTimestamp, parseTimestamp } from '../../kernel/time.ts';
import { keyOf } from './util.ts';

/** v1.ClusterIPNone */
export const CLUSTER_IP_NONE = 'None';

/** helper.IsServiceIPSet: a cluster IP other than None. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== CLUSTER_IP_NONE && ip !== '';
}

/**
 * The Service's selector as the controllers read it: undefined for none (a stored `{}` is nil
 * after the API server's protobuf round trip, so it counts as none too).
 */
export function serviceSelector(svc: Service): Readonly<Record<string, string>> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

/** labels.Set(selector).AsSelectorPreValidated().Matches(labels) */
export function selectsLabels(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

/** The pods of the Service's namespace its selector matches (store order: by name). */
export function podsForService(store: ApiStore, svc: Service): Pod[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  return store.list<Pod>('pods', { namespace: svc.metadata.namespace ?? '' }).items.filter((p) => selectsLabels(sel, p.metadata.labels));
}

/** Keys of the Services (with a selector) in the pod's namespace that select it (GetPodServiceMemberships). */
export function podServiceKeys(store: ApiStore, pod: Pod): string[] {
  const keys: string[] = [];
  for (const svc of store.list<Service>('services', { namespace: pod.metadata.namespace ?? '' }).items) {
    const sel = serviceSelector(svc);
    if (sel && selectsLabels(sel, pod.metadata.labels)) keys.push(keyOf(svc));
  }
  return keys;
}

/** The pod's IPv4 addresses (status.podIPs, else status.podIP). */
export function podIPv4s(pod: Pod): string[] {
  const status = pod.status as { podIP?: string; podIPs?: { ip: string }[] } | undefined;
  const ips = (status?.podIPs ?? []).map((p) => p.ip).filter((ip) => ip && !ip.includes(':'));
  if (ips.length === 0 && status?.podIP && !status.podIP.includes(':')) ips.push(status.podIP);
  return ips;
}

/**
 * ShouldPodBeInEndpoints: not terminal (Succeeded/Failed), has an IP, and — unless terminating
 * pods are wanted — not being deleted.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podIPv4s(pod).length === 0) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** ShouldSetHostname: the pod names a hostname and the Service as its subdomain. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  const spec = pod.spec as { hostname?: string; subdomain?: string };
  return (spec.hostname ?? '') !== '' && spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the containers'
 * ports (then restartable init containers') with the same name and protocol. undefined: none.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  const protocol = svcPort.protocol ?? 'TCP';
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always');
  for (const c of [...pod.spec.containers, ...sidecars]) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** bytes.Compare of two IP strings, then UIDs: how Endpoints sorts its addresses. */
export function compareIPThenUid(a: { ip: string; uid: string }, b: { ip: string; uid: string }): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/**
 * What of a pod its endpoints depend on besides its labels (podEndpointsChanged): hostname and
 * subdomain, deletion, readiness, IPs — and, here, a terminal phase.
 */
function endpointSignature(pod: Pod): string {
  const spec = pod.spec as { hostname?: string; subdomain?: string };
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const phase = pod.status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  return JSON.stringify([spec.hostname ?? '', spec.subdomain ?? '', pod.metadata.deletionTimestamp ?? '', ready, podIPv4s(pod), terminal]);
}

/** A pod with an IP, as last seen. */
interface SeenPod {
  labels: Readonly<Record<string, string>> | undefined;
  signature: string;
}

/**
 * Pod → what the endpoint controllers last saw of it. A pod change that touches neither its
 * labels nor its endpoint signature wakes nothing (GetServicesToUpdateOnPodChange); one that does
 * wakes every Service whose selector matches the old or the new labels. The index is rebuilt
 * from the store on start, so it needs no snapshot; it holds the store's frozen label maps.
 */
export class PodMemberships {
  private readonly seen = new Map<string, SeenPod>();

  /**
   * The keys of the Services to enqueue for this pod event; remembers the pod. A pod without an IP
   * is in no endpoints, so it is not remembered (most pod events of a cluster being filled are
   * pods that have none yet) and its event matters only if it had an IP before.
   */
  changed(store: ApiStore, pod: Pod, deleted: boolean): string[] {
    const key = keyOf(pod);
    const before = this.seen.get(key);
    const hasIP = podIPv4s(pod).length > 0;
    if (hasIP && !deleted) {
      const now: SeenPod = { labels: pod.metadata.labels, signature: endpointSignature(pod) };
      this.seen.set(key, now);
      if (before && before.signature === now.signature && (before.labels === now.labels || sameLabels(before.labels, now.labels))) return [];
    } else {
      if (before === undefined && !hasIP) return [];
      this.seen.delete(key);
    }
    const labels = pod.metadata.labels;
    const keys: string[] = [];
    for (const svc of store.list<Service>('services', { namespace: pod.metadata.namespace ?? '' }).items) {
      const sel = serviceSelector(svc);
      if (sel && (selectsLabels(sel, labels) || (before !== undefined && selectsLabels(sel, before.labels)))) keys.push(keyOf(svc));
    }
    return keys;
  }

  /** Rebuilds the index from the stored pods (after a restore). */
  rebuild(store: ApiStore): void {
    this.seen.clear();
    for (const pod of store.list<Pod>('pods').items) {
      if (podIPv4s(pod).length > 0) this.seen.set(keyOf(pod), { labels: pod.metadata.labels, signature: endpointSignature(pod) });
    }
  }
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

/** What the trigger-time tracker remembers of one Service (plain data, for snapshots). */
export interface TriggerState {
  /** Pod name → its Ready condition's lastTransitionTime, ms. */
  pods: Record<string, number>;
  /** The Service's creation time, ms. */
  service: number;
}

/**
 * TriggerTimeTracker (endpointslice/util): the `endpoints.kubernetes.io/last-change-trigger-time`
 * an endpoints write carries — the Service's creation time on the first sync, afterwards the
 * earliest Ready transition (or Service creation) that changed since the last sync, or none.
 */
export class TriggerTimeTracker {
  private states = new Map<string, TriggerState>();

  /** The trigger time for this sync in ms (undefined: none), remembering what was seen. */
  compute(svc: Service, pods: readonly Pod[]): number | undefined {
    const key = keyOf(svc);
    const prev = this.states.get(key);
    const next: TriggerState = { pods: {}, service: timeOf(svc.metadata.creationTimestamp) ?? 0 };
    let min: number | undefined;
    for (const pod of pods) {
      const t = timeOf(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
      if (t === undefined) continue;
      const name = pod.metadata.name ?? '';
      next.pods[name] = t;
      if (t > (prev?.pods[name] ?? Number.NEGATIVE_INFINITY)) min = min === undefined ? t : Math.min(min, t);
    }
    if (next.service > (prev?.service ?? Number.NEGATIVE_INFINITY)) min = min === undefined ? next.service : Math.min(min, next.service);
    this.states.set(key, next);
    return prev ? min : next.service;
  }

  /** The Service is gone. */
  delete(key: string): void {
    this.states.delete(key);
  }

  save(): [string, TriggerState][] {
    return [...this.states];
  }

  load(entries: [string, TriggerState][] | undefined): void {
    this.states = new Map(entries ?? []);
  }
}

/** Parsed timestamps: many pods share the same few seconds, so parse each string once. */
const parsedTimes = new Map<string, number>();
const MAX_PARSED_TIMES = 4096;
function timeOf(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  let ms = parsedTimes.get(ts);
  if (ms === undefined) {
    if (parsedTimes.size >= MAX_PARSED_TIMES) parsedTimes.clear();
    ms = parseTimestamp(ts);
    parsedTimes.set(ts, ms);
  }
  return ms;
}

/** core/v1 EndpointsLastChangeTriggerTime annotation. */
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Sets (or, without a time, removes) the trigger-time annotation in an annotation map. */
export function withTriggerTime(annotations: Readonly<Record<string, string>> | undefined, ms: number | undefined): Record<string, string> {
  const out = { ...(annotations ?? {}) };
  if (ms === undefined) delete out[TRIGGER_TIME_ANNOTATION];
  else out[TRIGGER_TIME_ANNOTATION] = formatTimestamp(ms);
  return out;
}
