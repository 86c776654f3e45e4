/**
 * Resource names and quantities in container requirements and node status, as
 * pkg/apis/core/validation checks them (validateContainerResourceName, ValidateResourceQuantityValue,
 * validateResourceRequirements), and the pod QoS class (pkg/apis/core/helper/qos).
 */
import { memoizeString } from '../../kernel/memo.ts';
import { GoValue, invalid, required, forbiddenField, type FieldError } from '../errors.ts';
import { parseExactQuantity, canonicalQuantity, QuantityError, type ExactQuantity } from '../quantity.ts';
import { isQualifiedName, qualifiedNameIsValid, pushInvalid } from '../validation.ts';
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
  !isNative(name) && !name.startsWith('requests.') && qualifiedNameIsValid(`requests.${name}`);
/** IsOvercommitAllowed: requests may differ from limits only for native, non-hugepage resources. */
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);
const isIntegerResource = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResource(name);

/**
 * validateContainerResourceName's messages (each reported as Invalid at the entry's path). Memoized:
 * the same few resource names appear in every container.
 */
const containerResourceNameProblems = memoizeString((name: string): string[] => {
  const msgs = isQualifiedName(name);
  if (msgs.length > 0) return msgs;
  if (!name.includes('/')) {
    if (!isStandardResource(name)) msgs.push('must be a standard resource type or fully qualified');
    if (!isStandardContainerResource(name)) msgs.push('must be a standard resource for containers');
  } else if (!isNative(name) && !isExtendedResource(name)) {
    msgs.push("doesn't follow extended resource name standard");
  }
  return msgs;
});

const quantityText = (raw: unknown): string => (typeof raw === 'number' ? String(raw) : str(raw));

/** A quantity from a manifest; a parse failure (normally a decode error) is reported as a field error. */
function quantityAt(raw: unknown, path: string, errs: FieldError[]): ExactQuantity | undefined {
  const text = quantityText(raw);
  try {
    return parseExactQuantity(text);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    errs.push(invalid(path, text, e.message));
    return undefined;
  }
}

