/**
 * The far end of a connection: which pod holds a pod IP, whether its node is up, and what the
 * process listening on the port answers (the kubelet's process models, process.ts). Requests
 * served turn into CPU on the serving container through its RequestLoad.
 */
import type { Pod } from '../api/types.ts';
import type { ApiStore } from '../api/store.ts';
import type { Kubelet } from '../components/kubelet/kubelet.ts';
import { LOAD_SPANS_KEPT, procHttp, procListens } from '../components/kubelet/process.ts';
import type { InstanceRecord } from '../components/kubelet/state.ts';

/** CPU one request costs when the image's model does not say (a small static response). */
export const DEFAULT_CPU_MILLI_PER_REQUEST = 0.5;

/** The status of a connection to a server that does not speak HTTP (it accepted, then answered in its own protocol). */
export const NOT_HTTP = 0;

/** What a connection to `ip:port` meets. */
export type Answer =
  | { kind: 'http'; status: number; pod: Pod; instance: InstanceRecord }
  | { kind: 'refused'; pod?: Pod }
  | { kind: 'timeout'; pod?: Pod };

/** Pods by IP, for the current store revision. */
export class PodIndex {
  private stale = true;
  private byIp = new Map<string, Pod>();

  constructor(private readonly store: ApiStore) {}

  /** A pod changed: rebuild on the next lookup. */
  invalidate(): void {
    this.stale = true;
  }

  pod(ip: string): Pod | undefined {
    if (this.stale) this.rebuild();
    return this.byIp.get(ip);
  }

  private rebuild(): void {
    this.stale = false;
    this.byIp.clear();
    for (const p of this.store.list<Pod>('pods').items) {
      const ip = p.status?.podIP;
      if (ip && !p.spec.hostNetwork) this.byIp.set(ip, p);
    }
  }
}

/** The running container of `pod` that listens on `port`, if any. */
export function listener(k: Kubelet, pod: Pod, port: number): InstanceRecord | undefined {
  const rec = k.node.pods[`${pod.metadata.namespace}/${pod.metadata.name}`];
  if (!rec?.sandbox) return undefined;
  for (const c of rec.containers) {
    const i = c.current;
    if (i && i.finishedAt === undefined && procListens(i.proc, port, k.now)) return i;
  }
  return undefined;
}

/** An HTTP GET to `ip:port` at `nowMs`. */
export function answer(pods: PodIndex, kubelet: (node: string) => Kubelet | undefined, ip: string, port: number, path: string): Answer {
  const pod = pods.pod(ip);
  if (!pod) return { kind: 'timeout' };
  const k = pod.spec.nodeName ? kubelet(pod.spec.nodeName) : undefined;
  if (!k || !k.node.up) return { kind: 'timeout', pod };
  const i = listener(k, pod, port);
  if (!i) return { kind: 'refused', pod };
  // A listener without an HTTP model (redis, postgres) accepts the connection: status 0.
  const status = procHttp(i.proc, port, path, k.now);
  return { kind: 'http', status: status === 'refused' ? NOT_HTTP : status, pod, instance: i };
}

/** CPU milliseconds one request costs this instance's process. */
export function cpuMilliPerRequest(i: InstanceRecord): number {
  return i.proc.kind === 'app' ? (i.proc.app.cpuMilliPerRequest ?? DEFAULT_CPU_MILLI_PER_REQUEST) : DEFAULT_CPU_MILLI_PER_REQUEST;
}

/**
 * One request from a container (`wget`, `curl` in a pod): the requests counted in the current
 * simulated second keep the process that many times its per-request cost busier, until the end
 * of the next second — so a client's loop (the HPA tutorial's `while sleep 0.01; do wget ...`)
 * loads the server as `sim traffic` at the same rate would.
 */
export function noteServedRequest(i: InstanceRecord, nowMs: number): void {
  if (i.proc.kind !== 'app') return;
  const second = Math.floor(nowMs / 1000);
  const served = i.proc.served?.second === second ? i.proc.served : { second, count: 0 };
  served.count++;
  i.proc.served = served;
  applyLoad(i, served.count, (second + 2) * 1000, nowMs);
}

/**
 * Requests at `rps` keep the process `rps × cost` millicores busier from `nowMs` until `untilMs`;
 * the span is remembered (the last LOAD_SPANS_KEPT, a continuing equal load extends the last one).
 */
export function applyLoad(i: InstanceRecord, rps: number, untilMs: number, nowMs: number): void {
  const p = i.proc;
  if (p.kind !== 'app') return;
  const cpuMilli = rps * cpuMilliPerRequest(i);
  p.load = { cpuMilli, untilMs };
  const spans = (p.loads ??= []);
  const last = spans[spans.length - 1];
  if (last !== undefined && last.cpuMilli === cpuMilli && last.untilMs >= nowMs) last.untilMs = untilMs;
  else {
    spans.push({ from: nowMs, untilMs, cpuMilli });
    if (spans.length > LOAD_SPANS_KEPT) spans.shift();
  }
}
