/**
 * Table contents for `kubectl get <resource>`: picks the resource's printer, keeps the default or
 * `-o wide` columns, and prepends NAMESPACE for `-A` as cli-runtime's `decorateTable` does.
 */
import type { KObject } from '../../engine/api/types.ts';
import type { ResourcePrinter } from './column-types.ts';
import { cronJobPrinter, jobPrinter } from './batch-columns.ts';
import { eventPrinter } from './event-columns.ts';
import { hpaPrinter } from './hpa-columns.ts';
import { nodePrinter } from './node-columns.ts';
import { podPrinter } from './pod-columns.ts';
import { pdbPrinter } from './pdb-columns.ts';
import { priorityClassPrinter } from './priorityclass-columns.ts';
import { limitRangePrinter, resourceQuotaPrinter } from './quota-columns.ts';
import { servicePrinter } from './service-columns.ts';
import { endpointSlicePrinter, endpointsPrinter } from './endpoints-columns.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-columns.ts';
import { formatLabels } from './selector.ts';
import { scalePrinter } from './scale-columns.ts';
import { configMapPrinter, genericPrinter, leasePrinter, namespacePrinter, secretPrinter } from './simple-columns.ts';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from './workload-columns.ts';
import { controllerRevisionPrinter, statefulSetPrinter } from './statefulset-columns.ts';
import { networkPolicyPrinter } from './networkpolicy-columns.ts';
import { rolePrinter, roleBindingPrinter } from './rbac-columns.ts';
import { ingressClassPrinter, ingressPrinter } from './ingress-columns.ts';
import { serviceAccountPrinter } from './serviceaccount-columns.ts';

/** Options of {@link tableFor}. */
export interface TableForOptions {
  /** `-o wide`: include the priority-1 columns. */
  wide: boolean;
  /** Current simulated time, for AGE-like cells. */
  nowMs: number;
  /** `-A`: prepend a NAMESPACE column (ignored for cluster-scoped resources, as kubectl does). */
  withNamespace: boolean;
  /** `--show-labels`: append a LABELS column (`k=v,...` sorted, `<none>` when empty). */
  showLabels?: boolean;
  /** `-L key1,key2`: one column per label key, headed by the upper-cased last path segment. */
  labelColumns?: string[];
  /**
   * Prefix for the NAME cell when kubectl prints several resource types at once
   * (`kubectl get deploy,rs` shows `deployment.apps/web`): the `kind[.group]`, e.g. from `kindGroup`.
   */
  kindPrefix?: string;
  /** `--server-print=false`: no server-side table, so kubectl's default NAME and AGE columns. */
  clientSide?: boolean;
}

/** Upper-cased headers and string cells, ready for `renderTable`. */
export interface TableData {
  headers: string[];
  rows: string[][];
}

const PRINTERS: Record<string, ResourcePrinter> = {
  scale: scalePrinter,
  pods: podPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  serviceaccounts: serviceAccountPrinter,
  services: servicePrinter,
  endpoints: endpointsPrinter,
  endpointslices: endpointSlicePrinter,
  replicasets: replicaSetPrinter,
  deployments: deploymentPrinter,
  daemonsets: daemonSetPrinter,
  statefulsets: statefulSetPrinter,
  controllerrevisions: controllerRevisionPrinter,
  events: eventPrinter,
  leases: leasePrinter,
  priorityclasses: priorityClassPrinter,
  poddisruptionbudgets: pdbPrinter,
  horizontalpodautoscalers: hpaPrinter,
  jobs: jobPrinter,
  cronjobs: cronJobPrinter,
  resourcequotas: resourceQuotaPrinter,
  limitranges: limitRangePrinter,
  persistentvolumes: persistentVolumePrinter,
  persistentvolumeclaims: persistentVolumeClaimPrinter,
  storageclasses: storageClassPrinter,
  networkpolicies: networkPolicyPrinter,
  roles: rolePrinter,
  clusterroles: rolePrinter,
  rolebindings: roleBindingPrinter,
  clusterrolebindings: roleBindingPrinter,
  ingresses: ingressPrinter,
  ingressclasses: ingressClassPrinter,
};

