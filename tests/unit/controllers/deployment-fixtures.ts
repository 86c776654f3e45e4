/** Fixture builders for the Deployment controller's unit tests. */
import type { Deployment, ReplicaSet } from '../../../src/engine/api/types.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

export interface DeploymentOpts {
  replicas?: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  recreate?: boolean;
  statusReplicas?: number;
}

/** A Deployment `web` with app=web and the given strategy. */
export function newDeployment(o: DeploymentOpts = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1 },
    spec: {
      replicas: o.replicas ?? 10,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      strategy: o.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
    },
    status: { replicas: o.statusReplicas },
  };
}

export interface RsOpts {
  replicas: number;
  available?: number;
  /** Seconds after the epoch it was created (older first). */
  createdS?: number;
  maxReplicasAnnotation?: number;
}

/** A ReplicaSet `name` with spec.replicas, status.availableReplicas and a creation time. */
export function newRS(name: string, o: RsOpts): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (o.maxReplicasAnnotation !== undefined) annotations['deployment.kubernetes.io/max-replicas'] = String(o.maxReplicasAnnotation);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `${name}-uid`, creationTimestamp: formatTimestamp((o.createdS ?? 0) * 1000), annotations },
    spec: { replicas: o.replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } },
    status: { replicas: o.replicas, availableReplicas: o.available ?? o.replicas, readyReplicas: o.available ?? o.replicas },
  };
}
