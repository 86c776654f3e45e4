/**
 * Resource names and quantities in container requirements and node status, as
 * pkg/apis/core/validation checks them (validateContainerResourceName, ValidateResourceQuantityValue,
 * validateResourceRequirements), and the pod QoS class (pkg/apis/core/helper/qos).
 */
import { GoValue, invalid, required, forbiddenField, type FieldError } from '../errors.ts';
import { parseExactQuantity, canonicalQuantity, QuantityError, type ExactQuantity } from '../quantity.ts';
import { isQualifiedName } from '../validation.ts';
import { dicts, isDict, str, type Dict } from './common.ts';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isStandardContainerResource = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePages(name);
const isStandardResource = (name: string): boolean =>
  isStandardContainerResource(name) || STANDARD_QUOTA_RESOURCES.has(name) || name.startsWith('requests.hugepages-');
/** IsNativeResource: no domain, or a kubernetes.io domain. */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** IsExtendedResourceName: a domain-qualified, non-native name (e.g. nvidia.com/gpu). */
export const isExtendedResource = (name: string): boolean =>
  !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
/** IsOvercommitAllowed: requests may differ from limits only for native, non-hugepage resources. */
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);
const isIntegerResource = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResource(name);

/** validateContainerResourceName */
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!isStandardResource(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!isStandardContainerResource(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtendedResource(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** A quantity from a manifest; a parse failure (normally a decode error) is reported as a field error. */
function quantityAt(raw: unknown, path: string, errs: FieldError[]): ExactQuantity | undefined {
  const text = typeof raw === 'number' ? String(raw) : str(raw);
  try {
    return parseExactQuantity(text);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    errs.push(invalid(path, text, e.message));
    return undefined;
  }
}

const qString = (q: ExactQuantity): string => q.text ?? canonicalQuantity(q.nano, q.format);

/** %#v of a resource.Quantity value, which is how a non-integer extended resource prints. */
function goQuantity(q: ExactQuantity): GoValue {
  const milli = q.nano / 1_000_000n;
  let value = milli;
  let scale = -3;
  while (value !== 0n && value % 10n === 0n && scale < 0) {
    value /= 10n;
    scale++;
  }
  const amount = `i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}`;
  return new GoValue(`resource.Quantity{${amount}, s:${JSON.stringify(q.text ?? '')}, Format:${JSON.stringify(q.format)}}`);
}

/** ValidateResourceQuantityValue: not negative; whole numbers for integer resources. */
export function validateResourceQuantityValue(name: string, raw: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const q = quantityAt(raw, path, errs);
  if (!q) return errs;
  if (q.nano < 0n) errs.push(invalid(path, qString(q), 'must be greater than or equal to 0'));
  if (isIntegerResource(name) && q.nano % 1_000_000_000n !== 0n) errs.push(invalid(path, goQuantity(q), 'must be an integer'));
  return errs;
}

/** ValidateContainerResourceRequirements for one container's `resources`. */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const r = isDict(resources) ? resources : {};
  const limits = isDict(r.limits) ? r.limits : {};
  const requests = isDict(r.requests) ? r.requests : {};
  const errs: FieldError[] = [];
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, raw, p));
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...validateResourceQuantityValue(name, raw, p));
    errs.push(...requestWithinLimit(name, raw, limits, path));
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  if (!cpuOrMemory && hugePages) errs.push(forbiddenField(path, 'HugePages require cpu or memory'));
  return errs;
}

/** Note the error sits on `resources.requests` itself and quotes the request, as in Go. */
function requestWithinLimit(name: string, raw: unknown, limits: Dict, path: string): FieldError[] {
  const ignored: FieldError[] = [];
  const request = quantityAt(raw, '', ignored);
  if (!request) return [];
  if (!Object.hasOwn(limits, name)) {
    return overcommitAllowed(name) ? [] : [required(`${path}.limits`, 'Limit must be set for non overcommitable resources')];
  }
  const limit = quantityAt(limits[name], '', ignored);
  if (!limit) return [];
  if (request.nano !== limit.nano && !overcommitAllowed(name)) {
    return [invalid(`${path}.requests`, qString(request), `must be equal to ${name} limit of ${qString(limit)}`)];
  }
  if (request.nano > limit.nano) {
    return [invalid(`${path}.requests`, qString(request), `must be less than or equal to ${name} limit of ${qString(limit)}`)];
  }
  return [];
}

/** The positive cpu/memory quantities of a list, in nano-units. */
function qosResources(list: unknown): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (!isDict(list)) return out;
  for (const name of ['cpu', 'memory']) {
    if (!Object.hasOwn(list, name)) continue;
    try {
      const q = parseExactQuantity(typeof list[name] === 'number' ? String(list[name]) : str(list[name]));
      if (q.nano > 0n) out.set(name, q.nano);
    } catch {
      // An unparsable quantity never reaches storage; ignore it here.
    }
  }
  return out;
}

/** GetPodQOS / ComputePodQOS over app and init containers (§10.1 of the reference). */
export function podQOSClass(spec: Dict): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...dicts(spec.containers), ...dicts(spec.initContainers)]) {
    const res = isDict(c.resources) ? c.resources : {};
    for (const [k, v] of qosResources(res.requests)) requests.set(k, (requests.get(k) ?? 0n) + v);
    const lim = qosResources(res.limits);
    for (const [k, v] of lim) limits.set(k, (limits.get(k) ?? 0n) + v);
    if (!lim.has('cpu') || !lim.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, v] of requests) if (limits.get(k) !== v) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
