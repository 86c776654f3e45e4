/**
 * `-o json` of a typed object: where kubectl decodes an object into its Go struct (the set and
 * rollout subcommands, expose, the generators of `create`), encoding/json writes the fields in struct
 * declaration order, not sorted as for `kubectl get`'s unstructured objects. The field types come
 * from the OpenAPI field tree (engine/api/schema); the orders below are those of k8s.io/api and
 * apimachinery v0.31 types.go, one list per struct (inline structs flattened where they are
 * embedded). Maps, and structs this table does not know, keep Go's sorted map order; a field a
 * struct does not declare follows the declared ones, sorted.
 */
import { fieldOf, kindDefinitionId, parseFieldType, schemaDefinition, type FieldType } from '../../engine/api/schema/schema.ts';
import { goJsonNumber, goJsonString, sortedEntries } from './json.ts';

const TYPE_META = 'kind apiVersion';
const CONTAINER =
  'name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty';
const CONDITION_WITH_PROBE = 'type status lastProbeTime lastTransitionTime reason message';
const APPS_CONDITION = 'type status lastTransitionTime reason message';
const REQUIRED_PREFERRED = 'requiredDuringSchedulingIgnoredDuringExecution preferredDuringSchedulingIgnoredDuringExecution';

/** Struct field orders by OpenAPI definition name (its last segment; group.version.Name where two groups share one). */
const ORDERS: Readonly<Record<string, string>> = {
  // meta/v1
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  ManagedFieldsEntry: 'manager operation apiVersion time fieldsType fieldsV1 subresource',
  LabelSelector: 'matchLabels matchExpressions',
  LabelSelectorRequirement: 'key operator values',
  Condition: 'type status observedGeneration lastTransitionTime reason message',
  // core/v1: the Pod
  Pod: `${TYPE_META} metadata spec status`,
  PodTemplateSpec: 'metadata spec',
  PodSpec:
    'volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims',
  PodStatus:
    'phase conditions message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses containerStatuses qosClass ephemeralContainerStatuses resize resourceClaimStatuses',
  PodCondition: CONDITION_WITH_PROBE,
  HostIP: 'ip',
  PodIP: 'ip',
  ContainerStatus: 'name state lastState ready restartCount image imageID containerID started allocatedResources resources volumeMounts user allocatedResourcesStatus',
  ContainerState: 'waiting running terminated',
  ContainerStateWaiting: 'reason message',
  ContainerStateRunning: 'startedAt',
  ContainerStateTerminated: 'exitCode signal reason message startedAt finishedAt containerID',
  VolumeMountStatus: 'name mountPath readOnly recursiveReadOnly',
  ContainerUser: 'linux',
  LinuxContainerUser: 'uid gid supplementalGroups',
  ResourceStatus: 'name resources',
  ResourceHealth: 'resourceID health',
  PodResourceClaimStatus: 'name resourceClaimName',
  Container: CONTAINER,
  EphemeralContainer: `${CONTAINER} targetContainerName`,
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  ContainerResizePolicy: 'resourceName restartPolicy',
  EnvFromSource: 'prefix configMapRef secretRef',
  ConfigMapEnvSource: 'name optional',
  SecretEnvSource: 'name optional',
  EnvVar: 'name value valueFrom',
  EnvVarSource: 'fieldRef resourceFieldRef configMapKeyRef secretKeyRef',
  ObjectFieldSelector: 'apiVersion fieldPath',
  ResourceFieldSelector: 'containerName resource divisor',
  ConfigMapKeySelector: 'name key optional',
  SecretKeySelector: 'name key optional',
  ResourceRequirements: 'limits requests claims',
  ResourceClaim: 'name request',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  VolumeDevice: 'name devicePath',
  Probe: 'exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  ExecAction: 'command',
  HTTPGetAction: 'path port host scheme httpHeaders',
  HTTPHeader: 'name value',
  TCPSocketAction: 'port host',
  GRPCAction: 'port service',
  SleepAction: 'seconds',
  Lifecycle: 'postStart preStop',
  LifecycleHandler: 'exec httpGet tcpSocket sleep',
  SecurityContext:
    'capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile appArmorProfile',
  PodSecurityContext:
    'seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls fsGroupChangePolicy seccompProfile appArmorProfile',
  Capabilities: 'add drop',
  SELinuxOptions: 'user role type level',
  WindowsSecurityContextOptions: 'gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess',
  SeccompProfile: 'type localhostProfile',
  AppArmorProfile: 'type localhostProfile',
  Sysctl: 'name value',
  Toleration: 'key operator value effect tolerationSeconds',
  LocalObjectReference: 'name',
  HostAlias: 'ip hostnames',
  PodDNSConfig: 'nameservers searches options',
  PodDNSConfigOption: 'name value',
  PodReadinessGate: 'conditionType',
  PodOS: 'name',
  PodSchedulingGate: 'name',
  PodResourceClaim: 'name resourceClaimName resourceClaimTemplateName',
  TopologySpreadConstraint: 'maxSkew topologyKey whenUnsatisfiable labelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys',
  Affinity: 'nodeAffinity podAffinity podAntiAffinity',
  NodeAffinity: REQUIRED_PREFERRED,
  PodAffinity: REQUIRED_PREFERRED,
  PodAntiAffinity: REQUIRED_PREFERRED,
  NodeSelector: 'nodeSelectorTerms',
  NodeSelectorTerm: 'matchExpressions matchFields',
  NodeSelectorRequirement: 'key operator values',
  PreferredSchedulingTerm: 'weight preference',
  PodAffinityTerm: 'labelSelector namespaces topologyKey namespaceSelector matchLabelKeys mismatchLabelKeys',
  WeightedPodAffinityTerm: 'weight podAffinityTerm',
  // core/v1: volumes
  Volume:
    'name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image',
  HostPathVolumeSource: 'path type',
  EmptyDirVolumeSource: 'medium sizeLimit',
  GCEPersistentDiskVolumeSource: 'pdName fsType partition readOnly',
  AWSElasticBlockStoreVolumeSource: 'volumeID fsType partition readOnly',
  GitRepoVolumeSource: 'repository revision directory',
  SecretVolumeSource: 'secretName items defaultMode optional',
  NFSVolumeSource: 'server path readOnly',
  ISCSIVolumeSource: 'targetPortal iqn lun iscsiInterface fsType readOnly portals chapAuthDiscovery chapAuthSession secretRef initiatorName',
  GlusterfsVolumeSource: 'endpoints path readOnly',
  PersistentVolumeClaimVolumeSource: 'claimName readOnly',
  RBDVolumeSource: 'monitors image fsType pool user keyring secretRef readOnly',
  FlexVolumeSource: 'driver fsType secretRef readOnly options',
  CinderVolumeSource: 'volumeID fsType readOnly secretRef',
  CephFSVolumeSource: 'monitors path user secretFile secretRef readOnly',
  FlockerVolumeSource: 'datasetName datasetUUID',
  DownwardAPIVolumeSource: 'items defaultMode',
  DownwardAPIVolumeFile: 'path fieldRef resourceFieldRef mode',
  FCVolumeSource: 'targetWWNs lun fsType readOnly wwids',
  AzureFileVolumeSource: 'secretName shareName readOnly',
  ConfigMapVolumeSource: 'name items defaultMode optional',
  VsphereVirtualDiskVolumeSource: 'volumePath fsType storagePolicyName storagePolicyID',
  QuobyteVolumeSource: 'registry volume readOnly user group tenant',
  AzureDiskVolumeSource: 'diskName diskURI cachingMode fsType readOnly kind',
  PhotonPersistentDiskVolumeSource: 'pdID fsType',
  ProjectedVolumeSource: 'sources defaultMode',
  VolumeProjection: 'secret downwardAPI configMap serviceAccountToken clusterTrustBundle',
  SecretProjection: 'name items optional',
  ConfigMapProjection: 'name items optional',
  DownwardAPIProjection: 'items',
  ServiceAccountTokenProjection: 'audience expirationSeconds path',
  ClusterTrustBundleProjection: 'name signerName labelSelector optional path',
  PortworxVolumeSource: 'volumeID fsType readOnly',
  ScaleIOVolumeSource: 'gateway system secretRef sslEnabled protectionDomain storagePool storageMode volumeName fsType readOnly',
  StorageOSVolumeSource: 'volumeName volumeNamespace fsType readOnly secretRef',
  CSIVolumeSource: 'driver readOnly fsType volumeAttributes nodePublishSecretRef',
  EphemeralVolumeSource: 'volumeClaimTemplate',
  ImageVolumeSource: 'reference pullPolicy',
  KeyToPath: 'key path mode',
  PersistentVolumeClaimTemplate: 'metadata spec',
  PersistentVolumeClaim: `${TYPE_META} metadata spec status`,
  PersistentVolumeClaimSpec: 'accessModes selector resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName',
  PersistentVolumeClaimStatus: 'phase accessModes capacity conditions allocatedResources allocatedResourceStatuses currentVolumeAttributesClassName modifyVolumeStatus',
  PersistentVolumeClaimCondition: CONDITION_WITH_PROBE,
  ModifyVolumeStatus: 'targetVolumeAttributesClassName status',
  VolumeResourceRequirements: 'limits requests',
  TypedLocalObjectReference: 'apiGroup kind name',
  TypedObjectReference: 'apiGroup kind name namespace',
  ObjectReference: 'kind namespace name uid apiVersion resourceVersion fieldPath',
  // core/v1: Service and other kinds kubectl prints typed
  Service: `${TYPE_META} metadata spec status`,
  ServiceSpec:
    'ports selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  ServicePort: 'name protocol appProtocol port targetPort nodePort',
  ServiceStatus: 'loadBalancer conditions',
  LoadBalancerStatus: 'ingress',
  LoadBalancerIngress: 'ip hostname ipMode ports',
  PortStatus: 'port protocol error',
  SessionAffinityConfig: 'clientIP',
  ClientIPConfig: 'timeoutSeconds',
  ConfigMap: `${TYPE_META} metadata immutable data binaryData`,
  Secret: `${TYPE_META} metadata immutable data stringData type`,
  ServiceAccount: `${TYPE_META} metadata secrets imagePullSecrets automountServiceAccountToken`,
  Namespace: `${TYPE_META} metadata spec status`,
  NamespaceSpec: 'finalizers',
  NamespaceStatus: 'phase conditions',
  NamespaceCondition: 'type status lastTransitionTime reason message',
  ResourceQuota: `${TYPE_META} metadata spec status`,
  ResourceQuotaSpec: 'hard scopes scopeSelector',
  ScopeSelector: 'matchExpressions',
  ScopedResourceSelectorRequirement: 'scopeName operator values',
  ResourceQuotaStatus: 'hard used',
  // scheduling/v1, policy/v1
  PriorityClass: `${TYPE_META} metadata value globalDefault description preemptionPolicy`,
  PodDisruptionBudget: `${TYPE_META} metadata spec status`,
  PodDisruptionBudgetSpec: 'minAvailable selector maxUnavailable unhealthyPodEvictionPolicy',
  PodDisruptionBudgetStatus: 'observedGeneration disruptedPods disruptionsAllowed currentHealthy desiredHealthy expectedPods conditions',
  // apps/v1
  Deployment: `${TYPE_META} metadata spec status`,
  DeploymentSpec: 'replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  DeploymentStrategy: 'type rollingUpdate',
  RollingUpdateDeployment: 'maxUnavailable maxSurge',
  DeploymentStatus: 'observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas conditions collisionCount',
  DeploymentCondition: 'type status lastUpdateTime lastTransitionTime reason message',
  ReplicaSet: `${TYPE_META} metadata spec status`,
  ReplicaSetSpec: 'replicas minReadySeconds selector template',
  ReplicaSetStatus: 'replicas fullyLabeledReplicas readyReplicas availableReplicas observedGeneration conditions',
  ReplicaSetCondition: APPS_CONDITION,
  DaemonSet: `${TYPE_META} metadata spec status`,
  DaemonSetSpec: 'selector template updateStrategy minReadySeconds revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type rollingUpdate',
  RollingUpdateDaemonSet: 'maxUnavailable maxSurge',
  DaemonSetStatus:
    'currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady observedGeneration updatedNumberScheduled numberAvailable numberUnavailable collisionCount conditions',
  DaemonSetCondition: APPS_CONDITION,
  StatefulSet: `${TYPE_META} metadata spec status`,
  StatefulSetSpec:
    'replicas selector template volumeClaimTemplates serviceName podManagementPolicy updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate',
  RollingUpdateStatefulSetStrategy: 'partition maxUnavailable',
  StatefulSetPersistentVolumeClaimRetentionPolicy: 'whenDeleted whenScaled',
  StatefulSetOrdinals: 'start',
  StatefulSetStatus: 'observedGeneration replicas readyReplicas currentReplicas updatedReplicas currentRevision updateRevision collisionCount conditions availableReplicas',
  StatefulSetCondition: APPS_CONDITION,
  ControllerRevision: `${TYPE_META} metadata data revision`,
  // batch/v1
  Job: `${TYPE_META} metadata spec status`,
  JobSpec:
    'parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector manualSelector template ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  JobStatus: 'conditions startTime completionTime active succeeded failed terminating completedIndexes failedIndexes uncountedTerminatedPods ready',
  JobCondition: CONDITION_WITH_PROBE,
  UncountedTerminatedPods: 'succeeded failed',
  PodFailurePolicy: 'rules',
  PodFailurePolicyRule: 'action onExitCodes onPodConditions',
  PodFailurePolicyOnExitCodesRequirement: 'containerName operator values',
  PodFailurePolicyOnPodConditionsPattern: 'type status',
  SuccessPolicy: 'rules',
  SuccessPolicyRule: 'succeededIndexes succeededCount',
  CronJob: `${TYPE_META} metadata spec status`,
  CronJobSpec: 'schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata spec',
  CronJobStatus: 'active lastScheduleTime lastSuccessfulTime',
  // core/v1 kinds `cluster-info dump` prints (k8s.io/api v0.31 core/v1 types.go)
  Node: 'kind apiVersion metadata spec status',
  NodeSpec: 'podCIDR podCIDRs providerID unschedulable taints configSource externalID',
  Taint: 'key value effect timeAdded',
  NodeStatus: 'capacity allocatable phase conditions addresses daemonEndpoints nodeInfo images volumesInUse volumesAttached config runtimeHandlers features',
  NodeCondition: 'type status lastHeartbeatTime lastTransitionTime reason message',
  NodeAddress: 'type address',
  NodeDaemonEndpoints: 'kubeletEndpoint',
  DaemonEndpoint: 'Port',
  NodeSystemInfo: 'machineID systemUUID bootID kernelVersion osImage containerRuntimeVersion kubeletVersion kubeProxyVersion operatingSystem architecture',
  ContainerImage: 'names sizeBytes',
  Event: 'kind apiVersion metadata involvedObject reason message source firstTimestamp lastTimestamp count type eventTime series action related reportingComponent reportingInstance',
  EventSource: 'component host',
  // rbac/v1 and networking/v1 (the `create role|rolebinding|ingress` generators)
  Role: `${TYPE_META} metadata rules`,
  ClusterRole: `${TYPE_META} metadata rules aggregationRule`,
  PolicyRule: 'verbs apiGroups resources resourceNames nonResourceURLs',
  AggregationRule: 'clusterRoleSelectors',
  RoleBinding: `${TYPE_META} metadata subjects roleRef`,
  ClusterRoleBinding: `${TYPE_META} metadata subjects roleRef`,
  Subject: 'kind apiGroup name namespace',
  RoleRef: 'apiGroup kind name',
  Ingress: `${TYPE_META} metadata spec status`,
  IngressSpec: 'ingressClassName defaultBackend tls rules',
  IngressBackend: 'service resource',
  IngressServiceBackend: 'name port',
  ServiceBackendPort: 'name number',
  IngressTLS: 'hosts secretName',
  IngressRule: 'host http',
  HTTPIngressRuleValue: 'paths',
  HTTPIngressPath: 'path pathType backend',
  IngressStatus: 'loadBalancer',
  IngressLoadBalancerStatus: 'ingress',
  IngressLoadBalancerIngress: 'ip hostname ports',
  IngressPortStatus: 'port protocol error',
  IngressClass: `${TYPE_META} metadata spec`,
  IngressClassSpec: 'controller parameters',
  IngressClassParametersReference: 'apiGroup kind name scope namespace',
};

