/**
 * The RBAC objects a kubeadm v1.31 cluster starts with: the API server's bootstrap policy
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, whose testdata/*.yaml list every default
 * role and binding) and what `kubeadm init` adds (kubeadm:* bindings, the CoreDNS and kube-proxy
 * roles, the kube-system Roles nodes read their config with).
 *
 * Which subset, and why: a real cluster has about 70 ClusterRoles and 55 ClusterRoleBindings,
 * most for components Podlab does not run (certificate signers, the attach/detach and expand
 * controllers, CSI, DRA, the cloud route controller, bootstrap tokens...). Podlab seeds:
 * - the user-facing roles: cluster-admin, admin, edit, view and the system:aggregate-to-* roles
 *   they aggregate (admin/edit/view carry their aggregationRule and the rules the
 *   clusterrole-aggregation controller gives them);
 * - what every cluster binds by default: system:basic-user, system:discovery,
 *   system:public-info-viewer, system:monitoring, system:service-account-issuer-discovery;
 * - the roles of the components Podlab models: system:kube-controller-manager,
 *   system:kube-scheduler, system:volume-scheduler, system:node, system:node-proxier,
 *   system:kube-dns, system:auth-delegator, and one system:controller:NAME role and binding per
 *   kube-controller-manager controller Podlab runs (service-accounts.ts lists them);
 * - kubeadm's: kubeadm:cluster-admins, kubeadm:get-nodes, kubeadm:kubelet-bootstrap,
 *   kubeadm:node-autoapprove-bootstrap, kubeadm:node-autoapprove-certificate-rotation (with the
 *   node-bootstrapper and CSR roles they name), kubeadm:node-proxier, system:coredns; and in
 *   kube-system the Roles/RoleBindings kubeadm:kubelet-config, kubeadm:nodes-kubeadm-config,
 *   kube-proxy, plus the API server's extension-apiserver-authentication-reader.
 * The rules follow the bootstrap policy's testdata as published upstream (a release slightly
 * newer than v1.31: rules added after v1.31 for kinds Podlab lacks may show).
 *
 * `kubectl auth can-i` and `auth whoami` read them through the RBAC authorizer
 * (api/rbac-authorizer.ts): the admin (kubernetes-admin, group kubeadm:cluster-admins) may do
 * everything only through the kubeadm:cluster-admins binding here. Requests themselves are not
 * authorized: every command runs as that admin.
 * Pure builders: plain objects out, creation left to the caller.
 */
import { newUid } from '../api/names.ts';
import type { KObject } from '../api/types.ts';
import { Prng } from '../kernel/prng.ts';
import { CONTROLLER_SERVICE_ACCOUNTS } from './service-accounts.ts';
import { KUBE_SYSTEM } from './kubeadm.ts';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
/** The bootstrap token group kubeadm's join tokens authenticate as. */
const BOOTSTRAPPERS = 'system:bootstrappers:kubeadm:default-node-token';

type Rule = Record<string, string[]>;
const list = (csv: string): string[] => csv.split(',');

/** A resource rule: API groups, resources, verbs (comma separated), and resource names. */
function r(groups: string[], resources: string, verbs: string, names?: string[]): Rule {
  const rule: Rule = { apiGroups: groups };
  if (names) rule.resourceNames = names;
  rule.resources = list(resources);
  rule.verbs = list(verbs);
  return rule;
}

/** A non-resource rule. */
const u = (urls: string, verbs: string): Rule => ({ nonResourceURLs: list(urls), verbs: list(verbs) });

const CORE = [''];
const GLW = 'get,list,watch';
const CPU = 'create,patch,update';
const MUTATE = 'create,delete,deletecollection,patch,update';
const EVENTS = r(['', 'events.k8s.io'], 'events', CPU);
const ALL = 'create,delete,deletecollection,get,list,patch,update,watch';

const AGGREGATE_TO_VIEW: Rule[] = [
  r(CORE, 'configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status', GLW),
  r(CORE, 'bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status', GLW),
  r(CORE, 'namespaces', GLW),
  r(['discovery.k8s.io'], 'endpointslices', GLW),
  r(['apps'], 'controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status', GLW),
  r(['autoscaling'], 'horizontalpodautoscalers,horizontalpodautoscalers/status', GLW),
  r(['batch'], 'cronjobs,cronjobs/status,jobs,jobs/status', GLW),
  r(['extensions'], 'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale', GLW),
  r(['policy'], 'poddisruptionbudgets,poddisruptionbudgets/status', GLW),
  r(['networking.k8s.io'], 'ingresses,ingresses/status,networkpolicies', GLW),
];

