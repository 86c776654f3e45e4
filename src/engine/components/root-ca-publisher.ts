/**
 * The root CA publisher (kube-controller-manager's root-ca-cert-publisher): every active namespace
 * gets a ConfigMap `kube-root-ca.crt` with the cluster's CA bundle, recreated if deleted and
 * repaired if edited — which is why `kubectl get configmaps` is never empty on a real cluster.
 */
import { isStatusError } from '../api/errors.ts';
import type { ConfigMap, KObject, Namespace } from '../api/types.ts';
import { Prng } from '../kernel/prng.ts';
import { deepEqual } from '../kernel/objects.ts';
import type { Component, ComponentContext } from './component.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from './workqueue.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCaPublisher implements Component {
  readonly name = 'root-ca-cert-publisher';
  private readonly queue: WorkQueue;
  private readonly caBundle: string;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (ns) => this.reconcile(ns));
    this.caBundle = simulatedCaBundle(ctx.kernel.seed);
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch(
      'namespaces',
      (e) => {
        const ns = e.object as Namespace;
        if (e.type !== 'DELETED' && (e.type === 'ADDED' || ns.status?.phase === 'Active')) this.queue.add(ns.metadata.name ?? '');
      },
      from,
    );
    this.ctx.store.watch(
      'configmaps',
      (e) => {
        if (e.type !== 'ADDED') this.queue.add(e.object.metadata.namespace ?? '');
      },
      { ...from, fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` },
    );
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  private reconcile(namespace: string): ReconcileResult {
    const { store } = this.ctx;
    const cm = store.tryGet<ConfigMap>('configmaps', namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.caBundle };
    if (!cm) {
      try {
        store.create(this.configMap(namespace, data));
      } catch (e) {
        // The namespace is gone or terminating: nothing to publish (the real controller does not retry).
        if (isStatusError(e, 'NotFound') || isStatusError(e, 'Forbidden')) return 'done';
        throw e;
      }
      return 'done';
    }
    if (deepEqual(cm.data, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return 'done';
    store.update({ ...cm, data, metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } } });
    return 'done';
  }

  private configMap(namespace: string, data: Record<string, string>): KObject {
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data,
    };
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A PEM block shaped like a kubeadm cluster CA (it is not a real certificate: nothing in the
 * simulator verifies TLS). Derived from the seed with its own PRNG, so it is the same for every
 * namespace and does not disturb the simulation's random sequence.
 */
export function simulatedCaBundle(seed: number): string {
  const prng = new Prng((seed ^ 0x5ca1ab1e) >>> 0);
  const body = 'MIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl';
  let rest = '';
  for (let i = 0; i < 64 * 16 + 20; i++) rest += BASE64[prng.nextInt(64)];
  const text = body + rest;
  const lines = text.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}=\n-----END CERTIFICATE-----\n`;
}
