/**
 * The describers Podlab has, by kind (kubectl's describerMap). Kinds without one get kubectl's
 * generic describer, as they do on a real cluster.
 */
import { describeConfigMapObject } from './configmap.ts';
import { describeCronJobObject } from './cronjob.ts';
import { describeJobObject } from './job.ts';
import { describeDaemonSetObject } from './daemonset.ts';
import { describeDeploymentObject } from './deployment.ts';
import { describeReplicaSetObject } from './replicaset.ts';
import { describeStatefulSetObject } from './statefulset.ts';
import { describeGenericObject } from './generic.ts';
import { describeHpaObject } from './hpa.ts';
import { describeNamespaceObject } from './namespace.ts';
import { describeNetworkPolicyObject } from './networkpolicy.ts';
import { describeRoleBindingObject, describeRoleObject } from './rbac.ts';
import { describeIngressClassObject, describeIngressObject } from './ingress.ts';
import { describeNodeObject } from './node.ts';
import { describePodObject } from './pod.ts';
import { describePodDisruptionBudgetObject } from './poddisruptionbudget.ts';
import { describePriorityClassObject } from './priorityclass.ts';
import { describeSecretObject } from './secret.ts';
import { describeServiceAccountObject } from './serviceaccount.ts';
import { describeEndpointSliceObject, describeEndpointsObject, describeServiceObject } from './service.ts';
import { describeLimitRangeObject, describeResourceQuotaObject } from './resourcequota.ts';
import { describePersistentVolumeClaimObject, describePersistentVolumeObject, describeStorageClassObject } from './storage.ts';
import type { Describer } from './types.ts';

export type { DescribeContext, Describer } from './types.ts';

const DESCRIBERS: Readonly<Record<string, Describer>> = {
  '/Pod': describePodObject,
  '/Node': describeNodeObject,
  '/Namespace': describeNamespaceObject,
  '/ConfigMap': describeConfigMapObject,
  '/Secret': describeSecretObject,
  '/ServiceAccount': describeServiceAccountObject,
  '/Service': describeServiceObject,
  '/Endpoints': describeEndpointsObject,
  'discovery.k8s.io/EndpointSlice': describeEndpointSliceObject,
  '/ResourceQuota': describeResourceQuotaObject,
  '/LimitRange': describeLimitRangeObject,
  '/PersistentVolume': describePersistentVolumeObject,
  '/PersistentVolumeClaim': describePersistentVolumeClaimObject,
  'storage.k8s.io/StorageClass': describeStorageClassObject,
  'apps/DaemonSet': describeDaemonSetObject,
  'apps/Deployment': describeDeploymentObject,
  'apps/ReplicaSet': describeReplicaSetObject,
  'apps/StatefulSet': describeStatefulSetObject,
  'scheduling.k8s.io/PriorityClass': describePriorityClassObject,
  'policy/PodDisruptionBudget': describePodDisruptionBudgetObject,
  'autoscaling/HorizontalPodAutoscaler': describeHpaObject,
  'batch/Job': describeJobObject,
  'batch/CronJob': describeCronJobObject,
  'networking.k8s.io/NetworkPolicy': describeNetworkPolicyObject,
  'networking.k8s.io/Ingress': describeIngressObject,
  'networking.k8s.io/IngressClass': describeIngressClassObject,
  'rbac.authorization.k8s.io/Role': describeRoleObject,
  'rbac.authorization.k8s.io/ClusterRole': describeRoleObject,
  'rbac.authorization.k8s.io/RoleBinding': describeRoleBindingObject,
  'rbac.authorization.k8s.io/ClusterRoleBinding': describeRoleBindingObject,
};

/** The describer for a group and kind: its own, or kubectl's generic one (Lease, Event, ...). */
export function describerFor(group: string, kind: string): Describer {
  return DESCRIBERS[`${group}/${kind}`] ?? describeGenericObject;
}