const AGGREGATE_TO_EDIT: Rule[] = [
  r(CORE, 'pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy', GLW),
  r(CORE, 'serviceaccounts', 'impersonate'),
  r(CORE, 'pods,pods/attach,pods/exec,pods/portforward,pods/proxy', MUTATE),
  r(CORE, 'pods/eviction', 'create'),
  r(CORE, 'configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy', MUTATE),
  r(CORE, 'serviceaccounts/token', 'create'),
  r(['apps'], 'daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale', MUTATE),
  r(['autoscaling'], 'horizontalpodautoscalers', MUTATE),
  r(['batch'], 'cronjobs,jobs', MUTATE),
  r(['extensions'], 'daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale', MUTATE),
  r(['policy'], 'poddisruptionbudgets', MUTATE),
  r(['networking.k8s.io'], 'ingresses,networkpolicies', MUTATE),
  r(['coordination.k8s.io'], 'leases', ALL),
];

const AGGREGATE_TO_ADMIN: Rule[] = [r(['authorization.k8s.io'], 'localsubjectaccessreviews', 'create'), r([RBAC_GROUP], 'rolebindings,roles', ALL)];

/** The bootstrap ClusterRoles Podlab seeds (besides the controllers'), by name. */
const CLUSTER_ROLE_RULES: Record<string, Rule[]> = {
  'cluster-admin': [r(['*'], '*', '*'), u('*', '*')],
  'system:aggregate-to-admin': AGGREGATE_TO_ADMIN,
  'system:aggregate-to-edit': AGGREGATE_TO_EDIT,
  'system:aggregate-to-view': AGGREGATE_TO_VIEW,
  'system:auth-delegator': [r(['authentication.k8s.io'], 'tokenreviews', 'create'), r(['authorization.k8s.io'], 'subjectaccessreviews', 'create')],
  'system:basic-user': [r(['authorization.k8s.io'], 'selfsubjectaccessreviews,selfsubjectrulesreviews', 'create'), r(['authentication.k8s.io'], 'selfsubjectreviews', 'create')],
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient': [r(['certificates.k8s.io'], 'certificatesigningrequests/nodeclient', 'create')],
  'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient': [r(['certificates.k8s.io'], 'certificatesigningrequests/selfnodeclient', 'create')],
  'system:discovery': [u('/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/', 'get')],
  'system:kube-controller-manager': [
    EVENTS,
    r(['coordination.k8s.io'], 'leases', 'create'),
    r(['coordination.k8s.io'], 'leases', 'get,update', ['kube-controller-manager']),
    r(CORE, 'secrets,serviceaccounts', 'create'),
    r(CORE, 'secrets', 'delete'),
    r(CORE, 'configmaps,namespaces,secrets,serviceaccounts', 'get'),
    r(CORE, 'secrets,serviceaccounts', 'update'),
    r(['authentication.k8s.io'], 'tokenreviews', 'create'),
    r(['authorization.k8s.io'], 'subjectaccessreviews', 'create'),
    r(['*'], '*', 'list,watch'),
    r(CORE, 'serviceaccounts/token', 'create'),
  ],
  'system:kube-dns': [r(CORE, 'endpoints,services', 'list,watch')],
  'system:kube-scheduler': [
    EVENTS,
    r(['coordination.k8s.io'], 'leases', 'create'),
    r(['coordination.k8s.io'], 'leases', 'get,update', ['kube-scheduler']),
    r(CORE, 'nodes', GLW),
    r(CORE, 'pods', 'delete,get,list,watch'),
    r(CORE, 'bindings,pods/binding', 'create'),
    r(CORE, 'pods/status', 'patch,update'),
    r(CORE, 'replicationcontrollers,services', GLW),
    r(['apps', 'extensions'], 'replicasets', GLW),
    r(['apps'], 'statefulsets', GLW),
    r(['policy'], 'poddisruptionbudgets', GLW),
    r(CORE, 'persistentvolumeclaims,persistentvolumes', GLW),
    r(['authentication.k8s.io'], 'tokenreviews', 'create'),
    r(['authorization.k8s.io'], 'subjectaccessreviews', 'create'),
    r(['storage.k8s.io'], 'csinodes', GLW),
    r(CORE, 'namespaces', GLW),
    r(['storage.k8s.io'], 'csidrivers', GLW),
    r(['storage.k8s.io'], 'csistoragecapacities', GLW),
  ],
  'system:monitoring': [u('/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*', 'get')],
  'system:node': [
    r(['authentication.k8s.io'], 'tokenreviews', 'create'),
    r(['authorization.k8s.io'], 'localsubjectaccessreviews,subjectaccessreviews', 'create'),
    r(CORE, 'services', GLW),
    r(CORE, 'nodes', 'create,get,list,watch'),
    r(CORE, 'nodes/status', 'patch,update'),
    r(CORE, 'nodes', 'patch,update'),
    r(CORE, 'events', CPU),
    r(CORE, 'pods', GLW),
    r(CORE, 'pods', 'create,delete'),
    r(CORE, 'pods/status', 'patch,update'),
    r(CORE, 'pods/eviction', 'create'),
    r(CORE, 'configmaps,secrets', GLW),
    r(CORE, 'persistentvolumeclaims,persistentvolumes', 'get'),
    r(CORE, 'endpoints', 'get'),
    r(['certificates.k8s.io'], 'certificatesigningrequests', 'create,get,list,watch'),
    r(['coordination.k8s.io'], 'leases', 'create,delete,get,patch,update'),
    r(['storage.k8s.io'], 'volumeattachments', 'get'),
    r(CORE, 'serviceaccounts/token', 'create'),
    r(CORE, 'persistentvolumeclaims/status', 'get,patch,update'),
    r(['storage.k8s.io'], 'csidrivers', GLW),
    r(['storage.k8s.io'], 'csinodes', 'create,delete,get,patch,update'),
    r(['node.k8s.io'], 'runtimeclasses', GLW),
  ],
  'system:node-bootstrapper': [r(['certificates.k8s.io'], 'certificatesigningrequests', 'create,get,list,watch')],
  'system:node-proxier': [r(CORE, 'endpoints,services', 'list,watch'), r(CORE, 'nodes', GLW), EVENTS, r(['discovery.k8s.io'], 'endpointslices', 'list,watch')],
  'system:public-info-viewer': [u('/healthz,/livez,/readyz,/version,/version/', 'get')],
  'system:service-account-issuer-discovery': [u('/.well-known/openid-configuration,/openid/v1/jwks', 'get')],
  'system:volume-scheduler': [
    r(CORE, 'persistentvolumes', 'get,list,patch,update,watch'),
    r(['storage.k8s.io'], 'storageclasses', GLW),
    r(CORE, 'persistentvolumeclaims', 'get,list,patch,update,watch'),
  ],
};

