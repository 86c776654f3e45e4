/**
 * LimitRange: the kind's admission (SetDefaults_LimitRangeItem — a Container item's max becomes
 * its default limit, the default limit its default request, the min its default request — and
 * ValidateLimitRange), and the LimitRanger admission plugin (plugin/pkg/admission/limitranger,
 * v1.31) for pods: on create it fills in each container's missing requests and limits from the
 * namespace's LimitRanges (recording what it set in the `kubernetes.io/limit-ranger` annotation),
 * then, after validation, rejects a pod outside a Container or Pod item's min, max or
 * maxLimitRequestRatio.
 */
import { duplicate, forbidden, forbiddenField, invalid, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isQualifiedName, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, child, dicts, isDict, normalizeResourceList, str, type Dict } from './common.ts';
import { parseList, podResourceList, qtyString, type Qty, type ResourceList } from './quota-usage.ts';
import { validateResourceQuantityValue } from './resources.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** The annotation LimitRanger writes on the pods it defaulted. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

const LIMIT_LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
const STANDARD_LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

// ---- kind admission -------------------------------------------------------------------------------

/** SetDefaults_LimitRangeItem: max → default limit → default request; min → default request. */
function defaultItem(item: Dict): void {
  if (item.type !== 'Container') return;
  const fill = (target: 'default' | 'defaultRequest', from: unknown) => {
    if (!isDict(from)) return;
    for (const [k, v] of Object.entries(from)) {
      const t = isDict(item[target]) ? (item[target] as Dict) : undefined;
      if (t && Object.hasOwn(t, k)) continue;
      child(item, target)[k] = v;
    }
  };
  fill('default', item.max);
  fill('defaultRequest', item.default);
  fill('defaultRequest', item.min);
}

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const spec = asDict(obj).spec;
  for (const item of dicts(isDict(spec) ? spec.limits : undefined)) {
    for (const list of LIMIT_LISTS) normalizeResourceList(obj, item[list]);
    defaultItem(item);
  }
  if (old) carryOverSystemMeta(obj, old);
}

/** validateLimitRangeTypeName */
function validateTypeName(value: string, path: string): FieldError[] {
  const msgs = isQualifiedName(value);
  if (msgs.length > 0) return msgs.map((m) => invalid(path, value, m));
  if (!value.includes('/') && !STANDARD_LIMIT_TYPES.has(value)) return [invalid(path, value, 'must be a standard limit type or fully qualified')];
  return [];
}

/** helper.standardResources (IsStandardResourceName; hugepages by prefix). */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/**
 * validateLimitRangeResourceName: validateContainerResourceName for Pod/Container items,
 * validateResourceName for the others.
 */
