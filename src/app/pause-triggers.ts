/**
 * "Pause when…" triggers for presenter mode: watches the API store of the live Simulation and
 * reports the first armed trigger that fired, with the simulated time it fired at, so LiveCluster
 * can stop the clock at that moment (it advances in chunks of at most {@link TRIGGER_CHUNK_MS}
 * while any trigger is armed). Runs in the worker; pure of timers and DOM, unit-tested in Node.
 *
 * - `eviction`: a pod gets a DisruptionTarget=True condition (taint manager, Eviction API,
 *   kubelet node-pressure eviction, preemption) or an Event with an eviction reason is recorded.
 * - `nodeNotReady`: a node's Ready condition goes from True to False or Unknown (the node
 *   lifecycle controller marks a silent node Unknown after its grace period).
 * - `rolloutComplete`: a Deployment goes from not complete to complete, by the deployment
 *   controller's own DeploymentComplete rule (every replica updated and available, latest spec observed).
 */
import type { Deployment, KEvent, Node, Pod } from '../engine/api/types.ts';
import type { Watch } from '../engine/api/store.ts';
import { deploymentComplete } from '../engine/components/controllers/deployment/conditions.ts';
import type { Simulation } from '../engine/simulation.ts';
import { PAUSE_TRIGGERS, type PauseReason, type PauseTrigger } from './protocol.ts';

/** While a trigger is armed, the clock advances at most this much simulated time between checks. */
export const TRIGGER_CHUNK_MS = 1000;

/** Event reasons that mean a pod was evicted (as the timeline's eviction markers). */
const EVICTION_REASONS = new Set(['Evicted', 'TaintManagerEviction', 'Preempted']);

/** Whether `value` names a trigger (the worker ignores unknown names sent to it). */
export function isPauseTrigger(value: unknown): value is PauseTrigger {
  return typeof value === 'string' && (PAUSE_TRIGGERS as readonly string[]).includes(value);
}

/** The store and clock the triggers follow (a Simulation has both). */
type Watched = Pick<Simulation, 'store' | 'now'>;

export class PauseTriggers {
  private armedNow: PauseTrigger[] = [];
  private sim: Watched | undefined;
  private watches: Watch[] = [];
  /** True while the watches deliver the store's current objects (a baseline, never a trigger). */
  private syncing = false;
  private fired: PauseReason | undefined;
  private readonly nodeReady = new Map<string, boolean>();
  private readonly complete = new Map<string, boolean>();
  /** Pods already reported (or disrupted before the watch began), so one eviction fires once. */
  private readonly evicted = new Set<string>();

  /** The armed triggers, in the order of {@link PAUSE_TRIGGERS}. */
  get armed(): readonly PauseTrigger[] {
    return this.armedNow;
  }

  get anyArmed(): boolean {
    return this.armedNow.length > 0;
  }

  /** Arms exactly `triggers` (unknown names are dropped); the watches restart on the next attach. */
  arm(triggers: readonly unknown[]): void {
    this.armedNow = PAUSE_TRIGGERS.filter((t) => triggers.includes(t));
    const sim = this.sim;
    this.detach();
    if (sim && this.anyArmed) this.attach(sim);
  }

  /**
   * Follows `sim` (a no-op when it already does): the Simulation object changes on seek, fork and
   * `sim cluster`, and the triggers must watch the one that runs. What `sim` holds now is the
   * baseline; only changes after this call fire.
   */
  attach(sim: Watched): void {
    if (sim === this.sim && (this.watches.length > 0 || !this.anyArmed)) return;
    this.detach();
    this.sim = sim;
    if (!this.anyArmed) return;
    this.syncing = true;
    try {
      if (this.armedNow.includes('nodeNotReady')) this.watches.push(sim.store.watch('nodes', (e) => this.onNode(e.type, e.object as Node)));
      if (this.armedNow.includes('rolloutComplete')) this.watches.push(sim.store.watch('deployments', (e) => this.onDeployment(e.type, e.object as Deployment)));
      if (this.armedNow.includes('eviction')) {
        this.watches.push(sim.store.watch('pods', (e) => this.onPod(e.type, e.object as Pod)));
        this.watches.push(sim.store.watch('events', (e) => this.onEvent(e.type, e.object as KEvent)));
      }
    } finally {
      this.syncing = false;
    }
  }

  /** Stops watching (the armed set is kept). */
  detach(): void {
    for (const w of this.watches) w.stop();
    this.watches = [];
    this.sim = undefined;
    this.fired = undefined;
    this.nodeReady.clear();
    this.complete.clear();
    this.evicted.clear();
  }

  /** The first trigger that fired since the last call (then forgotten), if any. */
  take(): PauseReason | undefined {
    const r = this.fired;
    this.fired = undefined;
    return r;
  }

  /** Whether a trigger fired and was not taken yet. */
  get pending(): boolean {
    return this.fired !== undefined;
  }

  private fire(trigger: PauseTrigger, subject: string, message: string): void {
    if (this.syncing || this.fired !== undefined || this.sim === undefined) return;
    this.fired = { trigger, subject, message, at: this.sim.now };
  }

  private onNode(type: string, node: Node): void {
    const name = node.metadata.name ?? '';
    if (type === 'DELETED') {
      this.nodeReady.delete(name);
      return;
    }
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    const isReady = ready?.status === 'True';
    const was = this.nodeReady.get(name);
    this.nodeReady.set(name, isReady);
    if (was === true && !isReady) this.fire('nodeNotReady', `node/${name}`, `${name} went NotReady`);
  }

  private onDeployment(type: string, d: Deployment): void {
    const key = `${d.metadata.namespace ?? ''}/${d.metadata.name ?? ''}`;
    if (type === 'DELETED') {
      this.complete.delete(key);
      return;
    }
    const done = deploymentComplete(d, d.status ?? {});
    const was = this.complete.get(key);
    this.complete.set(key, done);
    if (done && was === false) this.fire('rolloutComplete', `deployment/${d.metadata.name ?? ''}`, `deployment "${d.metadata.name ?? ''}" successfully rolled out`);
  }

  private onPod(type: string, pod: Pod): void {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if (type === 'DELETED') return;
    const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
    if (disruption) this.evict(key, `pod/${pod.metadata.name ?? ''}`, `${pod.metadata.name ?? ''} was evicted (${disruption.reason ?? 'DisruptionTarget'})`);
  }

  private onEvent(type: string, ev: KEvent): void {
    if (type === 'DELETED' || !EVICTION_REASONS.has(ev.reason ?? '')) return;
    const obj = ev.involvedObject;
    if (obj.kind !== 'Pod') return;
    this.evict(`${obj.namespace ?? ''}/${obj.name ?? ''}`, `pod/${obj.name ?? ''}`, `${obj.name ?? ''} was evicted (${ev.reason ?? ''})`);
  }

  private evict(key: string, subject: string, message: string): void {
    if (this.evicted.has(key)) return;
    this.evicted.add(key);
    this.fire('eviction', subject, message);
  }
}
