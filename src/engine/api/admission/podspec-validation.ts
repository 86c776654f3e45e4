/**
 * ValidatePodSpec and ValidatePodTemplateSpec (pkg/apis/core/validation), shared by Pods,
 * ReplicaSets and Deployments. Field order follows Go's so multi-error messages read the same.
 */
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isValidLabelValue,
  nameIsDNSSubdomain,
  pushInvalid,
  qualifiedNameIsValid,
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from '../validation.ts';
import { dicts, int, isDict, str, type Dict } from './common.ts';
import { validateContainers, validateInitContainers, validateLocalDescendingPath, type VolumeNames } from './containers.ts';
import { VOLUME_SOURCE_KEYS } from './podspec-defaults.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_INT32 = 2147483647;

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostNetwork requires hostPort == containerPort. */
  resourceIsPod: boolean;
}

/** ValidatePodSpec */
export function validatePodSpec(spec: Dict, path: string, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  const grace = int(spec.terminationGracePeriodSeconds);
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(`${path}.terminationGracePeriodSeconds`));
  }
  const volumes = validateVolumes(errs, spec.volumes, `${path}.volumes`);
  errs.push(...validateContainers(spec.containers, volumes, grace, `${path}.containers`));
  if (spec.initContainers !== undefined) {
    errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes, grace, `${path}.initContainers`));
  }
  errs.push(...validateHostNetworkPorts(spec, path, opts));
  enumField(errs, spec.restartPolicy, path, 'restartPolicy', RESTART_POLICIES);
  enumField(errs, spec.dnsPolicy, path, 'dnsPolicy', DNS_POLICIES);
  if (spec.nodeSelector !== undefined) errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  validatePodSecurityContext(errs, spec.securityContext, path);
  if (spec.dnsPolicy === 'None' && !isDict(spec.dnsConfig)) {
    errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  if (spec.schedulingGates !== undefined) errs.push(...validateSchedulingGates(spec.schedulingGates, `${path}.schedulingGates`));
  subdomainField(errs, spec.serviceAccountName, path, 'serviceAccountName');
  subdomainField(errs, spec.nodeName, path, 'nodeName');
  const ads = int(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, MAX_INT32)));
  }
  labelField(errs, spec.hostname, path, 'hostname');
  labelField(errs, spec.subdomain, path, 'subdomain');
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  subdomainField(errs, spec.priorityClassName, path, 'priorityClassName');
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    enumField(errs, spec.preemptionPolicy, path, 'preemptionPolicy', PREEMPTION_POLICIES);
  }
  return errs;
}

// The helpers below append to `errs` and take the parent path and the field apart: the field's
// path is only built when there is an error to report (almost never, on the hot create path).

/** A required enum string: Required when empty, Unsupported when unknown. */
function enumField(errs: FieldError[], value: unknown, path: string, field: string, supported: string[]): void {
  const v = str(value);
  if (v === '') errs.push(required(`${path}.${field}`));
  else if (!supported.includes(v)) errs.push(notSupported(`${path}.${field}`, v, supported));
}

function labelField(errs: FieldError[], value: unknown, path: string, field: string): void {
  const v = str(value);
  if (v === '') return;
  const msgs = isDNS1123Label(v);
  if (msgs.length > 0) pushInvalid(errs, msgs, v, `${path}.${field}`);
}

function subdomainField(errs: FieldError[], value: unknown, path: string, field: string): void {
  const v = str(value);
  if (v === '') return;
  const msgs = nameIsDNSSubdomain(v, false);
  if (msgs.length > 0) pushInvalid(errs, msgs, v, `${path}.${field}`);
}

const NO_VOLUMES: VolumeNames = new Set();