const ALIASES: Record<string, string> = {
  pod: 'pods',
  po: 'pods',
  node: 'nodes',
  no: 'nodes',
  namespace: 'namespaces',
  ns: 'namespaces',
  configmap: 'configmaps',
  cm: 'configmaps',
  secret: 'secrets',
  serviceaccount: 'serviceaccounts',
  sa: 'serviceaccounts',
  service: 'services',
  svc: 'services',
  ep: 'endpoints',
  endpointslice: 'endpointslices',
  replicaset: 'replicasets',
  rs: 'replicasets',
  deployment: 'deployments',
  deploy: 'deployments',
  daemonset: 'daemonsets',
  ds: 'daemonsets',
  statefulset: 'statefulsets',
  sts: 'statefulsets',
  controllerrevision: 'controllerrevisions',
  event: 'events',
  ev: 'events',
  lease: 'leases',
  priorityclass: 'priorityclasses',
  pc: 'priorityclasses',
  poddisruptionbudget: 'poddisruptionbudgets',
  pdb: 'poddisruptionbudgets',
  horizontalpodautoscaler: 'horizontalpodautoscalers',
  hpa: 'horizontalpodautoscalers',
  job: 'jobs',
  cronjob: 'cronjobs',
  cj: 'cronjobs',
  resourcequota: 'resourcequotas',
  quota: 'resourcequotas',
  limitrange: 'limitranges',
  limits: 'limitranges',
  persistentvolume: 'persistentvolumes',
  pv: 'persistentvolumes',
  persistentvolumeclaim: 'persistentvolumeclaims',
  pvc: 'persistentvolumeclaims',
  storageclass: 'storageclasses',
  sc: 'storageclasses',
  networkpolicy: 'networkpolicies',
  netpol: 'networkpolicies',
  role: 'roles',
  clusterrole: 'clusterroles',
  rolebinding: 'rolebindings',
  clusterrolebinding: 'clusterrolebindings',
  ingress: 'ingresses',
  ing: 'ingresses',
  ingressclass: 'ingressclasses',
};

/** Resources kubectl prints without a NAMESPACE column even under `-A`. */
const CLUSTER_SCOPED = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'storageclasses',
  'clusterroles',
  'clusterrolebindings',
  'priorityclasses',
  'customresourcedefinitions',
  'ingressclasses',
  'runtimeclasses',
]);

/** Maps a resource name as typed (`po`, `pod`, `Pod`, `pods`, `deployments.apps`) to its plural. */
export function canonicalResource(resource: string): string {
  const lower = resource.toLowerCase().split('.')[0];
  return ALIASES[lower] ?? lower;
}

/** Headers cli-runtime's `decorateTable` adds after the resource's own columns. */
function labelHeaders(opts: TableForOptions): string[] {
  const headers = (opts.labelColumns ?? []).map((key) => (key.split('/').at(-1) ?? key).toUpperCase());
  return opts.showLabels ? [...headers, 'LABELS'] : headers;
}

function labelCells(obj: KObject, opts: TableForOptions): string[] {
  const labels = obj.metadata.labels ?? {};
  const cells = (opts.labelColumns ?? []).map((key) => labels[key] ?? '');
  return opts.showLabels ? [...cells, formatLabels(labels)] : cells;
}

/**
 * Builds the `kubectl get` table for objects of one resource type.
 * @param resource the resource name (plural, singular or short name)
 * @param objects the objects, in the order to print them
 */
export function tableFor(resource: string, objects: KObject[], opts: TableForOptions): TableData {
  const canonical = canonicalResource(resource);
  const printer = opts.clientSide ? genericPrinter : (PRINTERS[canonical] ?? genericPrinter);
  const keep = printer.columns.map((c) => opts.wide || !c.priority);
  const nameColumn = printer.columns.findIndex((c) => c.name === 'Name');
  const withNamespace = opts.withNamespace && !CLUSTER_SCOPED.has(canonical);
  const headers = printer.columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  const rows = objects.map((obj) => {
    const cells = printer.row(obj, { nowMs: opts.nowMs });
    if (opts.kindPrefix && nameColumn >= 0) cells[nameColumn] = `${opts.kindPrefix.toLowerCase()}/${cells[nameColumn]}`;
    const shown = [...cells.filter((_, i) => keep[i]), ...labelCells(obj, opts)];
    return withNamespace ? [obj.metadata.namespace ?? '', ...shown] : shown;
  });
  const all = [...headers, ...labelHeaders(opts)];
  return { headers: withNamespace ? ['NAMESPACE', ...all] : all, rows };
}
