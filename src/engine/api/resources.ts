/**
 * The API's resource types, as registered data: what `kubectl api-resources` lists. Each entry
 * names the kind, its group/version, REST names (plural, singular, short names), scope, whether it
 * has a status subresource and tracks `metadata.generation`, its extra field-selector labels, and
 * its admission (defaulting + validation). Later issues add kinds by adding entries here.
 */
import { admissionByKind } from './admission/index.ts';
import type { KindAdmission } from './admission/types.ts';
import type { GroupResource } from './errors.ts';
import type { KObject } from './types.ts';

export interface ResourceType {
  kind: string;
  group: string;
  version: string;
  /** `v1` or `apps/v1`. */
  apiVersion: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Spec and status are written through separate endpoints (update vs updateStatus). */
  hasStatus: boolean;
  /** `metadata.generation` starts at 1 and is bumped on every spec change. */
  tracksGeneration: boolean;
  /** Objects expire this long after their last write (the API server's --event-ttl). */
  ttlMs?: number;
  /** Field selector labels beyond metadata.name / metadata.namespace. */
  fieldLabels: Record<string, (o: KObject) => string>;
  /** Discovery categories, e.g. `all` (what `kubectl get all` lists). */
  categories: string[];
  /**
   * Older apiVersions the API also serves (`autoscaling/v1`): objects written in them are
   * converted to the stored version by the kind's admission `defaults`.
   */
  otherApiVersions: string[];
  admission: KindAdmission;
}

