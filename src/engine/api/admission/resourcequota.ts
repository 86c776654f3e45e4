/**
 * ResourceQuota: the kind's admission (decode defaults, the strategy's PrepareForCreate, and
 * ValidateResourceQuota / ValidateResourceQuotaUpdate / ValidateResourceQuotaStatusUpdate), and
 * the ResourceQuota admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota,
 * v1.31): every create in a namespace with quotas is measured by its evaluator, checked against
 * each matching quota's `status.hard` and `status.used`, and — when it fits — the quotas' usage
 * is raised before the object is stored, so the next request in the same instant sees it.
 */
import { forbidden, goQuote, GoValue, invalid, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { deepEqual, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, dicts, isDict, normalizeResourceList, str, type Dict } from './common.ts';
import {
  addLists,
  evaluatorFor,
  exceededNames,
  listToJson,
  listsEqual,
  maskList,
  parseList,
  podComputeUsage,
  podMatchesScope,
  POD_VALIDATION_SET,
  quotaScopeSelectors,
  prettyPrint,
  removeZeros,
  type ResourceList,
} from './quota-usage.ts';
import { podQOSClass, validateResourceQuantityValue } from './resources.ts';
import { isQualifiedName } from '../validation.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const STANDARD_QUOTA_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);

const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const STANDARD_RESOURCES = new Set([...STANDARD_QUOTA_RESOURCES, 'storage']);

// ---- kind admission -------------------------------------------------------------------------------

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const q = asDict(obj);
  if (isDict(q.spec)) normalizeResourceList(obj, q.spec.hard);
  if (old) {
    carryOverSystemMeta(obj, old);
    return;
  }
  // PrepareForCreate: a new quota has no status; the controller computes it.
  delete q.status;
}

/** ValidateResourceQuotaResourceName */
function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const msgs = isQualifiedName(name);
  if (msgs.length > 0) return msgs.map((m) => invalid(path, name, m));
  if (name.includes('/')) return [];
  const standard = STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
  if (!standard) return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  if (!STANDARD_QUOTA_RESOURCES.has(name) && !name.startsWith('requests.hugepages-')) return [invalid(path, name, 'must be a standard resource for quota')];
  return [];
}

function validateResourceList(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isDict(list)) return errs;
  for (const k of Object.keys(list).sort()) {
    const p = `${path}[${k}]`;
    errs.push(...validateQuotaResourceName(k, p), ...validateResourceQuantityValue(k, list[k], p));
  }
  return errs;
}

/** %#v of a []core.ResourceQuotaScope, as the field error prints it. */
const goScopes = (scopes: readonly string[]): GoValue =>
  new GoValue(scopes.length === 0 ? '[]core.ResourceQuotaScope(nil)' : `[]core.ResourceQuotaScope{${scopes.map(goQuote).join(', ')}}`);

/** %#v of the core.ScopeSelector a field error reports. */
function goScopeSelector(exprs: readonly Dict[]): GoValue {
  const reqs = exprs.map((e) => {
    const values = Array.isArray(e.values) && e.values.length > 0 ? `[]string{${e.values.map((v) => goQuote(str(v))).join(', ')}}` : '[]string(nil)';
    return `core.ScopedResourceSelectorRequirement{ScopeName:${goQuote(str(e.scopeName))}, Operator:${goQuote(str(e.operator))}, Values:${values}}`;
  });
  return new GoValue(`core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{${reqs.join(', ')}}}`);
}

const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

/** IsResourceQuotaScopeValidForResource */
function scopeValidFor(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  if (['Terminating', 'NotTerminating', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'].includes(scope)) {
    return resource === 'pods' || POD_COMPUTE.has(resource);
  }
  return true;
}

/** Scope names: standard, valid for every standard hard resource, and not a contradictory pair. */
function validateScopeNames(names: readonly string[], hard: readonly string[], path: string, bad: () => unknown, badPair: unknown): FieldError[] {
  const errs: FieldError[] = [];
  for (const s of names) {
    if (!STANDARD_QUOTA_SCOPES.has(s)) errs.push(invalid(path === 'spec.scopes' ? path : `${path}.scopeName`, path === 'spec.scopes' ? bad() : s, 'unsupported scope'));
    for (const k of [...hard].sort()) {
      if (STANDARD_QUOTA_RESOURCES.has(k) && !scopeValidFor(s, k)) errs.push(invalid(path, bad(), 'unsupported scope applied to resource'));
    }
  }
  const set = new Set(names);
  for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']]) {
    if (set.has(a) && set.has(b)) errs.push(invalid(path, badPair, 'conflicting scopes'));
  }
  return errs;
}

