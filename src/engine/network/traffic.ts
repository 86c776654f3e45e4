/**
 * Simulated load (`sim traffic`): clients send requests at a steady rate through one node's
 * kube-proxy rules (route.ts), one connection per request, for a while of simulated time. Each
 * second the requests are routed with seeded random bits (the kernel's statistic match), answered
 * by the endpoint's process model, turned into CPU on the serving container (so metrics-server
 * and the HPA see the load), and timed with a queueing model of that container's CPU.
 */
import type { Node, Service } from '../api/types.ts';
import { Prng } from '../kernel/prng.ts';
import { cpuLimitMilli } from '../components/kubelet/usage.ts';
import type { InstanceRecord } from '../components/kubelet/state.ts';
import { answer, applyLoad, cpuMilliPerRequest, type Answer } from './backends.ts';
import type { Network } from './network.ts';
import { route, type Packet, type WalkEnv } from './route.ts';
import { anyPolicies, connectionAllowed } from './network-policy.ts';

/** One second per routing round: load and metrics change on that grain. */
export const TRAFFIC_STEP_MS = 1000;
/** Round trip inside the cluster network, before the server's own time. */
const NETWORK_RTT_MS = 0.4;
/** Extra round trip when the endpoint is on another node than the one the request entered. */
const CROSS_NODE_MS = 0.25;
/** A server at or over its CPU quota keeps requests this many service times in its queue. */
const OVERLOAD_FACTOR = 100;

/** A Service (and optionally one of its ports, by name or number) to send requests to. */
export interface TrafficTarget {
  namespace: string;
  service: string;
  port?: string;
  rps: number;
}

export interface TrafficOptions {
  targets: TrafficTarget[];
  durationMs: number;
  /** The node whose kube-proxy the requests go through. */
  node: string;
  /** Send to NODE_IP:nodePort (an outside client) instead of the cluster IP. */
  nodePort?: boolean;
  /** Send to the Service's load-balancer ingress IP (an outside client behind the cloud LB). */
  loadBalancer?: boolean;
  /** Distinct client addresses (what ClientIP affinity keys on). */
  clients?: number;
  path?: string;
}

/** What the simulation offers the traffic run: its clock. */
export interface TrafficClock {
  readonly now: number;
  advance(ms: number): void;
}

export interface PodTally {
  namespace: string;
  name: string;
  node: string;
  requests: number;
  http5xx: number;
  refused: number;
}

export interface TargetReport {
  target: TrafficTarget;
  /** `10.96.0.20:80` or `172.18.0.3:30080`, what the clients connected to. */
  address: string;
  sent: number;
  ok: number;
  /** Connection refused: REJECT (no endpoints) or nothing listening on the endpoint. */
  refused: number;
  timedOut: number;
  http5xx: number;
  pods: PodTally[];
  latencyMs?: { p50: number; p90: number; p99: number };
  /** Why nothing was sent (no such Service, no port). */
  error?: string;
}

/** How an endpoint answers this round: its reply, and the times a request spends on the way and in the server. */
interface Reply {
  a: Answer;
  rttMs: number;
  serviceMs: number;
  tally?: PodTally;
}

interface TargetState {
  report: TargetReport;
  pkt?: Packet;
  tallies: Map<string, PodTally>;
  latencies: number[];
}

const clientIps: string[] = [];
/** The address of simulated client `i` (192.168.1.10, 192.168.1.11, ...). */
function clientIp(i: number): string {
  return (clientIps[i] ??= `192.168.${1 + Math.floor(i / 200)}.${10 + (i % 200)}`);
}

