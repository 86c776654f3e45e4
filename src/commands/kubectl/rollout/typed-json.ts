/**
 * `-o json` of the objects the rollout subcommands print: kubectl decodes them into typed Go
 * structs (the builder's scheme, the typed clients of GetHistory), so encoding/json writes their
 * fields in struct order — not sorted as for `kubectl get`'s unstructured objects. Maps, and
 * structs not listed here, keep Go's sorted map order; a field a struct does not list follows the
 * listed ones, sorted.
 */
import { goJsonNumber, goJsonString, sortedEntries } from '../../printers/json.ts';

/**
 * Struct field orders of apps/v1 and core/v1 (k8s.io/api v0.31 types.go): `field` or
 * `field:Type` when the field's value (or each item of its list) is itself a listed struct.
 */
const STRUCTS: Record<string, string> = {
  Deployment: 'kind apiVersion metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus',
  ReplicaSet: 'kind apiVersion metadata:ObjectMeta spec:ReplicaSetSpec status:ReplicaSetStatus',
  DaemonSet: 'kind apiVersion metadata:ObjectMeta spec:DaemonSetSpec status:DaemonSetStatus',
  StatefulSet: 'kind apiVersion metadata:ObjectMeta spec:StatefulSetSpec status:StatefulSetStatus',
  ObjectMeta:
    'name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations ownerReferences:OwnerReference finalizers managedFields',
  OwnerReference: 'apiVersion kind name uid controller blockOwnerDeletion',
  LabelSelector: 'matchLabels matchExpressions:LabelSelectorRequirement',
  LabelSelectorRequirement: 'key operator values',
  Condition: 'type status lastTransitionTime reason message',
  DeploymentSpec: 'replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  DeploymentStrategy: 'type rollingUpdate:RollingUpdate',
  RollingUpdate: 'maxUnavailable maxSurge',
  DeploymentStatus: 'observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas conditions:DeploymentCondition collisionCount',
  DeploymentCondition: 'type status lastUpdateTime lastTransitionTime reason message',
  ReplicaSetSpec: 'replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec',
  ReplicaSetStatus: 'replicas fullyLabeledReplicas readyReplicas availableReplicas observedGeneration conditions:Condition',
  DaemonSetSpec: 'selector:LabelSelector template:PodTemplateSpec updateStrategy:DaemonSetUpdateStrategy minReadySeconds revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type rollingUpdate:RollingUpdate',
  DaemonSetStatus:
    'currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady observedGeneration updatedNumberScheduled numberAvailable numberUnavailable collisionCount conditions:Condition',
  StatefulSetSpec:
    'replicas selector:LabelSelector template:PodTemplateSpec volumeClaimTemplates:PersistentVolumeClaim serviceName podManagementPolicy updateStrategy:StatefulSetUpdateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy:RetentionPolicy ordinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate:StatefulSetRollingUpdate',
  StatefulSetRollingUpdate: 'partition maxUnavailable',
  RetentionPolicy: 'whenDeleted whenScaled',
  StatefulSetStatus: 'observedGeneration replicas readyReplicas currentReplicas updatedReplicas currentRevision updateRevision collisionCount conditions:Condition availableReplicas',
  PersistentVolumeClaim: 'kind apiVersion metadata:ObjectMeta spec:ClaimSpec status:ClaimStatus',
  ClaimSpec: 'accessModes selector:LabelSelector resources:Resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName',
  ClaimStatus: 'phase accessModes capacity conditions allocatedResources allocatedResourceStatuses currentVolumeAttributesClassName modifyVolumeStatus',
  PodTemplateSpec: 'metadata:ObjectMeta spec:PodSpec',
  PodSpec:
    'volumes:Volume initContainers:Container containers:Container ephemeralContainers:Container restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext:PodSecurityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations:Toleration hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims',
  Container:
    'name image command args workingDir ports:ContainerPort envFrom env:EnvVar resources:Resources resizePolicy restartPolicy volumeMounts:VolumeMount volumeDevices livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty',
  ContainerPort: 'name hostPort containerPort protocol hostIP',
  EnvVar: 'name value valueFrom:EnvVarSource',
  EnvVarSource: 'fieldRef:FieldSelector resourceFieldRef:ResourceFieldSelector configMapKeyRef:KeySelector secretKeyRef:KeySelector',
  FieldSelector: 'apiVersion fieldPath',
  ResourceFieldSelector: 'containerName resource divisor',
  KeySelector: 'name key optional',
  Resources: 'limits requests claims',
  VolumeMount: 'name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr',
  Probe: 'exec httpGet:HTTPGetAction tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  HTTPGetAction: 'path port host scheme httpHeaders',
  Volume:
    'name hostPath:HostPath emptyDir:EmptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret:SecretVolume nfs iscsi glusterfs persistentVolumeClaim:ClaimVolume rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap:ConfigMapVolume vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image',
  HostPath: 'path type',
  EmptyDir: 'medium sizeLimit',
  SecretVolume: 'secretName items:KeyToPath defaultMode optional',
  ConfigMapVolume: 'name items:KeyToPath defaultMode optional',
  KeyToPath: 'key path mode',
  ClaimVolume: 'claimName readOnly',
  Toleration: 'key operator value effect tolerationSeconds',
  PodSecurityContext:
    'seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls fsGroupChangePolicy seccompProfile appArmorProfile',
  SecurityContext:
    'capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile appArmorProfile',
};

/** Each struct's fields in order, with the type of those that are structs themselves. */
const FIELDS: ReadonlyMap<string, readonly [string, string | undefined][]> = new Map(
  Object.entries(STRUCTS).map(([type, spec]) => [type, spec.split(' ').map((f) => f.split(':') as [string, string | undefined])]),
);

/** encoding/json of a typed object of `kind` (`json.MarshalIndent` with four spaces, and a newline). */
export function typedJson(kind: string, obj: unknown): string {
  return `${encode(obj, FIELDS.has(kind) ? kind : undefined, 0)}\n`;
}

function encode(value: unknown, type: string | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const items = Array.isArray(value) ? value.map((v) => encode(v, type, depth + 1)) : fields(value as Record<string, unknown>, type, depth);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  const inner = `\n${'    '.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${'    '.repeat(depth)}${close}`;
}

/** A struct's fields in its order, then any it does not list (sorted); a map's keys sorted. */
function fields(obj: Record<string, unknown>, type: string | undefined, depth: number): string[] {
  const listed = (type && FIELDS.get(type)) || [];
  const known = new Set(listed.map(([name]) => name));
  const ordered: [string, unknown, string | undefined][] = [
    ...listed.filter(([name]) => obj[name] !== undefined).map(([name, child]): [string, unknown, string | undefined] => [name, obj[name], child]),
    ...sortedEntries(obj)
      .filter(([k]) => !known.has(k))
      .map(([k, v]): [string, unknown, string | undefined] => [k, v, undefined]),
  ];
  return ordered.map(([k, v, child]) => `${goJsonString(k)}: ${encode(v, child, depth + 1)}`);
}
