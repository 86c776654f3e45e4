/**
 * Quota arithmetic and usage evaluators (k8s.io/apiserver/pkg/quota/v1 and
 * pkg/quota/v1/evaluator/core, v1.31), shared by ResourceQuota admission and the resource quota
 * controller: ResourceLists of exact quantities with Go's Add/Mask/LessThanOrEqual, and what one
 * object charges — a pod its requests and limits, a Service its node ports, a PVC its storage,
 * every kind its `count/<resource>`.
 */
import { parseTimestamp } from '../../kernel/time.ts';
import { canonicalQuantity, parseExactQuantity, QuantityError, type QuantityFormat } from '../quantity.ts';
import type { KObject } from '../types.ts';
import { dicts, isDict, str, type Dict } from './common.ts';

/** A resource.Quantity as quota code holds it: exact nano-units, format, and Go's cached text. */
export interface Qty {
  nano: bigint;
  format: QuantityFormat;
  text?: string;
}

/** corev1.ResourceList */
export type ResourceList = Map<string, Qty>;

const ONE: Qty = { nano: 1_000_000_000n, format: 'DecimalSI' };
const ZERO: Qty = { nano: 0n, format: 'DecimalSI' };

/** A stored quantity string; an unparsable one (never stored) counts as zero. */
export function parseQty(raw: unknown): Qty {
  const text = typeof raw === 'number' ? String(raw) : str(raw);
  try {
    const q = parseExactQuantity(text);
    return q.text === undefined ? { nano: q.nano, format: q.format } : { nano: q.nano, format: q.format, text: q.text };
  } catch (e) {
    if (e instanceof QuantityError) return ZERO;
    throw e;
  }
}

/** Quantity.String() */
export const qtyString = (q: Qty): string => q.text ?? canonicalQuantity(q.nano, q.format);

/** A JSON ResourceList (`{cpu: "100m"}`) as quantities. */
export function parseList(raw: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!isDict(raw)) return out;
  for (const [k, v] of Object.entries(raw)) out.set(k, parseQty(v));
  return out;
}

/** A ResourceList as the API stores it, keys sorted (as Go's JSON encoder writes a map). */
export function listToJson(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = qtyString(list.get(k) as Qty);
  return out;
}

/** Quantity.Add: a zero receiver takes the other's format; the cached text is dropped. */
export function addQty(a: Qty, b: Qty): Qty {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** quota.Add */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    out.set(k, other ? addQty(v, other) : v);
  }
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

/** quota.Mask: only the named resources. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** quota.LessThanOrEqual: the names in `a` above their value in `b` (names `b` lacks are ignored). */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const other = b.get(k);
    if (other && v.nano > other.nano) out.push(k);
  }
  return out;
}

/** quota.Equals */
export function listsEqual(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.nano !== v.nano) return false;
  return true;
}

/** quota.RemoveZeros */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, v]) => v.nano !== 0n));
}