function nodeAddress(net: Network, node: string): string {
  const n = net.store.tryGet<Node>('nodes', '', node);
  return n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

function prepare(net: Network, t: TrafficTarget, opts: TrafficOptions): TargetState {
  const report: TargetReport = { target: t, address: '', sent: 0, ok: 0, refused: 0, timedOut: 0, http5xx: 0, pods: [] };
  const state: TargetState = { report, tallies: new Map(), latencies: [] };
  const svc = net.store.tryGet<Service>('services', t.namespace, t.service);
  if (!svc) {
    report.error = `services "${t.service}" not found`;
    return state;
  }
  const ports = svc.spec.ports ?? [];
  const port = t.port === undefined ? ports[0] : ports.find((p) => p.name === t.port || String(p.port) === t.port);
  if (!port) {
    report.error = t.port === undefined ? `service ${t.service} has no ports` : `service ${t.service} has no port ${t.port}`;
    return state;
  }
  const nodePort = Number((port as { nodePort?: number }).nodePort ?? 0);
  if (opts.nodePort && nodePort === 0) {
    report.error = `service ${t.service} has no nodePort (type ${svc.spec.type ?? 'ClusterIP'})`;
    return state;
  }
  const lbIP = svc.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
  if (opts.loadBalancer && !lbIP) {
    report.error = `service ${t.service} has no load-balancer ingress IP (EXTERNAL-IP <pending>; see sim cloud)`;
    return state;
  }
  const clusterIP = svc.spec.clusterIP ?? '';
  if (!opts.nodePort && !opts.loadBalancer && (clusterIP === '' || clusterIP === 'None')) {
    report.error = `service ${t.service} is headless (clusterIP None): clients connect to pod IPs from DNS, kube-proxy does not balance it`;
    return state;
  }
  const dst = opts.loadBalancer ? lbIP! : opts.nodePort ? nodeAddress(net, opts.node) : clusterIP;
  const dport = opts.nodePort ? nodePort : Number(port.port);
  report.address = `${dst}:${dport}`;
  state.pkt = { src: '', dst, dport, proto: String(port.protocol ?? 'TCP').toLowerCase(), localDst: opts.nodePort === true, localSrc: false };
  return state;
}

/** Requests of a target due in round `round` (whole requests; the fractions carry over). */
function dueInRound(rps: number, round: number, stepMs: number): number {
  return Math.floor((rps * (round + 1) * stepMs) / 1000) - Math.floor((rps * round * stepMs) / 1000);
}

/** Runs the traffic for `opts.durationMs` of simulated time and reports what happened. */
export function runTraffic(net: Network, clock: TrafficClock, opts: TrafficOptions): TargetReport[] {
  const prng = new Prng(net.kernel.prng.nextUint32());
  const states = opts.targets.map((t) => prepare(net, t, opts));
  const clients = Math.max(1, opts.clients ?? 16);
  const rounds = Math.ceil(opts.durationMs / TRAFFIC_STEP_MS);
  for (let round = 0; round < rounds; round++) {
    const stepMs = Math.min(TRAFFIC_STEP_MS, opts.durationMs - round * TRAFFIC_STEP_MS);
    const load = new Map<InstanceRecord, number>();
    for (const s of states) if (s.pkt) sendRound(net, s, opts, clients, prng, clock.now, round, stepMs, load);
    // The load outlasts the round by 1 ms so a metrics read at the next round's instant still
    // sees it; the last round's ends with the traffic.
    const untilMs = clock.now + stepMs + (round < rounds - 1 ? 1 : 0);
    for (const [i, rps] of load) applyLoad(i, rps, untilMs, clock.now);
    clock.advance(stepMs);
  }
  return states.map(finish);
}

/** One round of one target: route, answer and time every request. */
function sendRound(net: Network, s: TargetState, opts: TrafficOptions, clients: number, prng: Prng, nowMs: number, round: number, stepMs: number, load: Map<InstanceRecord, number>): void {
  const n = dueInRound(s.report.target.rps, round, stepMs);
  const tables = net.tables(opts.node);
  const env: WalkEnv = { nowMs, recent: net.recent(opts.node), random31: () => prng.nextUint32() & 0x7fffffff };
  const pkt = s.pkt!;
  // With NetworkPolicies in the cluster the verdict depends on the client too (ipBlock peers).
  const perClient = anyPolicies(net.store);
  const destIndex = new Map<string, number>();
  const counts: number[] = [];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pkt.src = clientIp(prng.nextInt(clients));
    const r = route(tables, pkt, env);
    const key = r.kind !== 'dnat' ? r.kind : perClient ? `${r.to}|${pkt.src}` : r.to;
    let d = destIndex.get(key);
    if (d === undefined) {
      d = counts.length;
      destIndex.set(key, d);
      counts.push(0);
    }
    counts[d]++;
    order[i] = d;
  }
  s.report.sent += n;
  const replies: Reply[] = [];
  for (const [key, d] of destIndex) replies[d] = answerFor(net, opts, key, counts[d], stepMs, load);
  for (const r of replies) r.tally = tally(s, r.a);
  for (let i = 0; i < n; i++) record(s, replies[order[i]], prng);
}