/** The struct order table, for tests: definition name → its fields in declaration order. */
export const STRUCT_ORDERS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(ORDERS).map(([k, v]) => [k, v.split(' ')]));

function orderOf(id: string): readonly string[] | undefined {
  const short = id.slice(id.lastIndexOf('.') + 1);
  const versioned = id.split('.').slice(-3).join('.');
  return STRUCT_ORDERS.get(versioned) ?? STRUCT_ORDERS.get(short);
}

/** The definition of a typed object of `kind` (its apiVersion when it has one, else the kind's usual group). */
function rootType(kind: string, obj: unknown): FieldType | undefined {
  const apiVersion = obj !== null && typeof obj === 'object' ? (obj as { apiVersion?: unknown }).apiVersion : undefined;
  if (typeof apiVersion === 'string') {
    const slash = apiVersion.lastIndexOf('/');
    const id = kindDefinitionId(slash < 0 ? '' : apiVersion.slice(0, slash), apiVersion.slice(slash + 1), kind);
    if (schemaDefinition(id)) return { kind: 'ref', id };
  }
  for (const [group, version] of KIND_GROUPS) {
    const id = kindDefinitionId(group, version, kind);
    if (schemaDefinition(id)) return { kind: 'ref', id };
  }
  return undefined;
}

const KIND_GROUPS: readonly [string, string][] = [
  ['', 'v1'],
  ['apps', 'v1'],
  ['batch', 'v1'],
  ['policy', 'v1'],
  ['scheduling.k8s.io', 'v1'],
];