/** The admission error's `k=v,k=v` (prettyPrint: names sorted). */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${qtyString(list.get(k) as Qty)}`)
    .join(',');
}

// ---- pods ---------------------------------------------------------------------------------------

/** The compute resources whose quota forces every container to state them (the "mistake" kept for compatibility). */
export const POD_VALIDATION_SET: ReadonlySet<string> = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const POD_RESOURCES: ReadonlySet<string> = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
]);

/** IsNativeResource: no domain, or a kubernetes.io domain. */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

/** podComputeUsageHelper: what one set of requests and limits charges. */
export function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', ONE]]);
  const alias = (name: string, requestNames: string[], limitName: string) => {
    const r = requests.get(name);
    if (r) for (const n of requestNames) out.set(n, r);
    const l = limits.get(name);
    if (l) out.set(limitName, l);
  };
  alias('cpu', ['cpu', 'requests.cpu'], 'limits.cpu');
  alias('memory', ['memory', 'requests.memory'], 'limits.memory');
  alias('ephemeral-storage', ['ephemeral-storage', 'requests.ephemeral-storage'], 'limits.ephemeral-storage');
  for (const [k, v] of requests) {
    if (k.startsWith('hugepages-')) {
      out.set(k, v);
      out.set(`requests.${k}`, v);
    } else if (!isNative(k)) out.set(`requests.${k}`, v);
  }
  return out;
}

function addInto(list: ResourceList, add: ResourceList): void {
  for (const [k, v] of add) {
    const cur = list.get(k);
    list.set(k, cur ? addQty(cur, v) : v);
  }
}

function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [k, v] of other) {
    const cur = list.get(k);
    if (!cur || v.nano > cur.nano) list.set(k, v);
  }
}

const containerList = (c: Dict, which: 'requests' | 'limits'): ResourceList => parseList(isDict(c.resources) ? c.resources[which] : undefined);

/**
 * resourcehelper.PodRequests / PodLimits: the app containers' sum, raised to what any init
 * container needs (restartable sidecars keep running and add up), plus the pod overhead (for
 * limits, only on resources that have one).
 */
export function podResourceList(spec: Dict, which: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const c of dicts(spec.containers)) addInto(total, containerList(c, which));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of dicts(spec.initContainers)) {
    const own = containerList(c, which);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, own);
      maxInto(initMax, new Map(sidecars));
    } else {
      const tmp = new Map(own);
      addInto(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  addInto(total, sidecars);
  maxInto(total, initMax);
  if (isDict(spec.overhead)) {
    const overhead = parseList(spec.overhead);
    // PodLimits adds the overhead only to resources that already have a limit.
    addInto(total, which === 'requests' ? overhead : maskList(overhead, [...total.keys()]));
  }
  return total;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace, are not charged compute resources. */
export function podChargedForQuota(pod: KObject, nowMs: number): boolean {
  const phase = str((pod.status as Dict | undefined)?.phase);
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  if (deletionTimestamp && deletionGracePeriodSeconds !== undefined) {
    const deletionMs = parseTimestamp(deletionTimestamp);
    if (nowMs > deletionMs + deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** PodUsageFunc */
export function podUsage(pod: KObject, nowMs: number): ResourceList {
  const out: ResourceList = new Map([['count/pods', ONE]]);
  if (!podChargedForQuota(pod, nowMs)) return out;
  const spec = isDict((pod as unknown as Dict).spec) ? ((pod as unknown as Dict).spec as Dict) : {};
  return addLists(out, podComputeUsage(podResourceList(spec, 'requests'), podResourceList(spec, 'limits')));
}

// ---- evaluators ---------------------------------------------------------------------------------

/** What quota knows about one resource: which quota names it answers to, and what an object uses. */
export interface QuotaEvaluator {
  /** MatchingResources: the names of `hard` this evaluator tracks. */
  matching(names: readonly string[]): string[];
  usage(obj: KObject, nowMs: number): ResourceList;
}

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

const podEvaluator: QuotaEvaluator = {
  matching: (names) =>
    names.filter(
      (n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || (!isNative(n) && n.startsWith('requests.')),
    ),
  usage: podUsage,
};

const serviceEvaluator: QuotaEvaluator = {
  matching: (names) => names.filter((n) => ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'].includes(n)),
  usage(obj) {
    const spec = isDict((obj as unknown as Dict).spec) ? ((obj as unknown as Dict).spec as Dict) : {};
    const type = str(spec.type) || 'ClusterIP';
    let ports = dicts(spec.ports).length;
    if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false) ports = 0;
    const count = (n: number): Qty => ({ nano: BigInt(n) * 1_000_000_000n, format: 'DecimalSI' });
    return new Map([
      ['count/services', ONE],
      ['services', ONE],
      ['services.loadbalancers', type === 'LoadBalancer' ? ONE : ZERO],
      ['services.nodeports', type === 'NodePort' || type === 'LoadBalancer' ? count(ports) : ZERO],
    ]);
  },
};

const pvcEvaluator: QuotaEvaluator = {
  matching: (names) =>
    names.filter(
      (n) =>
        ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n) ||
        n.endsWith(`${STORAGE_CLASS_SUFFIX}requests.storage`) ||
        n.endsWith(`${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`),
    ),
  usage(obj) {
    const pvc = obj as unknown as Dict;
    const spec = isDict(pvc.spec) ? pvc.spec : {};
    const out: ResourceList = new Map([
      ['count/persistentvolumeclaims', ONE],
      ['persistentvolumeclaims', ONE],
    ]);
    const className = str(spec.storageClassName) || str(obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']);
    if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
    const requests = isDict(spec.resources) ? spec.resources.requests : undefined;
    if (isDict(requests) && requests.storage !== undefined) {
      const storage = parseQty(requests.storage);
      out.set('requests.storage', storage);
      if (className) out.set(`${className}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return out;
  },
};

