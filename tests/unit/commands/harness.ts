/**
 * A command-layer test bed: a real Session and a real API store (kernel, admission, store), with
 * fake kubelets. The simulation handed to the session has only what the node-facing commands use
 * (store, kernel, clock, `nodeAgent`, `failNode`, `recoverNode`), so no real kubelet, scheduler or
 * controller touches the pods a test sets up: each test states exactly what the kubelet answers.
 */
import { ApiStore } from '../../../src/engine/api/store.ts';
import type { Container, Pod, PodStatus } from '../../../src/engine/api/types.ts';
import { buildNode } from '../../../src/engine/cluster/nodes.ts';
import { Kernel } from '../../../src/engine/kernel/kernel.ts';
import type { AgentError, ExecResult, LogLine, NodeAgentApi, PodUsage } from '../../../src/engine/node/types.ts';
import type { Simulation } from '../../../src/engine/simulation.ts';
import { Session } from '../../../src/commands/session.ts';

export interface ExecCall {
  namespace: string;
  pod: string;
  container: string;
  argv: string[];
  stdin?: string;
}

/** A kubelet whose answers the test sets. */
export class FakeAgent implements NodeAgentApi {
  up = true;
  execCalls: ExecCall[] = [];
  logCalls: { namespace: string; pod: string; container: string; previous: boolean }[] = [];
  killCalls: { namespace: string; pod: string; container: string; signal: string }[] = [];
  nodeExecCalls: string[][] = [];
  execAnswer: (call: ExecCall) => ExecResult | AgentError = () => ({ stdout: '', stderr: '', exitCode: 0 });
  /** Keyed `ns/pod/container` (current) or `ns/pod/container/previous`; missing means no lines. */
  logStore = new Map<string, LogLine[] | AgentError>();
  pods: PodUsage[] = [];
  usage = { cpuMilli: 0, memoryBytes: 0 };
  nodeExecAnswer: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  killAnswer: true | AgentError = true;

  constructor(readonly nodeName: string) {}

  exec(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult | AgentError {
    const call = { namespace, pod, container, argv, stdin };
    this.execCalls.push(call);
    return this.execAnswer(call);
  }

  logs(namespace: string, pod: string, container: string, opts: { previous: boolean }): LogLine[] | AgentError {
    this.logCalls.push({ namespace, pod, container, previous: opts.previous });
    return this.logStore.get(`${namespace}/${pod}/${container}${opts.previous ? '/previous' : ''}`) ?? [];
  }

  podUsage(): PodUsage[] {
    return this.pods;
  }

  nodeUsage(): { cpuMilli: number; memoryBytes: number } {
    return this.usage;
  }

  nodeExec(argv: string[]): ExecResult {
    this.nodeExecCalls.push(argv);
    return this.nodeExecAnswer;
  }

  kill(namespace: string, pod: string, container: string, signal: 'KILL' | 'TERM'): true | AgentError {
    this.killCalls.push({ namespace, pod, container, signal });
    return this.killAnswer;
  }

  inspectPod(): AgentError {
    return { kind: 'pod-not-found' };
  }
}

/** The parts of Simulation the node-facing commands use, over a real kernel and store. */
export class FakeSim {
  readonly kernel = new Kernel(1);
  readonly store = new ApiStore(this.kernel);
  readonly agents = new Map<string, FakeAgent>();
  readonly failed: string[] = [];
  readonly recovered: string[] = [];
  private nodeIndex = 0;

  constructor() {
    for (const name of ['default', 'kube-system', 'shop']) this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  get now(): number {
    return this.kernel.now;
  }

  advance(ms: number): void {
    this.kernel.runUntil(this.kernel.now + ms);
  }

  settle(): void {
    this.kernel.runUntil(this.kernel.now);
  }

  nodeAgent(name: string): NodeAgentApi | undefined {
    return this.agents.get(name);
  }

  failNode(name: string): void {
    if (!this.store.tryGet('nodes', '', name)) throw new Error(`nodes "${name}" not found`);
    this.failed.push(name);
  }

  recoverNode(name: string): void {
    if (!this.store.tryGet('nodes', '', name)) throw new Error(`nodes "${name}" not found`);
    this.recovered.push(name);
  }

  /** A Node object (InternalIP 172.18.0.<index+2>) and, unless `agent: false`, its fake kubelet. */
  addNode(name: string, opts: { cpu?: string; memory?: string; agent?: boolean; labels?: Record<string, string> } = {}): FakeAgent {
    this.store.create(buildNode({ name, index: this.nodeIndex++, cpu: opts.cpu, memory: opts.memory, labels: opts.labels }, this.now));
    const agent = new FakeAgent(name);
    if (opts.agent !== false) this.agents.set(name, agent);
    return agent;
  }

  /** A pod as the kubelet would have reported it (status written through the status subresource). */
  addPod(name: string, opts: PodOptions = {}): Pod {
    const containers: Container[] = (opts.containers ?? ['app']).map((c) => ({ name: c, image: 'busybox:1.36' }));
    const initContainers: Container[] = (opts.initContainers ?? []).map((c) => ({ name: c, image: 'busybox:1.36' }));
    const created = this.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: opts.namespace ?? 'default',
        ...(opts.labels ? { labels: opts.labels } : {}),
        ...(opts.annotations ? { annotations: opts.annotations } : {}),
      },
      spec: { containers, ...(initContainers.length ? { initContainers } : {}), ...(opts.nodeName ? { nodeName: opts.nodeName } : {}) },
    });
    const status: PodStatus = { ...created.status, phase: opts.phase ?? (opts.nodeName ? 'Running' : 'Pending') };
    if (opts.ready) status.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }];
    return this.store.update<Pod>({ ...created, status }, { subresource: 'status' });
  }
}

export interface PodOptions {
  namespace?: string;
  containers?: string[];
  initContainers?: string[];
  nodeName?: string;
  phase?: PodStatus['phase'];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ready?: boolean;
}

/** A session over a fresh FakeSim. */
export function testBed(): { sim: FakeSim; session: Session; run: (line: string, stdin?: string) => ReturnType<Session['execLine']> } {
  const sim = new FakeSim();
  const session = new Session();
  session.replaceSimulation(sim as unknown as Simulation);
  return { sim, session, run: (line, stdin) => session.execLine(line, stdin) };
}

/** Log lines written at the given simulated times (stdout). */
export function lines(...entries: [number, string][]): LogLine[] {
  return entries.map(([at, text]) => ({ at, stream: 'stdout', text }));
}