/** kube-apiserver --event-ttl default. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

type Fields = Record<string, (o: KObject) => string>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (o: any, ...path: string[]): string => str(path.reduce((v, k) => (v == null ? undefined : v[k]), o));

const podFields: Fields = {
  'spec.nodeName': (o) => at(o, 'spec', 'nodeName'),
  'spec.restartPolicy': (o) => at(o, 'spec', 'restartPolicy'),
  'spec.schedulerName': (o) => at(o, 'spec', 'schedulerName'),
  'spec.serviceAccountName': (o) => at(o, 'spec', 'serviceAccountName'),
  'spec.hostNetwork': (o) => (at(o, 'spec', 'hostNetwork') === 'true' ? 'true' : 'false'),
  'status.phase': (o) => at(o, 'status', 'phase'),
  'status.podIP': (o) => at(o, 'status', 'podIP'),
  'status.nominatedNodeName': (o) => at(o, 'status', 'nominatedNodeName'),
};

const eventFields: Fields = {
  'involvedObject.kind': (o) => at(o, 'involvedObject', 'kind'),
  'involvedObject.namespace': (o) => at(o, 'involvedObject', 'namespace'),
  'involvedObject.name': (o) => at(o, 'involvedObject', 'name'),
  'involvedObject.uid': (o) => at(o, 'involvedObject', 'uid'),
  'involvedObject.apiVersion': (o) => at(o, 'involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': (o) => at(o, 'involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': (o) => at(o, 'involvedObject', 'fieldPath'),
  reason: (o) => at(o, 'reason'),
  reportingComponent: (o) => at(o, 'reportingComponent'),
  source: (o) => at(o, 'source', 'component'),
  type: (o) => at(o, 'type'),
};

interface Entry {
  kind: string;
  group?: string;
  version?: string;
  plural: string;
  shortNames?: string[];
  namespaced: boolean;
  hasStatus?: boolean;
  tracksGeneration?: boolean;
  ttlMs?: number;
  fieldLabels?: Fields;
  categories?: string[];
  otherApiVersions?: string[];
}

const ENTRIES: Entry[] = [
  { kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'], namespaced: true },
  { kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'], namespaced: true },
  { kind: 'Event', plural: 'events', shortNames: ['ev'], namespaced: true, ttlMs: EVENT_TTL_MS, fieldLabels: eventFields },
  { kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'], namespaced: true },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    shortNames: ['ns'],
    namespaced: false,
    hasStatus: true,
    fieldLabels: { 'status.phase': (o) => at(o, 'status', 'phase') },
  },
  {
    kind: 'Node',
    plural: 'nodes',
    shortNames: ['no'],
    namespaced: false,
    hasStatus: true,
    fieldLabels: { 'spec.unschedulable': (o) => (at(o, 'spec', 'unschedulable') === 'true' ? 'true' : 'false') },
  },
  // persistentvolumeclaims and persistentvolumes sort between nodes and pods in core discovery.
  { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], namespaced: true, hasStatus: true },
  { kind: 'PersistentVolume', plural: 'persistentvolumes', shortNames: ['pv'], namespaced: false, hasStatus: true },
  { kind: 'Pod', plural: 'pods', shortNames: ['po'], namespaced: true, hasStatus: true, fieldLabels: podFields, categories: ['all'] },
  { kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], namespaced: true, hasStatus: true },
  { kind: 'Secret', plural: 'secrets', namespaced: true, fieldLabels: { type: (o) => at(o, 'type') } },
  { kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'], namespaced: true },
  {
    kind: 'Service',
    plural: 'services',
    shortNames: ['svc'],
    namespaced: true,
    hasStatus: true,
    fieldLabels: { 'spec.clusterIP': (o) => at(o, 'spec', 'clusterIP'), 'spec.type': (o) => at(o, 'spec', 'type') },
    categories: ['all'],
  },
  // apps kinds in discovery order (controllerrevisions, daemonsets, deployments, replicasets,
  // statefulsets), which is also the order `kubectl get all` lists them in.
  { kind: 'ControllerRevision', group: 'apps', plural: 'controllerrevisions', namespaced: true },
  {
    kind: 'DaemonSet',
    group: 'apps',
    plural: 'daemonsets',
    shortNames: ['ds'],
    namespaced: true,
    hasStatus: true,
    tracksGeneration: true,
    categories: ['all'],
  },
  {
    kind: 'Deployment',
    group: 'apps',
    plural: 'deployments',
    shortNames: ['deploy'],
    namespaced: true,
    hasStatus: true,
    tracksGeneration: true,
    categories: ['all'],
  },
  {
    kind: 'ReplicaSet',
    group: 'apps',
    plural: 'replicasets',
    shortNames: ['rs'],
    namespaced: true,
    hasStatus: true,
    tracksGeneration: true,
    fieldLabels: { 'status.replicas': (o) => at(o, 'status', 'replicas') },
    categories: ['all'],
  },
  {
    kind: 'StatefulSet',
    group: 'apps',
    plural: 'statefulsets',
    shortNames: ['sts'],
    namespaced: true,
    hasStatus: true,
    tracksGeneration: true,
    categories: ['all'],
  },
  // autoscaling (group priority 17500) comes after apps; v2 is stored, v1 is converted on write.
  {
    kind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    namespaced: true,
    hasStatus: true,
    categories: ['all'],
    otherApiVersions: ['autoscaling/v1'],
  },
  // batch (group priority 17400) comes after autoscaling: cronjobs, then jobs.
  {
    kind: 'CronJob',
    group: 'batch',
    plural: 'cronjobs',
    shortNames: ['cj'],
    namespaced: true,
    hasStatus: true,
    tracksGeneration: true,
    categories: ['all'],
  },
  { kind: 'Job', group: 'batch', plural: 'jobs', namespaced: true, hasStatus: true, tracksGeneration: true, categories: ['all'] },
  // networking.k8s.io (group priority 17200) comes after batch and before policy.
  // networking.k8s.io resources sort by plural within the group: ingressclasses, ingresses,
  // networkpolicies. Podlab runs no ingress controller, so an Ingress's status stays empty.
  { kind: 'IngressClass', group: 'networking.k8s.io', plural: 'ingressclasses', namespaced: false, tracksGeneration: true },
  { kind: 'Ingress', group: 'networking.k8s.io', plural: 'ingresses', shortNames: ['ing'], namespaced: true, hasStatus: true, tracksGeneration: true },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', plural: 'networkpolicies', shortNames: ['netpol'], namespaced: true, tracksGeneration: true },
  // policy (group priority 17100) comes after batch.
  { kind: 'PodDisruptionBudget', group: 'policy', plural: 'poddisruptionbudgets', shortNames: ['pdb'], namespaced: true, hasStatus: true, tracksGeneration: true },
  // rbac.authorization.k8s.io (group priority 17000) comes after policy and before storage.k8s.io.
  { kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', plural: 'clusterrolebindings', namespaced: false },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', plural: 'clusterroles', namespaced: false },
  { kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', plural: 'rolebindings', namespaced: true },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', plural: 'roles', namespaced: true },
  // storage.k8s.io (group priority 16800) comes after policy and before scheduling.k8s.io.
  { kind: 'StorageClass', group: 'storage.k8s.io', plural: 'storageclasses', shortNames: ['sc'], namespaced: false },
  // scheduling.k8s.io (group priority 16600) comes before coordination.k8s.io (16500) in the API
  // server's discovery order. The strategy sets generation 1 on create and never changes it.
  { kind: 'PriorityClass', group: 'scheduling.k8s.io', plural: 'priorityclasses', shortNames: ['pc'], namespaced: false, tracksGeneration: true },
  // coordination.k8s.io comes after apps in the API server's discovery order.
  { kind: 'Lease', group: 'coordination.k8s.io', plural: 'leases', namespaced: true },
  // discovery.k8s.io (group priority 16200) comes after coordination.k8s.io. The strategy sets
  // generation 1 on create; admission bumps it when endpoints, ports or addressType change.
  { kind: 'EndpointSlice', group: 'discovery.k8s.io', plural: 'endpointslices', namespaced: true, tracksGeneration: true },
];

function build(e: Entry): ResourceType {
  const group = e.group ?? '';
  const version = e.version ?? 'v1';
  return {
    kind: e.kind,
    group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    plural: e.plural,
    singular: e.kind.toLowerCase(),
    shortNames: e.shortNames ?? [],
    namespaced: e.namespaced,
    hasStatus: e.hasStatus ?? false,
    tracksGeneration: e.tracksGeneration ?? false,
    ttlMs: e.ttlMs,
    fieldLabels: e.fieldLabels ?? {},
    categories: e.categories ?? [],
    otherApiVersions: e.otherApiVersions ?? [],
    admission: admissionByKind[e.kind] ?? {},
  };
}

/** Every registered resource type, in `kubectl api-resources` order (core group first, then by group). */
export const RESOURCE_TYPES: readonly ResourceType[] = ENTRIES.map(build);

