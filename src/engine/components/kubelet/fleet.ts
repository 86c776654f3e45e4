/**
 * Every node's kubelet, as one component: one watch on pods and one on nodes dispatch to the
 * kubelet of the pod's node, and two timer types drive them (a pod's sync, a node's 10 s loop).
 * Its state is the nodes' records, plain data that snapshots with the simulation.
 */
import type { Node, Pod } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { Kubelet } from './kubelet.ts';
import { heartbeat, reportStatus } from './node-status.ts';
import { seedNodeImages } from './image-puller.ts';
import { NodeAgent } from './agent.ts';
import { noteApiObjectChanged } from './api-volumes.ts';
import type { NodeRecord } from './state.ts';
import { NODE_STATUS_REPORT_MS, NODE_STATUS_UPDATE_MS } from './timing.ts';

const POD_TIMER = 'kubelet.pod';
const NODE_TIMER = 'kubelet.node';
const INTAKE_TIMER = 'kubelet.intake';

interface PodTimerData {
  n: string;
  k: string;
}

export interface FleetState {
  nodes: Record<string, NodeRecord>;
}

export class KubeletFleet implements Component {
  readonly name = 'kubelet';
  private nodes: Record<string, NodeRecord> = {};
  private readonly kubelets = new Map<string, Kubelet>();

  constructor(private readonly ctx: ComponentContext) {
    ctx.kernel.on(POD_TIMER, (data, timer) => {
      const d = data as PodTimerData;
      this.kubelets.get(d.n)?.onTimer(d.k, timer.seq);
    });
    ctx.kernel.on(NODE_TIMER, (data) => this.onNodeTimer(data as string));
    ctx.kernel.on(INTAKE_TIMER, (data) => this.kubelets.get(data as string)?.intake());
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch(
      'nodes',
      (e) => {
        const name = e.object.metadata.name ?? '';
        if (e.type === 'DELETED') this.removeNode(name);
        else if (!this.nodes[name]) this.addNode(e.object as Node);
      },
      from,
    );
    this.ctx.store.watch(
      'pods',
      (e) => {
        const pod = e.object as Pod;
        const kubelet = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined;
        if (!kubelet) return;
        if (e.type === 'DELETED') kubelet.podDeleted(pod);
        else kubelet.podChanged(pod, e.type === 'ADDED');
      },
      from,
    );
    // The kubelet's ConfigMap and Secret managers (Watch strategy): mounted copies follow changes.
    for (const resource of ['configmaps', 'secrets'] as const) {
      this.ctx.store.watch(
        resource,
        (e) => {
          const { namespace, name } = e.object.metadata;
          for (const k of this.kubelets.values()) if (k.node.up) noteApiObjectChanged(k, resource, namespace ?? '', name ?? '');
        },
        from,
      );
    }
  }

  /** The kubelet of a node, if the node exists. */
  kubelet(name: string): Kubelet | undefined {
    return this.kubelets.get(name);
  }

  agent(name: string): NodeAgent | undefined {
    const k = this.kubelets.get(name);
    return k ? new NodeAgent(k) : undefined;
  }

  /** The machine stops: no kubelet, no containers running on, no heartbeats. */
  fail(name: string): void {
    const rec = this.nodes[name];
    if (!rec || !rec.up) return;
    rec.up = false;
    rec.failedAt = this.ctx.kernel.now;
  }

  /** The machine boots again: the kubelet re-registers and syncs its pods from scratch. */
  recover(name: string): void {
    const rec = this.nodes[name];
    const k = this.kubelets.get(name);
    if (!rec || !k || rec.up) return;
    rec.up = true;
    k.reboot();
    this.ctx.kernel.schedule(0, NODE_TIMER, name);
  }

  save(): FleetState {
    return JSON.parse(JSON.stringify({ nodes: this.nodes })) as FleetState;
  }

  load(state: unknown): void {
    this.nodes = JSON.parse(JSON.stringify((state as FleetState).nodes)) as Record<string, NodeRecord>;
    for (const rec of Object.values(this.nodes)) this.kubelets.set(rec.name, this.makeKubelet(rec));
  }

  private makeKubelet(rec: NodeRecord): Kubelet {
    return new Kubelet(this.ctx, rec, {
      wake: (n, k, at) => this.ctx.kernel.schedule(at - this.ctx.kernel.now, POD_TIMER, { n, k }).seq,
      intake: (n) => this.ctx.kernel.schedule(0, INTAKE_TIMER, n),
    });
  }

  private addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const rec: NodeRecord = {
      name,
      up: true,
      pods: {},
      images: {},
      layers: [],
      backoff: {},
      pullerFreeAt: 0,
      nextPodIp: 0,
      nextPid: 1200,
      nextNsId: 0,
      nextId: 0,
      lastReportAt: -NODE_STATUS_REPORT_MS,
      memoryPressure: false,
    };
    seedNodeImages(rec, node);
    this.nodes[name] = rec;
    const k = this.makeKubelet(rec);
    this.kubelets.set(name, k);
    this.ctx.kernel.schedule(0, NODE_TIMER, name);
    // Pods bound before the kubelet existed (static pods created with the cluster).
    for (const pod of this.ctx.store.list<Pod>('pods', { fieldSelector: `spec.nodeName=${name}` }).items) k.podChanged(pod);
  }

  private removeNode(name: string): void {
    delete this.nodes[name];
    this.kubelets.delete(name);
  }

  private onNodeTimer(name: string): void {
    const k = this.kubelets.get(name);
    if (!k || !k.node.up) return;
    heartbeat(k);
    this.ctx.kernel.schedule(NODE_STATUS_UPDATE_MS, NODE_TIMER, name);
  }

  /** Reports every node's status now (after a change the user should see at once). */
  reportAll(): void {
    for (const k of this.kubelets.values()) if (k.node.up) reportStatus(k, true);
  }
}