function answerFor(net: Network, opts: TrafficOptions, key: string, count: number, stepMs: number, load: Map<InstanceRecord, number>): Reply {
  if (key === 'reject') return { a: { kind: 'refused' }, rttMs: 0, serviceMs: 0 };
  if (key === 'drop' || key === 'none') return { a: { kind: 'timeout' }, rttMs: 0, serviceMs: 0 };
  const [to, client] = key.split('|');
  const cut = to.lastIndexOf(':');
  const ip = to.slice(0, cut);
  const port = Number(to.slice(cut + 1));
  const target = net.pods.pod(ip);
  if (client !== undefined && target && !connectionAllowed(net.store, { ip: client }, { ip, pod: target }, port, 'tcp')) {
    return { a: { kind: 'timeout', pod: target }, rttMs: 0, serviceMs: 0 };
  }
  const a = answer(net.pods, net.kubelet, ip, port, opts.path ?? '/');
  if (a.kind !== 'http') return { a, rttMs: 0, serviceMs: 0 };
  const rps = (count * 1000) / stepMs;
  load.set(a.instance, (load.get(a.instance) ?? 0) + rps);
  const cost = cpuMilliPerRequest(a.instance);
  const capacity = Math.min(cpuLimitMilli(a.instance.cgroup.cpuMax), 1000);
  const serviceMs = (cost * 1000) / capacity;
  const utilisation = (rps * cost) / capacity;
  const queueing = utilisation >= 1 ? OVERLOAD_FACTOR : Math.min(OVERLOAD_FACTOR, 1 / (1 - utilisation));
  const hop = a.pod.spec.nodeName === opts.node ? 0 : CROSS_NODE_MS;
  return { a, rttMs: NETWORK_RTT_MS + hop, serviceMs: serviceMs * queueing };
}

function tally(s: TargetState, a: Answer): PodTally | undefined {
  const pod = a.pod;
  if (!pod) return undefined;
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  let t = s.tallies.get(key);
  if (!t) {
    t = { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', node: pod.spec.nodeName ?? '', requests: 0, http5xx: 0, refused: 0 };
    s.tallies.set(key, t);
  }
  return t;
}

function record(s: TargetState, x: Reply, prng: Prng): void {
  const t = x.tally;
  if (t) t.requests++;
  const r = s.report;
  if (x.a.kind === 'refused') {
    r.refused++;
    if (t) t.refused++;
    return;
  }
  if (x.a.kind === 'timeout') {
    r.timedOut++;
    return;
  }
  if (x.a.status >= 500) {
    r.http5xx++;
    if (t) t.http5xx++;
  } else r.ok++;
  // Exponential service time around the mean (one uniform draw per request).
  const u = (prng.nextUint32() + 1) / 0x1_0000_0001;
  s.latencies.push(x.rttMs + x.serviceMs * -Math.log(u));
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

function finish(s: TargetState): TargetReport {
  const r = s.report;
  r.pods = [...s.tallies.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (s.latencies.length > 0) {
    const sorted = Float64Array.from(s.latencies).sort();
    r.latencyMs = { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99) };
  }
  return r;
}
