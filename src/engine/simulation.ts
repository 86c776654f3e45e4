/**
 * The simulation: kernel (time, timers, PRNG, trace) + API store + event recorder + components.
 * It is the one object the command layer, the runner and the app's worker hold. Everything it
 * does is deterministic: the same seed and the same calls give the same trace hash.
 */
import { EventRecorder, type EventRecorderState } from './api/events.ts';
import { ApiStore, type StoreState } from './api/store.ts';
import type { KObject, Node } from './api/types.ts';
import { buildNode, CONTROL_PLANE_TAINT, type NodeShape } from './cluster/nodes.ts';
import { systemPriorityClasses } from './cluster/priority-classes.ts';
import { standardStorageClass } from './cluster/storage-class.ts';
import { clusterNodeInfo, createWithOwners, kubeSystemObjects } from './cluster/kube-system.ts';
import { GENERATED_SUFFIX_LENGTH, randomString } from './api/names.ts';
import { KubeletFleet } from './components/kubelet/fleet.ts';
import type { NodeAgentApi } from './node/types.ts';
import type { Component, ComponentContext } from './components/component.ts';
import { NamespaceController } from './components/namespace-controller.ts';
import { RootCaPublisher } from './components/root-ca-publisher.ts';
import { ClusterRoleAggregationController } from './components/clusterrole-aggregation.ts';
import { ServiceAccountsController } from './components/serviceaccounts-controller.ts';
import { seededDefaultRbacObjects } from './cluster/rbac-defaults.ts';
import { DaemonSetController } from './components/controllers/daemonset.ts';
import { HorizontalPodAutoscalerController } from './components/controllers/hpa.ts';
import { kubeletMetricsSource } from './components/controllers/metrics-server.ts';
import { ClusterAutoscaler } from './components/controllers/cluster-autoscaler.ts';
import { ReplicaSetController } from './components/controllers/replicaset.ts';
import { GarbageCollector } from './components/controllers/garbage-collector.ts';
import { DeploymentController } from './components/controllers/deployment/controller.ts';
import { StatefulSetController } from './components/controllers/statefulset.ts';
import { NodeLifecycleController } from './components/controllers/node-lifecycle.ts';
import { TaintEvictionController } from './components/controllers/taint-eviction.ts';
import { PodGcController } from './components/controllers/pod-gc.ts';
import { DisruptionController } from './components/controllers/disruption.ts';
import { JobController } from './components/controllers/job.ts';
import { CronJobController } from './components/controllers/cronjob.ts';
import { TtlAfterFinishedController } from './components/controllers/ttl-after-finished.ts';
import { EndpointSliceController } from './components/controllers/endpointslice.ts';
import { ApiServerEndpointsReconciler, EndpointsController } from './components/controllers/endpoints.ts';
import { ServiceLoadBalancerController } from './components/controllers/service-lb.ts';
import { EndpointSliceMirroringController } from './components/controllers/endpointslice-mirroring.ts';
import { ResourceQuotaController } from './components/controllers/resourcequota.ts';
import { Scheduler } from './components/scheduler/scheduler.ts';
import { PersistentVolumeController } from './components/controllers/persistentvolume/controller.ts';
import { LocalPathProvisioner } from './components/controllers/persistentvolume/local-path.ts';
import { StorageProtectionController } from './components/controllers/persistentvolume/protection.ts';
import { Kernel, type KernelState } from './kernel/kernel.ts';
import { attachNetwork, Network } from './network/network.ts';
import { DockerWorld } from './docker/world.ts';
// Last: the engine's late parts (late.ts), once everything they build on has loaded.
import './late-register.ts';

export interface ClusterShape {
  /** Worker nodes (`node-1` … `node-N`); may be 0. Default 3. */
  nodes?: number;
  cpu?: string;
  memory?: string;
  pods?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_WORKERS = 3;
export const CONTROL_PLANE_NODE = 'control-plane';
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
/**
 * A new cluster has been up this long when the session starts at simulated time 0: kubeadm
 * brought the control plane and the add-ons up at −60 s, and by 0 the kubelets have everything
 * in kube-system running (AGE 60s), as on a cluster a student is handed.
 */
export const CLUSTER_UPTIME_MS = 60_000;

export interface SimulationSnapshot {
  format: 'podlab.snapshot/v1';
  kernel: KernelState;
  store: StoreState;
  components: Record<string, unknown>;
  nextNodeIndex: number;
  /** The event correlator's memory (absent in snapshots taken before it was kept). */
  events?: EventRecorderState;
}

export class Simulation {
  readonly kernel: Kernel;
  readonly store: ApiStore;
  private _events!: EventRecorder;
  private components: Component[] = [];
  private kubelets!: KubeletFleet;
  private _scheduler!: Scheduler;
  private _clusterAutoscaler!: ClusterAutoscaler;
  private _serviceLb!: ServiceLoadBalancerController;
  private _docker!: DockerWorld;
  private nextNodeIndex = 0;

