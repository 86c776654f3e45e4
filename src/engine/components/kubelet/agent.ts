/**
 * The kubelet's server side for the command layer (what the API server proxies to port 10250):
 * exec, logs, the resource metrics endpoint, and — for `sim` — a shell on the node and killing a
 * container's process.
 */
import type { Pod } from '../../api/types.ts';
import type { AgentError, ExecResult, LogLine, NodeAgentApi, PodUsage } from '../../node/types.ts';
import { EXIT_CODE_SIGKILL } from '../../node/probes.ts';
import type { Kubelet } from './kubelet.ts';
import { isRunning } from './containers.ts';
import { execInInstance, instanceIo } from './instance.ts';
import { containerCpuGrants, nodeCpuUsageMilli, nodeMemoryUsageBytes } from './node-status.ts';
import type { PodInside } from './inspect.ts';
import { late } from '../../late.ts';
import { procDeliverTerm, procOnTerm } from './process.ts';
import { memoryUsageBytes } from './usage.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from './state.ts';

export class NodeAgent implements NodeAgentApi {
  constructor(private readonly k: Kubelet) {}

  get nodeName(): string {
    return this.k.node.name;
  }

  get up(): boolean {
    return this.k.node.up;
  }

  private find(namespace: string, pod: string, container: string): { rec: PodRecord; c: ContainerRecord; pod: Pod } | AgentError {
    if (!this.up) return { kind: 'node-down' };
    const rec = this.k.node.pods[`${namespace}/${pod}`];
    const obj = this.k.ctx.store.tryGet<Pod>('pods', namespace, pod);
    if (!rec || !obj) return { kind: 'pod-not-found' };
    const c = rec.containers.find((x) => x.name === container);
    if (!c) return { kind: 'container-not-found', container };
    return { rec, c, pod: obj };
  }

  exec(namespace: string, pod: string, container: string, argv: string[], stdin?: string): ExecResult | AgentError {
    const found = this.find(namespace, pod, container);
    if ('kind' in found) return found;
    if (!isRunning(found.c)) return { kind: 'container-not-running', container };
    const result = execInInstance(this.k, found.pod, found.rec, found.c, found.c.current!, argv, stdin);
    this.k.requestSync(found.rec, this.k.now); // the exec may have changed what probes see
    return result;
  }

  logs(namespace: string, pod: string, container: string, opts: { previous: boolean }): LogLine[] | AgentError {
    const found = this.find(namespace, pod, container);
    if ('kind' in found) return found;
    const { c, rec } = found;
    const last = c.waiting !== undefined && c.current?.finishedAt !== undefined ? c.current : c.previous;
    if (opts.previous) {
      if (!last) return { kind: 'no-previous', container, podName: rec.name };
      return last.logs;
    }
    const shown: InstanceRecord | undefined = c.waiting === undefined ? c.current : last;
    if (!shown) return { kind: 'waiting', container, podName: rec.name, reason: c.waiting?.reason ?? 'ContainerCreating' };
    return shown.logs;
  }

  podUsage(): PodUsage[] {
    if (!this.up) return [];
    const grants = containerCpuGrants(this.k);
    const out: PodUsage[] = [];
    for (const rec of Object.values(this.k.node.pods)) {
      const running = rec.containers.filter((c) => !c.init && isRunning(c));
      if (running.length === 0) continue;
      out.push({
        namespace: rec.namespace,
        name: rec.name,
        containers: running.map((c) => ({ name: c.name, cpuMilli: grants.get(c.current!) ?? 0, memoryBytes: memoryUsageBytes(c.current!, this.k.now) })),
      });
    }
    return out;
  }

  nodeUsage(): { cpuMilli: number; memoryBytes: number } {
    return { cpuMilli: nodeCpuUsageMilli(this.k), memoryBytes: nodeMemoryUsageBytes(this.k) };
  }

  nodeExec(argv: string[]): ExecResult {
    return late().nodeShellExec(this.k, argv);
  }

  inspectPod(namespace: string, pod: string): PodInside | AgentError {
    if (!this.up) return { kind: 'node-down' };
    const obj = this.k.ctx.store.tryGet<Pod>('pods', namespace, pod);
    const inside = obj ? late().inspectPod(this.k, obj, this.k.now) : undefined;
    return inside ?? { kind: 'pod-not-found' };
  }

  kill(namespace: string, pod: string, container: string, signal: 'KILL' | 'TERM'): true | AgentError {
    const found = this.find(namespace, pod, container);
    if ('kind' in found) return found;
    const { c, rec } = found;
    if (!isRunning(c)) return { kind: 'container-not-running', container };
    const i = c.current!;
    if (signal === 'KILL') this.k.runner.finish(c, i, EXIT_CODE_SIGKILL, 'Error', this.k.now);
    else {
      const term = procOnTerm(i.proc);
      let exitCode = typeof term === 'number' ? term : undefined;
      if (term === 'trap') exitCode = procDeliverTerm(i.proc, instanceIo(this.k, found.pod, rec, c, i), this.k.now).exitCode;
      if (exitCode !== undefined) this.k.runner.finish(c, i, exitCode, undefined, this.k.now);
    }
    this.k.requestSync(rec, this.k.now);
    return true;
  }
}