/** system:controller:NAME for the controllers Podlab runs (controller-roles testdata). */
const CONTROLLER_RULES: Record<(typeof CONTROLLER_SERVICE_ACCOUNTS)[number], Rule[]> = {
  'cronjob-controller': [
    r(['batch'], 'cronjobs', 'get,list,update,watch'),
    r(['batch'], 'jobs', 'create,delete,get,list,patch,update,watch'),
    r(['batch'], 'cronjobs/status', 'update'),
    r(['batch'], 'cronjobs/finalizers', 'update'),
    r(CORE, 'pods', 'delete,list,watch'),
    EVENTS,
  ],
  'daemon-set-controller': [
    r(['apps', 'extensions'], 'daemonsets', GLW),
    r(['apps', 'extensions'], 'daemonsets/status', 'update'),
    r(['apps', 'extensions'], 'daemonsets/finalizers', 'update'),
    r(CORE, 'nodes', 'list,watch'),
    r(CORE, 'pods', 'create,delete,list,patch,watch'),
    r(CORE, 'pods/binding', 'create'),
    r(['apps'], 'controllerrevisions', 'create,delete,get,list,patch,update,watch'),
    EVENTS,
  ],
  'deployment-controller': [
    r(['apps', 'extensions'], 'deployments', 'get,list,update,watch'),
    r(['apps', 'extensions'], 'deployments/status', 'update'),
    r(['apps', 'extensions'], 'deployments/finalizers', 'update'),
    r(['apps', 'extensions'], 'replicasets', 'create,delete,get,list,patch,update,watch'),
    r(CORE, 'pods', 'get,list,update,watch'),
    EVENTS,
  ],
  'disruption-controller': [
    r(['apps', 'extensions'], 'deployments', GLW),
    r(['apps', 'extensions'], 'replicasets', GLW),
    r(CORE, 'replicationcontrollers', GLW),
    r(['policy'], 'poddisruptionbudgets', GLW),
    r(['apps'], 'statefulsets', GLW),
    r(['policy'], 'poddisruptionbudgets/status', 'update'),
    r(CORE, 'pods/status', 'patch,update'),
    r(['*'], '*/scale', 'get'),
    EVENTS,
  ],
  'endpoint-controller': [
    r(CORE, 'pods,services', GLW),
    r(CORE, 'endpoints', 'create,delete,get,list,update,watch'),
    r(CORE, 'endpoints/restricted', 'create'),
    EVENTS,
  ],
  'endpointslice-controller': [
    r(CORE, 'nodes,pods,services', GLW),
    r(CORE, 'services/finalizers', 'update'),
    r(['discovery.k8s.io'], 'endpointslices', 'create,delete,get,list,update,watch'),
    EVENTS,
  ],
  'endpointslicemirroring-controller': [
    r(CORE, 'endpoints,services', GLW),
    r(CORE, 'services/finalizers', 'update'),
    r(CORE, 'endpoints/finalizers', 'update'),
    r(['discovery.k8s.io'], 'endpointslices', 'create,delete,get,list,update,watch'),
    EVENTS,
  ],
  'generic-garbage-collector': [r(['*'], '*', 'delete,get,list,patch,update,watch'), EVENTS],
  'horizontal-pod-autoscaler': [
    r(['autoscaling'], 'horizontalpodautoscalers', GLW),
    r(['autoscaling'], 'horizontalpodautoscalers/status', 'update'),
    r(['*'], '*/scale', 'get,update'),
    r(CORE, 'pods', 'list,watch'),
    r(['metrics.k8s.io'], 'pods', 'list,watch'),
    r(['custom.metrics.k8s.io'], '*', GLW),
    r(['external.metrics.k8s.io'], '*', GLW),
    EVENTS,
  ],
  'job-controller': [
    r(['batch'], 'jobs', 'get,list,patch,update,watch'),
    r(['batch'], 'jobs/status', 'update'),
    r(['batch'], 'jobs/finalizers', 'update'),
    r(CORE, 'pods', 'create,delete,list,patch,watch'),
    EVENTS,
  ],
  'namespace-controller': [
    r(CORE, 'namespaces', 'delete,get,list,watch'),
    r(CORE, 'namespaces/finalize,namespaces/status', 'update'),
    r(['*'], '*', 'delete,deletecollection,get,list,watch'),
  ],
  'node-controller': [
    r(CORE, 'nodes', 'delete,get,list,patch,update,watch'),
    r(CORE, 'nodes/status', 'patch,update'),
    r(CORE, 'pods/status', 'patch,update'),
    r(CORE, 'pods', 'delete,get,list,watch'),
    EVENTS,
  ],
  'persistent-volume-binder': [
    r(CORE, 'persistentvolumes', 'create,delete,get,list,update,watch'),
    r(CORE, 'persistentvolumes/status', 'update'),
    r(CORE, 'persistentvolumeclaims', 'get,list,update,watch'),
    r(CORE, 'persistentvolumeclaims/status', 'update'),
    r(CORE, 'pods', 'create,delete,get,list,watch'),
    r(['storage.k8s.io'], 'storageclasses', GLW),
    r(CORE, 'nodes', 'list,watch'),
    EVENTS,
    r(CORE, 'events', 'watch'),
  ],
  'pod-garbage-collector': [r(CORE, 'pods', 'delete,list,watch'), r(CORE, 'nodes', GLW), r(CORE, 'pods/status', 'patch')],
  'pv-protection-controller': [r(CORE, 'persistentvolumes', 'get,list,update,watch'), EVENTS],
  'pvc-protection-controller': [
    r(CORE, 'persistentvolumeclaims', 'get,list,update,watch'),
    r(CORE, 'persistentvolumeclaims/status', 'update'),
    r(CORE, 'pods', GLW),
    EVENTS,
  ],
  'replicaset-controller': [
    r(['apps', 'extensions'], 'replicasets', 'get,list,update,watch'),
    r(['apps', 'extensions'], 'replicasets/status', 'update'),
    r(['apps', 'extensions'], 'replicasets/finalizers', 'update'),
    r(CORE, 'pods', 'create,delete,list,patch,watch'),
    EVENTS,
  ],
  'resourcequota-controller': [r(['*'], '*', 'list,watch'), r(CORE, 'resourcequotas/status', 'update'), EVENTS],
  'root-ca-cert-publisher': [r(CORE, 'configmaps', 'create,update'), EVENTS],
  'service-account-controller': [r(CORE, 'serviceaccounts', 'create'), EVENTS],
  'statefulset-controller': [
    r(CORE, 'pods', 'list,watch'),
    r(['apps'], 'statefulsets', GLW),
    r(['apps'], 'statefulsets/status', 'update'),
    r(['apps'], 'statefulsets/finalizers', 'update'),
    r(CORE, 'pods', 'create,delete,get,patch,update'),
    r(['apps'], 'controllerrevisions', 'create,delete,get,list,patch,update,watch'),
    r(CORE, 'persistentvolumeclaims', 'create,get,list,watch'),
    r(CORE, 'persistentvolumeclaims', 'delete,update'),
    r(CORE, 'pods/finalizers', 'update'),
    EVENTS,
  ],
  'ttl-after-finished-controller': [r(['batch'], 'jobs', 'delete,get,list,watch'), EVENTS],
};