const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);

/** validateScopedResourceSelectorRequirement: operators and values of `spec.scopeSelector`. */
function validateScopeSelector(spec: Dict, hard: readonly string[]): FieldError[] {
  const selector = isDict(spec.scopeSelector) ? spec.scopeSelector : undefined;
  if (!selector) return [];
  const path = 'spec.scopeSelector.matchExpressions';
  const exprs = dicts(selector.matchExpressions);
  const names = exprs.map((e) => str(e.scopeName));
  const errs = validateScopeNames(names, hard, path, () => goScopeSelector(exprs), goScopes(scopeList(spec)));
  for (const e of exprs) {
    const op = str(e.operator);
    const values = Array.isArray(e.values) ? e.values : [];
    if (EXISTS_ONLY.has(str(e.scopeName)) && op !== 'Exists') {
      errs.push(
        invalid(
          `${path}.operator`,
          op,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${path}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(invalid(`${path}.values`, values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else errs.push(invalid(`${path}.operator`, op, 'not a valid selector operator'));
  }
  return errs;
}

const scopeList = (spec: Dict): string[] => (Array.isArray(spec.scopes) ? spec.scopes.map(str) : []);

/** ValidateResourceQuotaSpec */
function validateSpec(spec: Dict): FieldError[] {
  const errs = validateResourceList(spec.hard, 'spec.hard');
  const hard = isDict(spec.hard) ? Object.keys(spec.hard) : [];
  const scopes = scopeList(spec);
  if (scopes.length > 0) errs.push(...validateScopeNames(scopes, hard, 'spec.scopes', () => goScopes(scopes), goScopes(scopes)));
  errs.push(...validateScopeSelector(spec, hard));
  return errs;
}

function validateQuota(q: Dict): FieldError[] {
  const errs = validateObjectMeta(isDict(q.metadata) ? q.metadata : {}, true, nameIsDNSSubdomain, 'metadata');
  errs.push(...validateSpec(isDict(q.spec) ? q.spec : {}));
  const status = isDict(q.status) ? q.status : {};
  errs.push(...validateResourceList(status.hard, 'status.hard'), ...validateResourceList(status.used, 'status.used'));
  return errs;
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const q = asDict(obj);
  if (!old) return validateQuota(q);
  const o = asDict(old);
  const errs = validateObjectMetaUpdate(isDict(q.metadata) ? q.metadata : {}, isDict(o.metadata) ? o.metadata : {}, 'metadata');
  errs.push(...validateQuota(q));
  const scopes = (d: Dict): string[] => (isDict(d.spec) && Array.isArray(d.spec.scopes) ? d.spec.scopes.map(str) : []);
  if (!deepEqual([...new Set(scopes(q))].sort(), [...new Set(scopes(o))].sort())) errs.push(invalid('spec.scopes', goScopes(scopes(q)), 'field is immutable'));
  return errs;
}

/** ResourceQuota admission (defaults + validation), as a v1.31 API server applies it. */
export const resourceQuotaAdmission: KindAdmission = { defaults, validate };

// ---- the ResourceQuota admission plugin ---------------------------------------------------------------

/** What the quota plugin needs of the API: the namespace's quotas, and their status writes. */
export interface QuotaAccessor {
  quotas(namespace: string): readonly KObject[];
  updateQuotaStatus(quota: KObject): void;
}

/** The resource being created, as admission attributes name it. */
export interface QuotaResource {
  plural: string;
  group: string;
}

const statusList = (q: KObject, which: 'hard' | 'used'): ResourceList => parseList((q.status as Dict | undefined)?.[which]);

/**
 * generic.Matches: the quota limits something the evaluator tracks, and every scope selector
 * matches (only pods have scopes; any other kind never matches a scoped quota).
 */
export function quotaMatches(quota: KObject, obj: KObject, matched: readonly string[]): boolean {
  if (matched.length === 0) return false;
  const selectors = quotaScopeSelectors(quota);
  if (selectors.length === 0) return true;
  if (obj.kind !== 'Pod') return false;
  const bestEffort = podQOSClass(isDict((obj as unknown as Dict).spec) ? ((obj as unknown as Dict).spec as Dict) : {}) === 'BestEffort';
  return selectors.every((s) => podMatchesScope(s, obj, bestEffort));
}

/** podEvaluator.Constraints: with cpu/memory quota'd, every container must state them. */
function podConstraints(required: string[], pod: KObject): string | undefined {
  const needed = required.filter((r) => POD_VALIDATION_SET.has(r));
  if (needed.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  const spec = isDict((pod as unknown as Dict).spec) ? ((pod as unknown as Dict).spec as Dict) : {};
  for (const c of [...dicts(spec.containers), ...dicts(spec.initContainers)]) {
    const res = isDict(c.resources) ? c.resources : {};
    const has = podComputeUsage(parseList(res.requests), parseList(res.limits));
    for (const r of needed) {
      if (has.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)?.add(str(c.name));
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** The quotas that apply to the object, after the pod constraints and the usage-known check. */
function interestingQuotas(quotas: readonly KObject[], obj: KObject, res: QuotaResource, deny: (why: string) => Error): KObject[] {
  const evaluator = evaluatorFor(res.plural, res.group);
  const interesting: KObject[] = [];
  for (const quota of quotas) {
    const restricted = evaluator.matching([...statusList(quota, 'hard').keys()]);
    if (!quotaMatches(quota, obj, restricted)) continue;
    const qName = quota.metadata.name ?? '';
    if (res.plural === 'pods' && res.group === '') {
      const why = podConstraints(restricted, obj);
      if (why) throw deny(`failed quota: ${qName}: ${why}`);
    }
    const used = statusList(quota, 'used');
    if (restricted.some((r) => !used.has(r))) throw deny(`status unknown for quota: ${qName}, resources: ${[...restricted].sort().join(',')}`);
    interesting.push(quota);
  }
  return interesting;
}

/** quota.SubtractWithNonNegativeResult */
function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    out.set(k, other ? { nano: v.nano > other.nano ? v.nano - other.nano : 0n, format: v.format } : v);
  }
  return out;
}

/**
 * CheckRequest: the quotas that change, with their new `used`, or a Forbidden error naming the
 * object (by its generated name, as admission.NewForbidden reports it). On an update (`old`
 * given) a quota that already covered the old object is charged only the increase.
 */
export function checkQuotaRequest(quotas: readonly KObject[], obj: KObject, res: QuotaResource, nowMs: number, old?: KObject): Map<KObject, ResourceList> {
  const name = obj.metadata.name || obj.metadata.generateName || '';
  const deny = (why: string) => forbidden({ group: res.group, resource: res.plural }, name, why);
  const evaluator = evaluatorFor(res.plural, res.group);
  const interesting = interestingQuotas(quotas, obj, res, deny);
  const changes = new Map<KObject, ResourceList>();
  if (interesting.length === 0) return changes;
  const input = evaluator.usage(obj, nowMs);
  const prev = old ? evaluator.usage(old, nowMs) : undefined;
  for (const quota of interesting) {
    const hard = statusList(quota, 'hard');
    const coveredOld = old !== undefined && prev !== undefined && quotaMatches(quota, old, evaluator.matching([...hard.keys()]));
    const delta = removeZeros(coveredOld && prev ? subtractNonNegative(input, prev) : input);
    if (delta.size === 0) continue;
    const used = statusList(quota, 'used');
    const requested = maskList(delta, hard.keys());
    const next = addLists(used, requested);
    const exceeded = exceededNames(maskList(next, requested.keys()), hard);
    if (exceeded.length > 0) {
      throw deny(
        `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(maskList(requested, exceeded))}, used: ${prettyPrint(maskList(used, exceeded))}, limited: ${prettyPrint(maskList(hard, exceeded))}`,
      );
    }
    if (!listsEqual(next, used)) changes.set(quota, next);
  }
  return changes;
}

/** Kinds quota admission never evaluates (its ignoredResources). */
const IGNORED = new Set(['events']);

/**
 * The ResourceQuota admission plugin: checks a created (or, for the kinds whose evaluators handle
 * updates, updated) object against the namespace's quotas and, unless this is a dry run, charges
 * it to them through their status.
 */
export function admitResourceQuota(access: QuotaAccessor, obj: KObject, res: QuotaResource, nowMs: number, dryRun: boolean, old?: KObject): void {
  const ns = obj.metadata.namespace;
  if (!ns || (res.group === '' && IGNORED.has(res.plural))) return;
  const quotas = access.quotas(ns);
  if (quotas.length === 0) return;
  const changes = checkQuotaRequest(quotas, obj, res, nowMs, old);
  if (dryRun) return;
  for (const [quota, used] of changes) {
    const status = { ...((quota.status as Dict | undefined) ?? {}), used: listToJson(used) };
    access.updateQuotaStatus({ ...quota, status } as KObject);
  }
}