  private constructor(seed: number) {
    this.kernel = new Kernel(seed);
    this.store = new ApiStore(this.kernel);
  }

  /** A fresh cluster: system namespaces, the `kubernetes` Service, a control-plane node and workers. */
  static create(seed = DEFAULT_SEED, shape: ClusterShape = {}): Simulation {
    const sim = new Simulation(seed);
    sim.kernel.now = -CLUSTER_UPTIME_MS;
    sim._events = new EventRecorder(sim.store, sim.kernel);
    sim.startComponents(false);
    sim.bootstrap(shape);
    sim.settle();
    sim.kernel.runUntil(0);
    return sim;
  }

  /** Rebuilds a simulation exactly as it was when `snapshot()` was taken. */
  static restore(snapshot: SimulationSnapshot): Simulation {
    if (snapshot?.format !== 'podlab.snapshot/v1') throw new Error('not a Podlab snapshot (format podlab.snapshot/v1)');
    const sim = new Simulation(snapshot.kernel.seed);
    sim.store.load(snapshot.store);
    sim.kernel.load(snapshot.kernel);
    sim.nextNodeIndex = snapshot.nextNodeIndex;
    sim._events = new EventRecorder(sim.store, sim.kernel);
    sim._events.load(snapshot.events);
    sim.createComponents();
    for (const c of sim.components) {
      if (c.load && snapshot.components[c.name] !== undefined) c.load(snapshot.components[c.name]);
    }
    for (const c of sim.components) c.start(true);
    return sim;
  }

  /** kube-scheduler: its decision trace, pending pods and configuration. */
  get scheduler(): Scheduler {
    return this._scheduler;
  }

  /** cluster-autoscaler and the node groups of the simulated cloud (`sim nodegroup`). */
  get clusterAutoscaler(): ClusterAutoscaler {
    return this._clusterAutoscaler;
  }

  /** The simulated cloud's load-balancer controller (`sim cloud on|off`). */
  get serviceLoadBalancer(): ServiceLoadBalancerController {
    return this._serviceLb;
  }

  /** The student's docker host and registry.local (`docker ...` commands). */
  get docker(): DockerWorld {
    return this._docker;
  }

  get events(): EventRecorder {
    return this._events;
  }

  get seed(): number {
    return this.kernel.seed;
  }

  /** Simulated milliseconds since 2025-01-01T00:00:00Z. */
  get now(): number {
    return this.kernel.now;
  }

  /**
   * Runs the work that is due at the current instant (controllers reacting to the last change),
   * without moving the clock. On a real cluster that work is done within milliseconds, before a
   * person types the next command; the session settles after every command for the same reason.
   */
  settle(): void {
    this.kernel.runUntil(this.kernel.now);
  }

  /** Runs the cluster forward by `ms` of simulated time. */
  advance(ms: number): void {
    this.kernel.runUntil(this.kernel.now + ms);
  }

  /**
   * Registers a node as its kubelet would; throws on a bad size or a taken name. The DaemonSet
   * controller then gives it its daemon pods (kube-proxy, …) when the session settles.
   */
  addNode(shape: Omit<NodeShape, 'index'>): Node {
    const node = buildNode({ ...shape, index: this.nextNodeIndex }, this.kernel.now);
    const created = this.store.create<Node>(node);
    this.nextNodeIndex++;
    return created;
  }

  /** The kubelet of a node (what `kubectl exec`, `logs` and `top` reach), if the node exists. */
  nodeAgent(name: string): NodeAgentApi | undefined {
    return this.kubelets.agent(name);
  }

  /** `sim node fail`: the machine stops (kubelet, containers, heartbeats). */
  failNode(name: string): void {
    this.requireNode(name);
    this.kubelets.fail(name);
  }

  /** `sim node recover`: the machine boots again and its kubelet resyncs its pods. */
  recoverNode(name: string): void {
    this.requireNode(name);
    this.kubelets.recover(name);
    this.settle();
  }