/** ValidateVolumes, appending to `errs`: returns the names usable by volumeMounts (volumes without errors). */
function validateVolumes(errs: FieldError[], volumes: unknown, path: string): VolumeNames {
  if (!Array.isArray(volumes) || volumes.length === 0) return NO_VOLUMES;
  const names = new Set<string>();
  const list = dicts(volumes);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    const name = str(v.name);
    const el = validateVolumeSource(v, path, i);
    if (name === '') el.push(required(`${path}[${i}].name`));
    else {
      const msgs = isDNS1123Label(name);
      if (msgs.length > 0) el.push(...msgs.map((m) => invalid(`${path}[${i}].name`, name, m)));
    }
    if (names.has(name)) el.push(duplicate(`${path}[${i}].name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  }
  return names;
}

const VOLUME_SOURCE_SET: ReadonlySet<string> = new Set(VOLUME_SOURCE_KEYS);

/**
 * validateVolumeSource for `volumes[i]` (at `${volumesPath}[${i}]`): exactly one source, and the
 * common sources' required fields.
 */
function validateVolumeSource(v: Dict, volumesPath: string, i: number): FieldError[] {
  // The usual volume has one source: found among its own few keys, not by looking up all 30
  // source names (V8 looks up an absent key slowly; every pod has the token volume).
  let only = '';
  let present = 0;
  for (const key in v) {
    const src = v[key];
    if (src !== undefined && src !== null && VOLUME_SOURCE_SET.has(key)) {
      only = key;
      present++;
    }
  }
  if (present === 1) {
    // Sources without required fields (projected, emptyDir, ...) need no path.
    if (!SOURCES_WITH_FIELDS.has(only)) return [];
    const src = v[only];
    return validateSourceFields(only, isDict(src) ? src : {}, `${volumesPath}[${i}].${only}`);
  }
  // None or several: the errors in the Go order of the sources.
  const path = `${volumesPath}[${i}]`;
  const errs: FieldError[] = [];
  let count = 0;
  for (const key of VOLUME_SOURCE_KEYS) {
    if (v[key] === undefined || v[key] === null) continue;
    if (count > 0) {
      errs.push(forbiddenField(`${path}.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSourceFields(key, isDict(v[key]) ? v[key] : {}, `${path}.${key}`));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** The sources validateSourceFields checks. */
const SOURCES_WITH_FIELDS: ReadonlySet<string> = new Set(['hostPath', 'secret', 'configMap', 'persistentVolumeClaim', 'nfs']);

function validateSourceFields(key: string, src: Dict, path: string): FieldError[] {
  const need = (field: string): FieldError[] => (str(src[field]) === '' ? [required(`${path}.${field}`)] : []);
  switch (key) {
    case 'hostPath':
      return need('path');
    case 'secret': {
      const errs = need('secretName');
      for (const [i, item] of dicts(src.items).entries()) errs.push(...validateKeyToPath(item, `${path}.items[${i}]`));
      return errs;
    }
    case 'configMap': {
      const errs = need('name');
      for (const [i, item] of dicts(src.items).entries()) errs.push(...validateKeyToPath(item, `${path}.items[${i}]`));
      return errs;
    }
    case 'persistentVolumeClaim':
      return need('claimName');
    case 'nfs':
      return [...need('server'), ...need('path')];
    default:
      return [];
  }
}

function validateKeyToPath(item: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(item.key) === '') errs.push(required(`${path}.key`));
  if (str(item.path) === '') errs.push(required(`${path}.path`));
  else errs.push(...validateLocalDescendingPath(str(item.path), `${path}.path`));
  return errs;
}

/** validatePodHostNetworkDeps */
function validateHostNetworkPorts(spec: Dict, path: string, opts: PodSpecOptions): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  dicts(spec.containers).forEach((c, i) => {
    dicts(c.ports).forEach((port, j) => {
      const hp = int(port.hostPort) ?? 0;
      const cp = int(port.containerPort) ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
        errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

/** The pod's securityContext ids, reported at `<path>.securityContext.<field>`. */
function validatePodSecurityContext(errs: FieldError[], sc: unknown, path: string): void {
  if (!isDict(sc)) return;
  podIdField(errs, sc.fsGroup, path, 'fsGroup');
  podIdField(errs, sc.runAsUser, path, 'runAsUser');
  podIdField(errs, sc.runAsGroup, path, 'runAsGroup');
}

function podIdField(errs: FieldError[], value: unknown, path: string, field: string): void {
  const id = int(value);
  if (id !== undefined && (id < 0 || id > 0xffffffff)) {
    errs.push(invalid(`${path}.securityContext.${field}`, id, inclusiveRangeError(0, 0xffffffff)));
  }
}

function validateSchedulingGates(gates: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  dicts(gates).forEach((g, i) => {
    const name = str(g.name);
    errs.push(...validateLabelName(name, `${path}[${i}]`));
    if (seen.has(name)) errs.push(duplicate(`${path}[${i}]`, name));
    seen.add(name);
  });
  return errs;
}

/** ValidateTolerations */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  dicts(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    const value = str(t.value);
    if (key !== '' && !qualifiedNameIsValid(key)) errs.push(...validateLabelName(key, `${p}.key`));
    if (key === '' && op !== 'Exists') {
      errs.push(invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(`${p}.operator`, value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value !== '') errs.push(invalid(`${p}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
  });
  return errs;
}

/**
 * ValidatePodTemplateSpec at `path` (e.g. `spec.template`). Note Go reports template label errors
 * at `spec.template.labels`, not `spec.template.metadata.labels`.
 */
export function validatePodTemplateSpec(template: Dict, path: string): FieldError[] {
  const meta = isDict(template.metadata) ? template.metadata : {};
  const spec = isDict(template.spec) ? template.spec : {};
  const errs = validateLabels(meta.labels, `${path}.labels`);
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(spec, `${path}.spec`, { resourceIsPod: false }));
  if (dicts(spec.ephemeralContainers).length > 0) {
    errs.push(forbiddenField(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
