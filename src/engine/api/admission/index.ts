/**
 * Admission (defaulting + validation) for every kind the simulated API server stores, keyed by
 * Kind. Each entry mirrors that kind's v1.31 API server behaviour: decode-time defaults, the
 * default-on admission plugins that touch it, its registry strategy, and its validation.
 *
 * `defaults` may throw a StatusError where the real server fails before validation: BadRequest
 * for bodies that cannot be decoded (bad quantities, bad base64), Invalid for Service IP/port
 * allocation failures, Forbidden for an unknown PriorityClass.
 */
import { configMapAdmission } from './configmap.ts';
import { daemonSetAdmission } from './daemonset.ts';
import { deploymentAdmission } from './deployment.ts';
import { eventAdmission } from './event.ts';
import { leaseAdmission } from './lease.ts';
import { namespaceAdmission } from './namespace.ts';
import { nodeAdmission } from './node.ts';
import { podAdmission } from './pod.ts';
import { storageClassAdmission } from './storageclass.ts';
import { priorityClassAdmission } from './priorityclass.ts';
import { replicaSetAdmission } from './replicaset.ts';
import { secretAdmission } from './secret.ts';
import { serviceAccountAdmission } from './serviceaccount.ts';
import { controllerRevisionAdmission } from './controllerrevision.ts';
import { serviceAdmission } from './service.ts';
import { endpointSliceAdmission, endpointsAdmission } from './endpointslice.ts';
import { clusterRoleAdmission, clusterRoleBindingAdmission, roleAdmission, roleBindingAdmission } from './rbac.ts';
import type { KindAdmission } from './types.ts';
import { late } from '../../late.ts';

/**
 * A kind the default cluster has no object of: its admission is one of the engine's late parts
 * (engine/late.ts, late-parts.ts), looked up when the store first reads it.
 */
function lateKind(kind: string): KindAdmission {
  const real = (): KindAdmission => late().lateAdmission(kind);
  return new Proxy({} as KindAdmission, {
    get: (_, p) => real()[p as keyof KindAdmission],
    has: (_, p) => p in real(),
  });
}

export const admissionByKind: Record<string, KindAdmission> = {
  ConfigMap: configMapAdmission,
  CronJob: lateKind('CronJob'),
  DaemonSet: daemonSetAdmission,
  Deployment: deploymentAdmission,
  Event: eventAdmission,
  HorizontalPodAutoscaler: lateKind('HorizontalPodAutoscaler'),
  Job: lateKind('Job'),
  Lease: leaseAdmission,
  LimitRange: lateKind('LimitRange'),
  ResourceQuota: lateKind('ResourceQuota'),
  Namespace: namespaceAdmission,
  Node: nodeAdmission,
  Pod: podAdmission,
  PersistentVolume: lateKind('PersistentVolume'),
  PersistentVolumeClaim: lateKind('PersistentVolumeClaim'),
  StorageClass: storageClassAdmission,
  PodDisruptionBudget: lateKind('PodDisruptionBudget'),
  PriorityClass: priorityClassAdmission,
  ReplicaSet: replicaSetAdmission,
  Secret: secretAdmission,
  ServiceAccount: serviceAccountAdmission,
  StatefulSet: lateKind('StatefulSet'),
  ControllerRevision: controllerRevisionAdmission,
  Service: serviceAdmission,
  Endpoints: endpointsAdmission,
  EndpointSlice: endpointSliceAdmission,
  NetworkPolicy: lateKind('NetworkPolicy'),
  Role: roleAdmission,
  ClusterRole: clusterRoleAdmission,
  RoleBinding: roleBindingAdmission,
  ClusterRoleBinding: clusterRoleBindingAdmission,
  Ingress: lateKind('Ingress'),
  IngressClass: lateKind('IngressClass'),
};

export {
  configMapAdmission,
  daemonSetAdmission,
  deploymentAdmission,
  eventAdmission,
  leaseAdmission,
  namespaceAdmission,
  nodeAdmission,
  podAdmission,
  priorityClassAdmission,
  replicaSetAdmission,
  secretAdmission,
  controllerRevisionAdmission,
  serviceAdmission,
};
