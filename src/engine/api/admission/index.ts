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
import { cronJobAdmission } from './cronjob.ts';
import { daemonSetAdmission } from './daemonset.ts';
import { deploymentAdmission } from './deployment.ts';
import { eventAdmission } from './event.ts';
import { hpaAdmission } from './hpa.ts';
import { jobAdmission } from './job.ts';
import { leaseAdmission } from './lease.ts';
import { limitRangeAdmission } from './limitrange.ts';
import { resourceQuotaAdmission } from './resourcequota.ts';
import { namespaceAdmission } from './namespace.ts';
import { nodeAdmission } from './node.ts';
import { podAdmission } from './pod.ts';
import { persistentVolumeAdmission } from './persistentvolume.ts';
import { persistentVolumeClaimAdmission } from './persistentvolumeclaim.ts';
import { storageClassAdmission } from './storageclass.ts';
import { podDisruptionBudgetAdmission } from './poddisruptionbudget.ts';
import { priorityClassAdmission } from './priorityclass.ts';
import { replicaSetAdmission } from './replicaset.ts';
import { secretAdmission } from './secret.ts';
import { controllerRevisionAdmission, statefulSetAdmission } from './statefulset.ts';
import { serviceAdmission } from './service.ts';
import { endpointSliceAdmission, endpointsAdmission } from './endpointslice.ts';
import { networkPolicyAdmission } from './networkpolicy.ts';
import type { KindAdmission } from './types.ts';

export const admissionByKind: Record<string, KindAdmission> = {
  ConfigMap: configMapAdmission,
  CronJob: cronJobAdmission,
  DaemonSet: daemonSetAdmission,
  Deployment: deploymentAdmission,
  Event: eventAdmission,
  HorizontalPodAutoscaler: hpaAdmission,
  Job: jobAdmission,
  Lease: leaseAdmission,
  LimitRange: limitRangeAdmission,
  ResourceQuota: resourceQuotaAdmission,
  Namespace: namespaceAdmission,
  Node: nodeAdmission,
  Pod: podAdmission,
  PersistentVolume: persistentVolumeAdmission,
  PersistentVolumeClaim: persistentVolumeClaimAdmission,
  StorageClass: storageClassAdmission,
  PodDisruptionBudget: podDisruptionBudgetAdmission,
  PriorityClass: priorityClassAdmission,
  ReplicaSet: replicaSetAdmission,
  Secret: secretAdmission,
  StatefulSet: statefulSetAdmission,
  ControllerRevision: controllerRevisionAdmission,
  Service: serviceAdmission,
  Endpoints: endpointsAdmission,
  EndpointSlice: endpointSliceAdmission,
  NetworkPolicy: networkPolicyAdmission,
};

export {
  configMapAdmission,
  cronJobAdmission,
  daemonSetAdmission,
  deploymentAdmission,
  eventAdmission,
  hpaAdmission,
  jobAdmission,
  leaseAdmission,
  namespaceAdmission,
  nodeAdmission,
  podAdmission,
  podDisruptionBudgetAdmission,
  priorityClassAdmission,
  replicaSetAdmission,
  secretAdmission,
  statefulSetAdmission,
  controllerRevisionAdmission,
  serviceAdmission,
};