/** quantityAt without the error report: undefined when the text is not a quantity. */
function quantityOrUndefined(raw: unknown): ExactQuantity | undefined {
  try {
    return parseExactQuantity(quantityText(raw));
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
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

/** validateResourceQuantityValue has nothing to report (tested first, so valid entries build no path). */
function isValidResourceQuantityValue(name: string, raw: unknown): boolean {
  const q = quantityOrUndefined(raw);
  return q !== undefined && q.nano >= 0n && (!isIntegerResource(name) || q.nano % 1_000_000_000n === 0n);
}

/** ValidateResourceQuantityValue: not negative; whole numbers for integer resources. */
export function validateResourceQuantityValue(name: string, raw: unknown, path: string): FieldError[] {
  if (isValidResourceQuantityValue(name, raw)) return [];
  const errs: FieldError[] = [];
  const q = quantityAt(raw, path, errs);
  if (!q) return errs;
  if (q.nano < 0n) errs.push(invalid(path, qString(q), 'must be greater than or equal to 0'));
  if (isIntegerResource(name) && q.nano % 1_000_000_000n !== 0n) errs.push(invalid(path, goQuantity(q), 'must be an integer'));
  return errs;
}

const NO_RESOURCES: Dict = Object.freeze({});

/** ValidateContainerResourceRequirements for one container's `resources`. */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const r = isDict(resources) ? resources : NO_RESOURCES;
  const limits = isDict(r.limits) ? r.limits : NO_RESOURCES;
  const requests = isDict(r.requests) ? r.requests : NO_RESOURCES;
  const errs: FieldError[] = [];
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of Object.keys(limits)) {
    validateResourceEntry(errs, name, limits[name], path, 'limits');
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  for (const name of Object.keys(requests)) {
    const raw = requests[name];
    validateResourceEntry(errs, name, raw, path, 'requests');
    const overLimit = requestWithinLimit(name, raw, limits, path);
    if (overLimit) errs.push(overLimit);
    hugePages ||= isHugePages(name);
    cpuOrMemory ||= name === 'cpu' || name === 'memory';
  }
  if (!cpuOrMemory && hugePages) errs.push(forbiddenField(path, 'HugePages require cpu or memory'));
  return errs;
}

/** Name then quantity errors of one `limits`/`requests` entry; its path is only built to report one. */
function validateResourceEntry(errs: FieldError[], name: string, raw: unknown, path: string, list: string): void {
  const nameProblems = containerResourceNameProblems(name);
  if (nameProblems.length === 0 && isValidResourceQuantityValue(name, raw)) return;
  const p = `${path}.${list}[${name}]`;
  pushInvalid(errs, nameProblems, name, p);
  errs.push(...validateResourceQuantityValue(name, raw, p));
}

/** Note the error sits on `resources.requests` itself and quotes the request, as in Go. */
function requestWithinLimit(name: string, raw: unknown, limits: Dict, path: string): FieldError | undefined {
  const request = quantityOrUndefined(raw);
  if (!request) return undefined;
  if (!Object.hasOwn(limits, name)) {
    return overcommitAllowed(name) ? undefined : required(`${path}.limits`, 'Limit must be set for non overcommitable resources');
  }
  const limit = quantityOrUndefined(limits[name]);
  if (!limit) return undefined;
  if (request.nano !== limit.nano && !overcommitAllowed(name)) {
    return invalid(`${path}.requests`, qString(request), `must be equal to ${name} limit of ${qString(limit)}`);
  }
  if (request.nano > limit.nano) {
    return invalid(`${path}.requests`, qString(request), `must be less than or equal to ${name} limit of ${qString(limit)}`);
  }
  return undefined;
}

/** Summed positive cpu and memory (nano-units) over a pod's containers; absent until one is seen. */
interface QosSums {
  cpu: bigint | undefined;
  memory: bigint | undefined;
}

const qosCount = (s: QosSums): number => (s.cpu === undefined ? 0 : 1) + (s.memory === undefined ? 0 : 1);

/** A positive quantity of the list, in nano-units; 0 when absent, not positive or unparsable. */
function qosNano(list: Dict, name: string): bigint {
  if (!Object.hasOwn(list, name)) return 0n;
  try {
    const nano = parseExactQuantity(quantityText(list[name])).nano;
    return nano > 0n ? nano : 0n;
  } catch {
    return 0n; // an unparsable quantity never reaches storage; ignore it here
  }
}

/** Adds a list's positive cpu/memory into `sums`; returns how many of the two it had. */
function addQosResources(sums: QosSums, list: unknown): number {
  if (!isDict(list)) return 0;
  const cpu = qosNano(list, 'cpu');
  const memory = qosNano(list, 'memory');
  if (cpu > 0n) sums.cpu = sums.cpu === undefined ? cpu : sums.cpu + cpu;
  if (memory > 0n) sums.memory = sums.memory === undefined ? memory : sums.memory + memory;
  return (cpu > 0n ? 1 : 0) + (memory > 0n ? 1 : 0);
}

/** Sums one container list; false when some container does not limit both cpu and memory. */
function addContainersQos(containers: unknown, requests: QosSums, limits: QosSums): boolean {
  let limited = true;
  for (const c of dicts(containers)) {
    const res = isDict(c.resources) ? c.resources : NO_RESOURCES;
    addQosResources(requests, res.requests);
    if (addQosResources(limits, res.limits) < 2) limited = false;
  }
  return limited;
}

/** GetPodQOS / ComputePodQOS over app and init containers (§10.1 of the reference). */
export function podQOSClass(spec: Dict): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: QosSums = { cpu: undefined, memory: undefined };
  const limits: QosSums = { cpu: undefined, memory: undefined };
  const appsLimited = addContainersQos(spec.containers, requests, limits);
  const initsLimited = addContainersQos(spec.initContainers, requests, limits);
  const requested = qosCount(requests);
  if (requested === 0 && qosCount(limits) === 0) return 'BestEffort';
  let guaranteed = appsLimited && initsLimited;
  if (requests.cpu !== undefined && limits.cpu !== requests.cpu) guaranteed = false;
  if (requests.memory !== undefined && limits.memory !== requests.memory) guaranteed = false;
  return guaranteed && requested === qosCount(limits) ? 'Guaranteed' : 'Burstable';
}