function validateResourceName(type: string, name: string, path: string): FieldError[] {
  const msgs = isQualifiedName(name);
  if (msgs.length > 0) return msgs.map((m) => invalid(path, name, m));
  const errs: FieldError[] = [];
  const domain = name.includes('/');
  if (!domain && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  if (type !== 'Pod' && type !== 'Container') return errs;
  if (!domain) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!name.includes('kubernetes.io/') && (name.startsWith('requests.') || isQualifiedName(`requests.${name}`).length > 0)) {
    // Not native, and not IsExtendedResourceName either.
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

const cmp = (a: Qty, b: Qty): number => (a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0);

/** The pairwise rules between one resource's min, max, default, defaultRequest and ratio. */
function validateKey(k: string, lists: Record<string, ResourceList>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const [min, max, def, defReq, ratio] = (['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const).map((l) => lists[l].get(k));
  const at = (list: string) => `${path}.${list}[${k}]`;
  const s = qtyString;
  if (min && max && cmp(min, max) > 0) errs.push(invalid(at('min'), s(min), `min value ${s(min)} is greater than max value ${s(max)}`));
  if (defReq && min && cmp(min, defReq) > 0) errs.push(invalid(at('defaultRequest'), s(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`));
  if (defReq && max && cmp(defReq, max) > 0) errs.push(invalid(at('defaultRequest'), s(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`));
  if (defReq && def && cmp(defReq, def) > 0) errs.push(invalid(at('defaultRequest'), s(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`));
  if (def && min && cmp(min, def) > 0) errs.push(invalid(at('default'), s(min), `min value ${s(min)} is greater than default value ${s(def)}`));
  if (def && max && cmp(def, max) > 0) errs.push(invalid(at('default'), s(max), `default value ${s(def)} is greater than max value ${s(max)}`));
  if (ratio && ratio.nano < 1_000_000_000n) errs.push(invalid(at('maxLimitRequestRatio'), s(ratio), `ratio ${s(ratio)} is less than 1`));
  if (ratio && min && max && min.nano > 0n) {
    const limit = Number(max.nano) / Number(min.nano);
    if (Number(ratio.nano) / 1e9 > limit) errs.push(invalid(at('maxLimitRequestRatio'), s(ratio), `ratio ${s(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
  }
  return errs;
}

function validateItem(item: Dict, path: string, seenTypes: Set<string>): FieldError[] {
  const type = str(item.type);
  const errs = validateTypeName(type, `${path}.type`);
  if (seenTypes.has(type)) errs.push(duplicate(`${path}.type`, type));
  seenTypes.add(type);
  const lists: Record<string, ResourceList> = {};
  const keys = new Set<string>();
  for (const list of LIMIT_LISTS) {
    const raw = isDict(item[list]) ? (item[list] as Dict) : {};
    if (type === 'Pod' && (list === 'default' || list === 'defaultRequest')) {
      if (Object.keys(raw).length > 0) errs.push(forbiddenField(`${path}.${list}`, "may not be specified when `type` is 'Pod'"));
      lists[list] = new Map();
      continue;
    }
    for (const k of Object.keys(raw)) {
      errs.push(...validateResourceName(type, k, `${path}.${list}[${k}]`), ...validateResourceQuantityValue(k, raw[k], `${path}.${list}[${k}]`));
      keys.add(k);
    }
    lists[list] = parseList(raw);
  }
  if (type === 'PersistentVolumeClaim' && !lists.min.has('storage') && !lists.max.has('storage')) {
    errs.push(required(`${path}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
  }
  for (const k of [...keys].sort()) errs.push(...validateKey(k, lists, path));
  return errs;
}

/** ValidateLimitRange */
function validateLimitRange(lr: Dict): FieldError[] {
  const errs = validateObjectMeta(isDict(lr.metadata) ? lr.metadata : {}, true, nameIsDNSSubdomain, 'metadata');
  const seen = new Set<string>();
  dicts(isDict(lr.spec) ? lr.spec.limits : undefined).forEach((item, i) => errs.push(...validateItem(item, `spec.limits[${i}]`, seen)));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const lr = asDict(obj);
  if (!old) return validateLimitRange(lr);
  const o = asDict(old);
  return [...validateObjectMetaUpdate(isDict(lr.metadata) ? lr.metadata : {}, isDict(o.metadata) ? o.metadata : {}, 'metadata'), ...validateLimitRange(lr)];
}

/** LimitRange admission (defaults + validation), as a v1.31 API server applies it. */
export const limitRangeAdmission: KindAdmission = { defaults, validate };

// ---- the LimitRanger admission plugin ---------------------------------------------------------------

/** The namespace's LimitRanges, in name order (the plugin's lister order is not defined). */
export function limitRangesIn(ctx: Pick<AdmissionContext, 'list'>, namespace: string): KObject[] {
  return ctx
    .list('limitranges')
    .filter((lr) => lr.metadata.namespace === namespace)
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

const itemsOf = (lr: KObject): readonly Dict[] => dicts((lr.spec as Dict | undefined)?.limits);

/** defaultContainerResourceRequirements: the Container items' defaults (later items win). */
function containerDefaults(lr: KObject): { requests: Dict; limits: Dict } {
  const requests: Dict = {};
  const limits: Dict = {};
  for (const item of itemsOf(lr)) {
    if (item.type !== 'Container') continue;
    if (isDict(item.defaultRequest)) Object.assign(requests, item.defaultRequest);
    if (isDict(item.default)) Object.assign(limits, item.default);
  }
  return { requests, limits };
}

/** mergeContainerResources: sets what the container lacks and says so for the annotation. */
function mergeContainer(c: Dict, defs: { requests: Dict; limits: Dict }, prefix: string, notes: string[]): void {
  const setIn = (which: 'requests' | 'limits', from: Dict): string[] => {
    const set: string[] = [];
    for (const [k, v] of Object.entries(from)) {
      const res = isDict(c.resources) ? c.resources : undefined;
      const list = res && isDict(res[which]) ? (res[which] as Dict) : undefined;
      if (list && Object.hasOwn(list, k)) continue;
      child(child(c, 'resources'), which)[k] = v;
      set.push(k);
    }
    // The API server stores a ResourceList as a Go map: keys come back sorted.
    if (set.length > 0) {
      const list = child(child(c, 'resources'), which);
      child(c, 'resources')[which] = Object.fromEntries(Object.keys(list).sort().map((k) => [k, list[k]]));
    }
    return set.sort();
  };
  const limits = setIn('limits', defs.limits);
  const requests = setIn('requests', defs.requests);
  if (limits.length + requests.length > 0) {
    // ResourceRequirements' field order: limits, requests, then the rest.
    const { limits: l, requests: r, ...rest } = child(c, 'resources');
    c.resources = { ...(l !== undefined ? { limits: l } : {}), ...(r !== undefined ? { requests: r } : {}), ...rest };
  }
  if (requests.length > 0) notes.push(`${requests.join(', ')} request for ${prefix} ${str(c.name)}`);
  if (limits.length > 0) notes.push(`${limits.join(', ')} limit for ${prefix} ${str(c.name)}`);
}

/**
 * LimitRanger's mutating half on pod create (PodMutateLimitFunc for every LimitRange of the
 * namespace). Runs after decode defaulting, so a limit given without a request already has it.
 */
export function admitLimitRanges(pod: KObject, spec: Dict, ctx: Pick<AdmissionContext, 'list'>): void {
  const ns = pod.metadata.namespace;
  if (!ns) return;
  for (const lr of limitRangesIn(ctx, ns)) {
    const defs = containerDefaults(lr);
    const notes: string[] = [];
    for (const c of dicts(spec.containers)) mergeContainer(c, defs, 'container', notes);
    for (const c of dicts(spec.initContainers)) mergeContainer(c, defs, 'init container', notes);
    if (notes.length === 0) continue;
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

const ceilDiv = (n: bigint, d: bigint): bigint => (n > 0n ? (n + d - 1n) / d : n / d);
/** resource.MaxMilliValue */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;

/** requestLimitEnforcedValues: milli-units when no value would overflow them, else whole units. */
function comparable(...qs: (Qty | undefined)[]): number[] {
  const units = qs.map((q) => (q ? ceilDiv(q.nano, 1_000_000_000n) : 0n));
  const milli = units.every((u) => u <= MAX_MILLI_VALUE);
  return qs.map((q, i) => (q ? Number(milli ? ceilDiv(q.nano, 1_000_000n) : units[i]) : 0));
}

function minConstraint(type: string, name: string, enforced: Qty, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  const [rv, lv, ev] = comparable(r, l, enforced);
  const e = qtyString(enforced);
  if (!r) return `minimum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (rv < ev) return `minimum ${name} usage per ${type} is ${e}, but request is ${qtyString(r)}`;
  if (l && lv < ev) return `minimum ${name} usage per ${type} is ${e}, but limit is ${qtyString(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Qty, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  const [rv, lv, ev] = comparable(r, l, enforced);
  const e = qtyString(enforced);
  if (!l) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified`;
  if (lv > ev) return `maximum ${name} usage per ${type} is ${e}, but limit is ${qtyString(l)}`;
  if (r && rv > ev) return `maximum ${name} usage per ${type} is ${e}, but request is ${qtyString(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Qty, req: ResourceList, lim: ResourceList): string | undefined {
  const r = req.get(name);
  const l = lim.get(name);
  const [rv, lv] = comparable(r, l, enforced);
  const e = qtyString(enforced);
  if (!r || rv === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!l || lv === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const observed = lv / rv;
  if (observed * 1000 > Number(enforced.nano / 1_000_000n)) {
    return `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

const CONSTRAINTS = [
  ['min', minConstraint],
  ['max', maxConstraint],
  ['maxLimitRequestRatio', ratioConstraint],
] as const;

function checkItem(errs: string[], item: Dict, type: string, req: ResourceList, lim: ResourceList): void {
  for (const [list, fn] of CONSTRAINTS) {
    for (const [k, v] of parseList(item[list])) {
      const msg = fn(type, k, v, req, lim);
      if (msg !== undefined) errs.push(msg);
    }
  }
}

/** PodValidateLimitFunc for one LimitRange: every violation, in the plugin's order. */
export function podLimitViolations(lr: KObject, spec: Dict): string[] {
  const errs: string[] = [];
  for (const item of itemsOf(lr)) {
    const type = str(item.type);
    if (type === 'Container') {
      for (const c of [...dicts(spec.containers), ...dicts(spec.initContainers)]) {
        const res = isDict(c.resources) ? c.resources : {};
        checkItem(errs, item, type, parseList(res.requests), parseList(res.limits));
      }
    } else if (type === 'Pod') {
      checkItem(errs, item, type, podResourceList(spec, 'requests'), podResourceList(spec, 'limits'));
    }
  }
  return errs;
}

/** maxRequestConstraint: a PVC's max applies to what it requests (it states no limits). */
function maxRequestConstraint(type: string, name: string, enforced: Qty, req: ResourceList): string | undefined {
  const r = req.get(name);
  const [rv, , ev] = comparable(r, undefined, enforced);
  const e = qtyString(enforced);
  if (!r) return `maximum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (rv > ev) return `maximum ${name} usage per ${type} is ${e}, but request is ${qtyString(r)}`;
  return undefined;
}

/** PersistentVolumeClaimValidateLimitFunc for one LimitRange. */
export function pvcLimitViolations(lr: KObject, pvcSpec: Dict): string[] {
  const errs: string[] = [];
  const res = isDict(pvcSpec.resources) ? pvcSpec.resources : {};
  const requests = parseList(res.requests);
  for (const item of itemsOf(lr)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of parseList(item.min)) {
      const msg = minConstraint('PersistentVolumeClaim', k, v, requests, new Map());
      if (msg !== undefined) errs.push(msg);
    }
    for (const [k, v] of parseList(item.max)) {
      const msg = maxRequestConstraint('PersistentVolumeClaim', k, v, requests);
      if (msg !== undefined) errs.push(msg);
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several deduplicated in brackets. */
function aggregate(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * LimitRanger's validating half on pod and PVC create: the first LimitRange the object violates
 * is a Forbidden naming it (a controller's pod by its generated name).
 */
export function validateLimitRanges(obj: KObject, ctx: Pick<AdmissionContext, 'list'>): void {
  const ns = obj.metadata.namespace;
  if (!ns) return;
  const pvc = obj.kind === 'PersistentVolumeClaim';
  const spec = isDict((obj as unknown as Dict).spec) ? ((obj as unknown as Dict).spec as Dict) : {};
  for (const lr of limitRangesIn(ctx, ns)) {
    const errs = pvc ? pvcLimitViolations(lr, spec) : podLimitViolations(lr, spec);
    if (errs.length === 0) continue;
    const resource = pvc ? 'persistentvolumeclaims' : 'pods';
    throw forbidden({ group: '', resource }, obj.metadata.name ?? obj.metadata.generateName ?? '', aggregate(errs));
  }
}