/** Whether the v1.31 schema knows `kind` (so {@link typedJson} can order its fields). */
export function hasTypedOrder(kind: string, obj: unknown): boolean {
  return rootType(kind, obj) !== undefined;
}

/** encoding/json of a value of schema definition `id` (json.MarshalIndent, four spaces), no final newline. */
export function typedJsonOf(id: string, value: unknown): string {
  return encode(value, { kind: 'ref', id }, 0);
}

/** encoding/json of a typed object of `kind` (`json.MarshalIndent` with four spaces, and a newline). */
export function typedJson(kind: string, obj: unknown): string {
  return `${encode(obj, rootType(kind, obj), 0)}\n`;
}

function encode(value: unknown, type: FieldType | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const element = type && (type.kind === 'array' || type.kind === 'map') ? type.of : undefined;
  const items = Array.isArray(value) ? value.map((v) => encode(v, element ?? type, depth + 1)) : fields(value as Record<string, unknown>, type, depth);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  const inner = `\n${'    '.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${'    '.repeat(depth)}${close}`;
}

/** A struct's fields in declaration order, then any it does not declare (sorted); a map's keys sorted. */
function fields(obj: Record<string, unknown>, type: FieldType | undefined, depth: number): string[] {
  if (type?.kind === 'map') return sortedEntries(obj).map(([k, v]) => `${goJsonString(k)}: ${encode(v, type.of, depth + 1)}`);
  const id = type?.kind === 'ref' ? type.id : undefined;
  const def = id ? schemaDefinition(id) : undefined;
  const declared = (id && orderOf(id)) || [];
  const known = new Set(declared);
  const childType = (name: string): FieldType | undefined => {
    const row = fieldOf(def, name);
    return row ? parseFieldType(row[0]) : undefined;
  };
  const out: string[] = [];
  for (const name of declared) if (obj[name] !== undefined) out.push(`${goJsonString(name)}: ${encode(obj[name], childType(name), depth + 1)}`);
  for (const [k, v] of sortedEntries(obj)) if (!known.has(k)) out.push(`${goJsonString(k)}: ${encode(v, childType(k), depth + 1)}`);
  return out;
}