  private requireNode(name: string): void {
    if (!this.store.tryGet('nodes', '', name)) throw new Error(`node "${name}" not found`);
  }

  private nameSuffix(): string {
    return randomString(GENERATED_SUFFIX_LENGTH, this.kernel.prng);
  }

  traceHash(): string {
    return this.kernel.trace.hash();
  }

  snapshot(): SimulationSnapshot {
    const components: Record<string, unknown> = {};
    for (const c of this.components) if (c.save) components[c.name] = c.save();
    return {
      format: 'podlab.snapshot/v1',
      kernel: this.kernel.save(),
      store: this.store.save(),
      components,
      nextNodeIndex: this.nextNodeIndex,
      events: this._events.save(),
    };
  }

  private createComponents(): void {
    this._docker = new DockerWorld();
    const ctx: ComponentContext = { kernel: this.kernel, store: this.store, events: this._events, images: this._docker.images };
    this.kubelets = new KubeletFleet(ctx);
    // The data path (kube-proxy rules, DNS, traffic) reaches pods through the kubelets.
    const network = new Network(this.store, this.kernel, (n) => this.kubelets.kubelet(n));
    attachNetwork(network);
    this._scheduler = new Scheduler(ctx);
    this.components = [new NamespaceController(ctx), new RootCaPublisher(ctx), new ServiceAccountsController(ctx), new ClusterRoleAggregationController(ctx), new DeploymentController(ctx), new ReplicaSetController(ctx), new GarbageCollector(ctx), this._scheduler, this.kubelets, network];
    // The HPA reads pod usage the way metrics-server scrapes it: from the kubelets.
    const metrics = kubeletMetricsSource(this.store, (n) => this.kubelets.agent(n), () => this.kernel.now);
    this.components.push(new HorizontalPodAutoscalerController(ctx, metrics));
    // The cloud behind the node groups boots machines that register the way addNode does.
    this._clusterAutoscaler = new ClusterAutoscaler(ctx, { addNode: (shape) => this.addNode(shape) });
    this.components.push(this._clusterAutoscaler);
    this.components.push(new DaemonSetController(ctx), new StatefulSetController(ctx));
    this.components.push(new NodeLifecycleController(ctx), new TaintEvictionController(ctx), new PodGcController(ctx), new DisruptionController(ctx));
    this.components.push(new JobController(ctx), new CronJobController(ctx), new TtlAfterFinishedController(ctx));
    this._serviceLb = new ServiceLoadBalancerController(ctx);
    this.components.push(new EndpointSliceController(ctx), new EndpointsController(ctx), new ApiServerEndpointsReconciler(ctx), new EndpointSliceMirroringController(ctx), this._serviceLb);
    this.components.push(new ResourceQuotaController(ctx));
    this.components.push(new PersistentVolumeController(ctx), new LocalPathProvisioner(ctx), new StorageProtectionController(ctx));
    this.components.push(this._docker);
  }

  private startComponents(resume: boolean): void {
    this.createComponents();
    for (const c of this.components) c.start(resume);
  }

  private bootstrap(shape: ClusterShape): void {
    for (const name of SYSTEM_NAMESPACES) {
      this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    this.store.create(kubernetesService());
    // The API server creates the system PriorityClasses at startup (before any pod).
    for (const pc of systemPriorityClasses()) this.store.create(pc);
    // The API server's RBAC bootstrap policy and kubeadm's roles and bindings (UIDs from their own PRNG).
    for (const o of seededDefaultRbacObjects(this.kernel.seed)) this.store.create(o);
    // kind installs its local-path StorageClass `standard` as the cluster's default class.
    this.store.create(standardStorageClass(this.kernel.seed));
    this.addNode({ name: CONTROL_PLANE_NODE, controlPlane: true, taints: [CONTROL_PLANE_TAINT], cpu: shape.cpu, memory: shape.memory, pods: shape.pods });
    const workers = shape.nodes ?? DEFAULT_WORKERS;
    for (let i = 1; i <= workers; i++) {
      this.addNode({ name: `node-${i}`, cpu: shape.cpu, memory: shape.memory, pods: shape.pods });
    }
    const nodes = this.store.list<Node>('nodes').items.map(clusterNodeInfo);
    createWithOwners(this.store, kubeSystemObjects({ nodes, nowMs: this.kernel.now, nameSuffix: () => this.nameSuffix() }));
  }
}

/** The `default/kubernetes` Service the API server maintains (first IP of the service range). */
function kubernetesService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}