/** The core kinds that also answer to a legacy quota name (`configmaps` as well as `count/configmaps`). */
const LEGACY_COUNT_NAMES: ReadonlySet<string> = new Set(['configmaps', 'secrets', 'resourcequotas', 'replicationcontrollers']);

/** generic.ObjectCountQuotaResourceNameFor */
export const objectCountName = (plural: string, group: string): string => (group ? `count/${plural}.${group}` : `count/${plural}`);

function countEvaluator(plural: string, group: string): QuotaEvaluator {
  const names = [objectCountName(plural, group)];
  if (!group && LEGACY_COUNT_NAMES.has(plural)) names.push(plural);
  return {
    matching: (hard) => hard.filter((n) => names.includes(n)),
    usage: () => new Map(names.map((n) => [n, ONE])),
  };
}

const countEvaluators = new Map<string, QuotaEvaluator>();

/** The evaluator for a resource (plural + group), as quota's registry hands it out. */
export function evaluatorFor(plural: string, group: string): QuotaEvaluator {
  if (!group && plural === 'pods') return podEvaluator;
  if (!group && plural === 'services') return serviceEvaluator;
  if (!group && plural === 'persistentvolumeclaims') return pvcEvaluator;
  const key = `${plural}.${group}`;
  let e = countEvaluators.get(key);
  if (!e) countEvaluators.set(key, (e = countEvaluator(plural, group)));
  return e;
}

/** corev1.ScopedResourceSelectorRequirement */
export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

/** getScopeSelectorsFromQuota: `spec.scopes` (each as Exists) then `spec.scopeSelector.matchExpressions`. */
export function quotaScopeSelectors(quota: KObject): ScopeRequirement[] {
  const spec = isDict((quota as unknown as Dict).spec) ? ((quota as unknown as Dict).spec as Dict) : {};
  const out: ScopeRequirement[] = Array.isArray(spec.scopes) ? spec.scopes.map((s) => ({ scopeName: str(s), operator: 'Exists', values: [] })) : [];
  const selector = isDict(spec.scopeSelector) ? spec.scopeSelector : {};
  for (const e of dicts(selector.matchExpressions)) {
    out.push({ scopeName: str(e.scopeName), operator: str(e.operator), values: Array.isArray(e.values) ? e.values.map(str) : [] });
  }
  return out;
}

/** usesCrossNamespacePodAffinity: a (anti-)affinity term naming namespaces or a namespace selector. */
function crossNamespaceAffinity(spec: Dict): boolean {
  const affinity = isDict(spec.affinity) ? spec.affinity : {};
  return ['podAffinity', 'podAntiAffinity'].some((kind) => {
    const a = isDict(affinity[kind]) ? (affinity[kind] as Dict) : {};
    const required = dicts(a.requiredDuringSchedulingIgnoredDuringExecution);
    const preferred = dicts(a.preferredDuringSchedulingIgnoredDuringExecution).map((w) => (isDict(w.podAffinityTerm) ? w.podAffinityTerm : {}));
    return [...required, ...preferred].some((t) => (Array.isArray(t.namespaces) && t.namespaces.length > 0) || t.namespaceSelector != null);
  });
}

/** The PriorityClass scope as a label selector over `{PriorityClass: <name>}` (no label without a class). */
function priorityClassMatches(req: ScopeRequirement, className: string): boolean {
  const has = className !== '';
  switch (req.operator) {
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'In':
      return has && req.values.includes(className);
    case 'NotIn':
      return !has || !req.values.includes(className);
    default:
      return false;
  }
}

/** podMatchesScopeFunc */
export function podMatchesScope(req: ScopeRequirement, pod: KObject, bestEffort: boolean): boolean {
  const spec = isDict((pod as unknown as Dict).spec) ? ((pod as unknown as Dict).spec as Dict) : {};
  const ads = spec.activeDeadlineSeconds;
  const terminating = typeof ads === 'number' && ads >= 0;
  switch (req.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass':
      return priorityClassMatches(req, str(spec.priorityClassName));
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(spec);
    default:
      return false;
  }
}