const byPlural = new Map(RESOURCE_TYPES.map((r) => [r.plural, r]));
const byApiVersionKind = new Map(
  RESOURCE_TYPES.flatMap((r) => [r.apiVersion, ...r.otherApiVersions].map((v) => [`${v}/${r.kind}`, r] as const)),
);

/** Resource types in a discovery category (`all`), in discovery order (core group first). */
export function resourcesInCategory(category: string): ResourceType[] {
  return RESOURCE_TYPES.filter((r) => r.categories.includes(category));
}

/** The resource type with this plural name (`pods`), or undefined. */
export function resourceByPlural(plural: string): ResourceType | undefined {
  return byPlural.get(plural);
}

/** The resource type for a manifest's apiVersion + kind, or undefined when the API has no such kind. */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byApiVersionKind.get(`${apiVersion}/${kind}`);
}

/**
 * Resolves what a user typed as a resource (`po`, `pods`, `pod`, `Pod`, `deployments.apps`,
 * `deploy.apps`, `deployment.v1.apps`) the way kubectl's RESTMapper does.
 */
export function resolveResourceName(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base, ...rest] = lower.split('.');
  const suffix = rest.join('.');
  return RESOURCE_TYPES.find((r) => {
    const names = [r.plural, r.singular, ...r.shortNames];
    if (!names.includes(base)) return false;
    if (suffix === '') return true;
    return suffix === r.group || suffix === `${r.version}.${r.group}` || (r.group === '' && suffix === r.version);
  });
}

export function groupResource(r: ResourceType): GroupResource {
  return { group: r.group, resource: r.plural };
}

/** The value of a field-selector label on an object, or undefined when the kind does not support it. */
export function fieldLabelValue(r: ResourceType, obj: KObject, field: string): string | undefined {
  if (field === 'metadata.name') return obj.metadata.name ?? '';
  if (field === 'metadata.namespace') return r.namespaced ? (obj.metadata.namespace ?? '') : '';
  const f = r.fieldLabels[field];
  return f ? f(obj) : undefined;
}
