/** Helpers for the Deployment scenarios: a manifest, and reading ReplicaSets and pods from the store. */
import type { Deployment, Pod, ReplicaSet } from '../../../src/engine/api/types.ts';
import { isPodActive, isPodReady } from '../../../src/engine/components/controllers/util.ts';
import type { Lab } from '../../support/manifests.ts';

export interface DeployOpts {
  replicas?: number;
  image?: string;
  strategy?: string;
  extraSpec?: string;
  /** A command for the container (e.g. `[sleep, "3600"]`: PID 1 ignores SIGTERM, so a pod takes its 30 s grace). */
  command?: string;
}

/** Deployment `web` running nginx (which stops at once on SIGTERM) unless told otherwise. */
export function deploymentYaml(o: DeployOpts = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${o.replicas ?? 3}
  selector:
    matchLabels: {app: web}${o.strategy ? `\n  strategy: ${o.strategy}` : ''}${o.extraSpec ? `\n  ${o.extraSpec}` : ''}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${o.image ?? 'nginx:1.25'}${o.command ? `\n        command: ${o.command}` : ''}
`;
}

export function deployment(lab: Lab): Deployment {
  return lab.session.sim.store.get<Deployment>('deployments', 'default', 'web');
}

/** The Deployment's ReplicaSets, oldest first. */
export function replicaSets(lab: Lab): ReplicaSet[] {
  return lab.session.sim.store
    .list<ReplicaSet>('replicasets', { namespace: 'default' })
    .items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.name === 'web'))
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
}

/** Pods whose controller is the named ReplicaSet (terminating ones included). */
export function podsOf(lab: Lab, rsName: string): Pod[] {
  return lab.session.sim.store.list<Pod>('pods', { namespace: 'default' }).items.filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.name === rsName));
}

/** Active (not terminating, not finished) pods of the Deployment, and how many of them are ready. */
export function activePods(lab: Lab): { active: number; ready: number } {
  const pods = lab.session.sim.store.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items.filter(isPodActive);
  return { active: pods.length, ready: pods.filter(isPodReady).length };
}

/** ScalingReplicaSet messages of the Deployment, in the order they were first recorded. */
export function scalingMessages(lab: Lab): string[] {
  return lab.session.sim.store
    .list<{ reason?: string; message?: string; involvedObject?: { name?: string }; metadata: { resourceVersion?: string } } & Deployment>('events', { namespace: 'default' })
    .items.filter((e) => e.reason === 'ScalingReplicaSet' && e.involvedObject?.name === 'web')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message ?? '');
}

/** A Progressing or Available condition of the Deployment. */
export function condition(lab: Lab, type: string): { status: string; reason?: string; message?: string } | undefined {
  return deployment(lab).status.conditions?.find((c) => c.type === type);
}