/** kubeadm's CoreDNS addon role and its own cluster roles. */
const KUBEADM_CLUSTER_ROLE_RULES: Record<string, Rule[]> = {
  'kubeadm:get-nodes': [r(CORE, 'nodes', 'get')],
  'system:coredns': [r(CORE, 'endpoints,services,pods,namespaces', 'list,watch'), r(CORE, 'nodes', 'get'), r(['discovery.k8s.io'], 'endpointslices', 'list,watch')],
};

type Subject = Record<string, string>;
const user = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: 'Group', name });
const serviceAccount = (name: string, namespace = KUBE_SYSTEM): Subject => ({ kind: 'ServiceAccount', name, namespace });

/** Bootstrap ClusterRoleBindings: binding (and ClusterRole) name → subjects. */
const BOOTSTRAP_BINDINGS: [string, Subject[]][] = [
  ['cluster-admin', [group('system:masters')]],
  ['system:basic-user', [group('system:authenticated')]],
  ['system:discovery', [group('system:authenticated')]],
  ['system:kube-controller-manager', [user('system:kube-controller-manager')]],
  ['system:kube-dns', [serviceAccount('kube-dns')]],
  ['system:kube-scheduler', [user('system:kube-scheduler')]],
  ['system:monitoring', [group('system:monitoring')]],
  ['system:node', []],
  ['system:node-proxier', [user('system:kube-proxy')]],
  ['system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]],
  ['system:service-account-issuer-discovery', [group('system:serviceaccounts')]],
  ['system:volume-scheduler', [user('system:kube-scheduler')]],
];

/** kubeadm's ClusterRoleBindings: [binding name, cluster role, subjects]. */
const KUBEADM_BINDINGS: [string, string, Subject[]][] = [
  ['kubeadm:cluster-admins', 'cluster-admin', [group('kubeadm:cluster-admins')]],
  ['kubeadm:get-nodes', 'kubeadm:get-nodes', [group(BOOTSTRAPPERS)]],
  ['kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [group(BOOTSTRAPPERS)]],
  ['kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [group(BOOTSTRAPPERS)]],
  ['kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [group('system:nodes')]],
  ['kubeadm:node-proxier', 'system:node-proxier', [serviceAccount('kube-proxy')]],
  ['system:coredns', 'system:coredns', [serviceAccount('coredns')]],
];

/** kube-system Roles (name → rules) and the RoleBindings of the same name (subjects). */
const KUBE_SYSTEM_ROLES: [string, Rule[], Subject[], boolean][] = [
  // [name, rules, binding subjects, bootstrap policy (labelled) or kubeadm's]
  ['extension-apiserver-authentication-reader', [r(CORE, 'configmaps', GLW, ['extension-apiserver-authentication'])], [], true],
  ['kube-proxy', [r(CORE, 'configmaps', 'get', ['kube-proxy'])], [group(BOOTSTRAPPERS)], false],
  ['kubeadm:kubelet-config', [r(CORE, 'configmaps', 'get', ['kubelet-config'])], [group('system:nodes'), group(BOOTSTRAPPERS)], false],
  ['kubeadm:nodes-kubeadm-config', [r(CORE, 'configmaps', 'get', ['kubeadm-config'])], [group(BOOTSTRAPPERS), group('system:nodes')], false],
];

function bootstrapMeta(name: string, extraLabels: Record<string, string> = {}): KObject['metadata'] {
  return { name, labels: { ...BOOTSTRAP_LABELS, ...extraLabels }, annotations: { ...AUTOUPDATE } };
}

function clusterRole(name: string, rules: Rule[] | null, meta = bootstrapMeta(name), aggregateTo?: string): KObject {
  const role: Record<string, unknown> = { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: meta };
  if (aggregateTo) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateTo}`]: 'true' } }] };
  role.rules = rules;
  return role as unknown as KObject;
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', meta: KObject['metadata'], roleKind: string, role: string, subjects: Subject[]): KObject {
  const b: Record<string, unknown> = { apiVersion: RBAC_V1, kind, metadata: meta, roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: role } };
  if (subjects.length > 0) b.subjects = subjects;
  return b as unknown as KObject;
}

const sameRule = (a: Rule, b: Rule): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The clusterrole-aggregation controller: the rules of the roles a selector matches, by name, without repeats. */
function aggregate(sources: Rule[][]): Rule[] {
  const out: Rule[] = [];
  for (const rules of sources) for (const rule of rules) if (!out.some((o) => sameRule(o, rule))) out.push(rule);
  return out;
}

/**
 * The default ClusterRoles, ClusterRoleBindings, and kube-system Roles and RoleBindings, in the
 * order the API server's RBAC post-start hook and then kubeadm create them.
 */
export function defaultRbacObjects(): KObject[] {
  const view = aggregate([AGGREGATE_TO_VIEW]);
  // Sources sorted by name: edit ← system:aggregate-to-edit, view; admin ← edit, system:aggregate-to-admin.
  const edit = aggregate([AGGREGATE_TO_EDIT, view]);
  const admin = aggregate([edit, AGGREGATE_TO_ADMIN]);
  const withAggregate = (to: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });
  const roles: KObject[] = [
    clusterRole('admin', admin, bootstrapMeta('admin'), 'admin'),
    clusterRole('edit', edit, bootstrapMeta('edit', withAggregate('admin')), 'edit'),
    clusterRole('view', view, bootstrapMeta('view', withAggregate('edit')), 'view'),
    ...Object.entries(CLUSTER_ROLE_RULES).map(([name, rules]) => {
      const to = /^system:aggregate-to-(admin|edit|view)$/.exec(name)?.[1];
      return clusterRole(name, rules, bootstrapMeta(name, to ? withAggregate(to) : {}));
    }),
    ...CONTROLLER_SERVICE_ACCOUNTS.map((c) => clusterRole(`system:controller:${c}`, CONTROLLER_RULES[c])),
  ];
  const bindings = [
    ...BOOTSTRAP_BINDINGS.map(([name, subjects]) => binding('ClusterRoleBinding', bootstrapMeta(name), 'ClusterRole', name, subjects)),
    ...CONTROLLER_SERVICE_ACCOUNTS.map((c) => {
      const name = `system:controller:${c}`;
      return binding('ClusterRoleBinding', bootstrapMeta(name), 'ClusterRole', name, [serviceAccount(c)]);
    }),
  ];
  const kubeadm = [
    ...Object.entries(KUBEADM_CLUSTER_ROLE_RULES).map(([name, rules]) => clusterRole(name, rules, { name })),
    ...KUBEADM_BINDINGS.map(([name, role, subjects]) => binding('ClusterRoleBinding', { name }, 'ClusterRole', role, subjects)),
  ];
  const namespaced = KUBE_SYSTEM_ROLES.flatMap(([name, rules, subjects, bootstrap]) => {
    const meta = (n: string) => (bootstrap ? { ...bootstrapMeta(n), namespace: KUBE_SYSTEM } : { name: n, namespace: KUBE_SYSTEM });
    const role = { apiVersion: RBAC_V1, kind: 'Role', metadata: meta(name), rules } as unknown as KObject;
    // The API server names its binding of the reader role `system::extension-apiserver-authentication-reader`.
    const bindingName = bootstrap ? `system::${name}` : name;
    const subs = bootstrap ? [user('system:kube-controller-manager'), user('system:kube-scheduler')] : subjects;
    return [role, binding('RoleBinding', meta(bindingName), 'Role', name, subs)];
  });
  return [...roles, ...bindings, ...kubeadm, ...namespaced];
}

/**
 * The default RBAC objects with UIDs of their own: with a seed, drawn from a PRNG of their own
 * (see the RBAC kinds' `assignsUid`), so seeding them leaves the simulation's random sequence —
 * every generated name after them — as it was.
 */
export function seededDefaultRbacObjects(seed: number): KObject[] {
  const prng = new Prng((seed ^ 0x7b4c) >>> 0);
  return defaultRbacObjects().map((o) => ({ ...o, metadata: { ...o.metadata, uid: newUid(prng) } }));
}
