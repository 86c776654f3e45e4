/**
 * Strategic merge patch metadata: the `patchStrategy` and `patchMergeKey` struct tags of the
 * k8s.io/api v0.31 types Podlab models, looked up through the OpenAPI field tree of `schema/`
 * (which knows every field's type but not its tags). The API server reads the same tags from the
 * versioned Go struct (PatchMetaFromStruct); a field with no tag is replaced as a whole when it is
 * a list and merged key by key when it is a map.
 */
import { fieldOf, parseFieldType, schemaDefinition, definitionForObject, type FieldType } from './schema/schema.ts';

/** `Struct.field` → `strategy[:mergeKey]` (strategy `merge`, `retainKeys` or `merge,retainKeys`). */
const TAGS: Readonly<Record<string, string>> = {
  // meta/v1
  'ObjectMeta.finalizers': 'merge',
  'ObjectMeta.ownerReferences': 'merge:uid',
  // core/v1
  'PodSpec.volumes': 'merge,retainKeys:name',
  'PodSpec.initContainers': 'merge:name',
  'PodSpec.containers': 'merge:name',
  'PodSpec.ephemeralContainers': 'merge:name',
  'PodSpec.imagePullSecrets': 'merge:name',
  'PodSpec.hostAliases': 'merge:ip',
  'PodSpec.topologySpreadConstraints': 'merge:topologyKey',
  'PodSpec.schedulingGates': 'merge:name',
  'PodSpec.resourceClaims': 'merge,retainKeys:name',
  'Container.ports': 'merge:containerPort',
  'Container.env': 'merge:name',
  'Container.volumeMounts': 'merge:mountPath',
  'Container.volumeDevices': 'merge:devicePath',
  'EphemeralContainer.ports': 'merge:containerPort',
  'EphemeralContainer.env': 'merge:name',
  'EphemeralContainer.volumeMounts': 'merge:mountPath',
  'EphemeralContainer.volumeDevices': 'merge:devicePath',
  'PodStatus.conditions': 'merge:type',
  'PodStatus.podIPs': 'merge:ip',
  'PodStatus.hostIPs': 'merge:ip',
  'PodStatus.resourceClaimStatuses': 'merge,retainKeys:name',
  'ServiceSpec.ports': 'merge:port',
  'ServiceStatus.conditions': 'merge:type',
  'NodeSpec.podCIDRs': 'merge',
  'NodeStatus.conditions': 'merge:type',
  'NodeStatus.addresses': 'merge:type',
  'NamespaceStatus.conditions': 'merge:type',
  'PersistentVolumeClaimStatus.conditions': 'merge:type',
  'ReplicationControllerStatus.conditions': 'merge:type',
  // apps/v1
  'DeploymentSpec.strategy': 'retainKeys',
  'DeploymentStatus.conditions': 'merge:type',
  'ReplicaSetStatus.conditions': 'merge:type',
  'DaemonSetStatus.conditions': 'merge:type',
  'StatefulSetStatus.conditions': 'merge:type',
  // batch/v1, autoscaling/v2, policy/v1
  'JobStatus.conditions': 'merge:type',
  'HorizontalPodAutoscalerStatus.conditions': 'merge:type',
  'PodDisruptionBudgetStatus.conditions': 'merge:type',
};

/**
 * Where a patch walks: a field type of the schema, or the field-name rules used when the object's
 * kind is unknown (a fragment patched on its own).
 */
export type PatchSchema =
  | { kind: 'typed'; type: FieldType }
  | { kind: 'names' }
  | { kind: 'none' }
  /** A hand-made struct (tests: the Go package's MergeItem). */
  | { kind: 'custom'; lookup: (key: string) => PatchMeta };

export interface PatchMeta {
  /** `merge`, `replace` or '' (no tag: lists replaced, maps merged). */
  strategy: string;
  retainKeys: boolean;
  mergeKey: string;
  /** The schema of the field's value (a list field: of its items). */
  sub: PatchSchema;
}

const NO_META: PatchMeta = { strategy: '', retainKeys: false, mergeKey: '', sub: { kind: 'none' } };

/** The schema of an object of `apiVersion`/`kind`, or the field-name rules when the kind is not known. */
export function schemaForObject(obj: unknown): PatchSchema {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
    if (typeof apiVersion === 'string' && typeof kind === 'string') {
      const found = definitionForObject(apiVersion, kind);
      if (found) return { kind: 'typed', type: { kind: 'ref', id: found.id } };
    }
  }
  return { kind: 'names' };
}

function parseTag(tag: string | undefined): Pick<PatchMeta, 'strategy' | 'retainKeys' | 'mergeKey'> {
  if (!tag) return { strategy: '', retainKeys: false, mergeKey: '' };
  const [strategies, mergeKey = ''] = tag.split(':');
  const parts = strategies.split(',');
  return { strategy: parts.includes('merge') ? 'merge' : '', retainKeys: parts.includes('retainKeys'), mergeKey };
}

/**
 * The patch metadata of `key` inside a value of schema `schema`. `items` (the list values on both
 * sides) decide the merge key of `ports` when the owner's type is unknown.
 */
export function lookupPatchMeta(schema: PatchSchema, key: string, items: readonly unknown[] = []): PatchMeta {
  if (schema.kind === 'none') return NO_META;
  if (schema.kind === 'custom') return schema.lookup(key);
  if (schema.kind === 'names') {
    const tag = key === 'ports' ? `merge:${portsMergeKey(items)}` : NAME_RULES[key];
    return { ...parseTag(tag), sub: schema };
  }
  let t = schema.type;
  while (t.kind === 'array') t = t.of;
  if (t.kind === 'map') return { ...NO_META, sub: { kind: 'typed', type: t.of } };
  if (t.kind !== 'ref') return NO_META;
  const row = fieldOf(schemaDefinition(t.id), key);
  if (!row) return NO_META;
  const short = t.id.slice(t.id.lastIndexOf('.') + 1);
  return { ...parseTag(TAGS[`${short}.${key}`]), sub: { kind: 'typed', type: parseFieldType(row[0]) } };
}

/**
 * Field-name rules for values whose type is unknown: the merge keys every modelled type agrees on.
 * `ports` is a Container's (containerPort) or a Service's (port): decided per list.
 */
const NAME_RULES: Readonly<Record<string, string>> = {
  containers: 'merge:name',
  initContainers: 'merge:name',
  ephemeralContainers: 'merge:name',
  env: 'merge:name',
  volumes: 'merge,retainKeys:name',
  imagePullSecrets: 'merge:name',
  volumeMounts: 'merge:mountPath',
  conditions: 'merge:type',
  ownerReferences: 'merge:uid',
  finalizers: 'merge',
};

/** The merge key of a `ports` list whose owner type is unknown. */
function portsMergeKey(items: readonly unknown[]): string {
  return items.some((i) => i !== null && typeof i === 'object' && 'containerPort' in i) ? 'containerPort' : 'port';
}
