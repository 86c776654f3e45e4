/**
 * The simulated cloud's load-balancer controller (cloud-provider's service controller, as
 * cloud-controller-manager runs it). Off by default, as on kind or minikube without MetalLB: a
 * LoadBalancer Service keeps EXTERNAL-IP `<pending>`. With `sim cloud on` it takes each
 * LoadBalancer Service: adds the `service.kubernetes.io/load-balancer-cleanup` finalizer, records
 * `EnsuringLoadBalancer`, and after the provisioning delay writes `status.loadBalancer.ingress`
 * with the lowest free address of the pool (172.18.255.200 upward, the range kind + MetalLB
 * setups use) and records `EnsuredLoadBalancer`. A Service that stops being a LoadBalancer, or is
 * deleted, gets `DeletingLoadBalancer` / `DeletedLoadBalancer` and loses the finalizer.
 *
 * Cleanup also runs with the cloud off, so a Service is never stuck on the finalizer.
 */
import { isStatusError } from '../../api/errors.ts';
import type { Service } from '../../api/types.ts';
import type { Component, ComponentContext } from '../component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from '../workqueue.ts';
import { keyOf, splitKey } from './util.ts';

/** Event source (cloud-provider's service controller). */
export const SERVICE_LB_COMPONENT = 'service-controller';
/** servicehelper.LoadBalancerCleanupFinalizer */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** How long the simulated cloud takes to provision a load balancer. */
export const LB_PROVISION_DELAY_MS = 3000;
/** The address pool: 172.18.255.200 – 172.18.255.250. */
export const LB_POOL_FIRST = '172.18.255.200';
const POOL_BASE = '172.18.255.';
const POOL_FIRST_HOST = 200;
const POOL_LAST_HOST = 250;

/** What the controller keeps across a snapshot. */
export interface ServiceLbState {
  queue: WorkQueueState;
  enabled: boolean;
  /** Service key → simulated ms at which its load balancer is ready. */
  provisioning: [string, number][];
}

const hasFinalizer = (svc: Service): boolean => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);
/** wantsLoadBalancer: type LoadBalancer without a loadBalancerClass (those belong to other controllers). */
const wantsLoadBalancer = (svc: Service): boolean => svc.spec.type === 'LoadBalancer' && svc.spec.loadBalancerClass === undefined;
const ingressIPs = (svc: Service): string[] => (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');

export class ServiceLoadBalancerController implements Component {
  readonly name = 'service-lb-controller';
  private readonly queue: WorkQueue;
  private enabled = false;
  private provisioning = new Map<string, number>();

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (key) => this.sync(key));
  }

  /** Whether the simulated cloud provisions load balancers (`sim cloud on|off`). */
  get cloudEnabled(): boolean {
    return this.enabled;
  }

  /** Turns the simulated cloud on or off; turning it on takes up every existing Service. */
  setCloudEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    if (!on) this.provisioning.clear();
    for (const svc of this.ctx.store.list<Service>('services').items) this.queue.add(keyOf(svc));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('services', (e) => e.type !== 'DELETED' && this.queue.add(keyOf(e.object)), from);
  }

  save(): ServiceLbState {
    return { queue: this.queue.save(), enabled: this.enabled, provisioning: [...this.provisioning] };
  }

  load(state: unknown): void {
    const s = state as ServiceLbState;
    this.queue.load(s.queue);
    this.enabled = s.enabled;
    this.provisioning = new Map(s.provisioning);
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.tryGet<Service>('services', namespace, name);
    if (!svc) {
      this.provisioning.delete(key);
      return 'done';
    }
    // needsCleanup: being deleted, or no longer a LoadBalancer, with our finalizer on.
    if ((svc.metadata.deletionTimestamp || !wantsLoadBalancer(svc)) && hasFinalizer(svc)) return this.cleanup(key, svc);
    if (!this.enabled || svc.metadata.deletionTimestamp || !wantsLoadBalancer(svc)) return 'done';
    if (ingressIPs(svc).length > 0) return 'done';
    return this.ensure(key, svc);
  }

  /** EnsuringLoadBalancer now, the address once the cloud is done. */
  private ensure(key: string, svc: Service): ReconcileResult {
    const now = this.ctx.kernel.now;
    let readyAt = this.provisioning.get(key);
    if (readyAt === undefined) {
      if (!hasFinalizer(svc)) {
        this.ctx.store.update({ ...svc, metadata: { ...svc.metadata, finalizers: [...(svc.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER] } });
      }
      this.record(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      readyAt = now + LB_PROVISION_DELAY_MS;
      this.provisioning.set(key, readyAt);
    }
    if (now < readyAt) return readyAt - now;
    const ip = this.freeAddress();
    if (ip === undefined) {
      this.provisioning.delete(key);
      this.record(svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool');
      return 'done';
    }
    const current = this.ctx.store.get<Service>('services', svc.metadata.namespace ?? '', svc.metadata.name ?? '');
    // The API server defaults ipMode to VIP for an IP ingress (LoadBalancerIPMode, beta and on in v1.31).
    const ingress = [{ ip, ipMode: 'VIP' }] as Service['status']['loadBalancer'] extends { ingress?: infer I } ? I : never;
    this.ctx.store.update({ ...current, status: { ...current.status, loadBalancer: { ingress } } }, { subresource: 'status' });
    this.provisioning.delete(key);
    this.record(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    return 'done';
  }

  private cleanup(key: string, svc: Service): ReconcileResult {
    this.provisioning.delete(key);
    this.record(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    try {
      if (ingressIPs(svc).length > 0) {
        this.ctx.store.update({ ...svc, status: { ...svc.status, loadBalancer: {} } }, { subresource: 'status' });
      }
      const fresh = this.ctx.store.get<Service>('services', svc.metadata.namespace ?? '', svc.metadata.name ?? '');
      const finalizers = (fresh.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
      this.ctx.store.update({ ...fresh, metadata: { ...fresh.metadata, finalizers } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    this.record(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    return 'done';
  }

  /** The lowest pool address no Service holds. */
  private freeAddress(): string | undefined {
    const taken = new Set(this.ctx.store.list<Service>('services').items.flatMap(ingressIPs));
    for (let host = POOL_FIRST_HOST; host <= POOL_LAST_HOST; host++) {
      const ip = `${POOL_BASE}${host}`;
      if (!taken.has(ip)) return ip;
    }
    return undefined;
  }

  private record(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ involved: svc, type, reason, message, component: SERVICE_LB_COMPONENT });
  }
}
