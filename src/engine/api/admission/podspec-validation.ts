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
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from '../validation.ts';
import { dicts, int, isDict, str, type Dict } from './common.ts';
import { validateContainers, validateInitContainers, validateLocalDescendingPath } from './containers.ts';
import { VOLUME_SOURCE_KEYS } from './podspec-defaults.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
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
  const [volumes, volumeErrs] = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...volumeErrs);
  errs.push(...validateContainers(spec.containers, volumes, grace, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes, grace, `${path}.initContainers`));
  errs.push(...validateHostNetworkPorts(spec, path, opts));
  errs.push(...enumField(spec.restartPolicy, `${path}.restartPolicy`, RESTART_POLICIES));
  errs.push(...enumField(spec.dnsPolicy, `${path}.dnsPolicy`, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(spec.securityContext, `${path}.securityContext`));
  if (spec.dnsPolicy === 'None' && !isDict(spec.dnsConfig)) {
    errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  errs.push(...validateSchedulingGates(spec.schedulingGates, `${path}.schedulingGates`));
  errs.push(...subdomainField(spec.serviceAccountName, `${path}.serviceAccountName`));
  errs.push(...subdomainField(spec.nodeName, `${path}.nodeName`));
  const ads = int(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v !== '') errs.push(...isDNS1123Label(v).map((m) => invalid(`${path}.${f}`, v, m)));
  }
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...subdomainField(spec.priorityClassName, `${path}.priorityClassName`));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...enumField(spec.preemptionPolicy, `${path}.preemptionPolicy`, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** A required enum string: Required when empty, Unsupported when unknown. */
function enumField(value: unknown, path: string, supported: string[]): FieldError[] {
  const v = str(value);
  if (v === '') return [required(path)];
  return supported.includes(v) ? [] : [notSupported(path, v, supported)];
}

function subdomainField(value: unknown, path: string): FieldError[] {
  const v = str(value);
  return v === '' ? [] : nameIsDNSSubdomain(v, false).map((m) => invalid(path, v, m));
}

/** ValidateVolumes: returns the names usable by volumeMounts (volumes without errors). */
function validateVolumes(volumes: unknown, path: string): [Set<string>, FieldError[]] {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  dicts(volumes).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const name = str(v.name);
    const el = validateVolumeSource(v, p);
    if (name === '') el.push(required(`${p}.name`));
    else el.push(...isDNS1123Label(name).map((m) => invalid(`${p}.name`, name, m)));
    if (names.has(name)) el.push(duplicate(`${p}.name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return [names, errs];
}

/** validateVolumeSource: exactly one source, and the common sources' required fields. */
function validateVolumeSource(v: Dict, path: string): FieldError[] {
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

function validatePodSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isDict(sc)) return [];
  const errs: FieldError[] = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const id = int(sc[f]);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(invalid(`${path}.${f}`, id, inclusiveRangeError(0, 0xffffffff)));
  }
  return errs;
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
    if (key !== '') errs.push(...validateLabelName(key, `${p}.key`));
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
