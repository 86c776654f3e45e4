/**
 * The API object store, modelled on kube-apiserver over etcd: one global, monotonically increasing
 * resourceVersion; create/get/list/update/patch/delete with optimistic concurrency; admission
 * (defaulting, namespace lifecycle, validation); graceful deletion and finalizers; and watches
 * that deliver ADDED/MODIFIED/DELETED in resourceVersion order. Every committed change is
 * recorded in the kernel's trace.
 *
 * Architecture invariant: objects handed out by the store are deep-frozen. Callers copy before
 * changing (`deepClone`, spread, or immer) and write back through the API.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { cloneSharingFrozen, deepClone, deepEqual, deepFreeze } from '../kernel/objects.ts';
import { formatTimestamp } from '../kernel/time.ts';
import type { AdmissionContext } from './admission/types.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  CONFLICT_MODIFIED,
  expired,
  forbidden,
  invalidObject,
  notFound,
  StatusError,
} from './errors.ts';
import { runValidatingAdmission, runValidatingAdmissionUpdate } from './admission/validating.ts';
import type { EvictionOptions } from './eviction.ts';
import { generateNameSuffix, newUid } from './names.ts';
import type { PatchType } from './patch.ts';
import { late } from '../late.ts';
import { groupResource, fieldLabelValue, resourceByPlural, resourceForKind, type ResourceType } from './resources.ts';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorParseError,
  type FieldRequirement,
  type LabelRequirements,
} from './selectors.ts';
import type { KObject, WatchEvent, WatchEventType } from './types.ts';
import { rememberObjectKey } from './object-key.ts';

export type ResourceRef = ResourceType | string;

/** Subresources with their own write path: `status` (all kinds with status), `finalize` (namespaces). */
export type Subresource = 'status' | 'finalize';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | LabelRequirements;
  fieldSelector?: string | readonly FieldRequirement[];
}

export interface WatchOptions extends ListOptions {
  /** Unset: send the current state as ADDED, then changes. Set: replay changes after it. */
  resourceVersion?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  /**
   * What happens to the object's dependents (metav1.DeletionPropagation). Unset: the object's own
   * `orphan`/`foregroundDeletion` finalizer if it has one, else Background (every kind Podlab
   * serves defaults to Background, as apps/v1 and core/v1 do).
   */
  propagationPolicy?: PropagationPolicy;
}

/** metav1.DeletionPropagation */
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

/** Finalizer the API server adds for `propagationPolicy: Orphan`; the garbage collector removes it. */
export const ORPHAN_FINALIZER = 'orphan';
/** Finalizer the API server adds for `propagationPolicy: Foreground`; the garbage collector removes it. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export interface WriteOptions {
  dryRun?: boolean;
  /** The namespace of the request path; a different metadata.namespace in the body is rejected. */
  namespace?: string;
  /**
   * The caller built `input` for this call and will not touch it again, so the store may keep
   * it instead of a copy (the event recorder's events). Nothing else may pass this.
   */
  handOver?: boolean;
}

export type WatchHandler = (event: WatchEvent) => void;

export interface Watch {
  stop(): void;
}

interface Change {
  /** The resourceVersion the change was stored at. */
  rv: number;
  type: WatchEventType;
  rt: ResourceType;
  object: KObject;
  prev?: KObject;
  /** The event most watchers receive, made once and shared (frozen). */
  event?: WatchEvent;
}

interface Watcher {
  rt: ResourceType;
  namespace?: string;
  labels: LabelRequirements;
  fields: readonly FieldRequirement[];
  handler: WatchHandler;
  stopped: boolean;
}

/** How many changes the store remembers for watches that resume from a resourceVersion. */
export const WATCH_HISTORY_CAPACITY = 20_000;

/** Namespaces the API server refuses to delete (NamespaceLifecycle's immortal namespaces). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

/** Finalizer the API server puts on every namespace; the namespace controller removes it. */
export const NAMESPACE_FINALIZER = 'kubernetes';

const POD_DEFAULT_GRACE_SECONDS = 30;

export class ApiStore {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KObject>>();
  /**
   * Watchers by resource type, in the order they started. A list is replaced, never changed in
   * place, so a dispatch iterating one sees the watchers of the moment the change was made.
   */
  private readonly watchers = new Map<ResourceType, readonly Watcher[]>();
  private readonly queue: Change[] = [];
  private dispatching = false;
  private history: Change[] = [];
  private historyHead = 0;

  constructor(private readonly kernel: Kernel) {
    this.admissionContexts = { CREATE: this.makeAdmissionContext('CREATE'), UPDATE: this.makeAdmissionContext('UPDATE') };
    kernel.on('api.expire', (data) => this.expire(data as ExpireData));
  }

  /** The current (latest committed) resourceVersion. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  // ---- reads -------------------------------------------------------------------------------

  get<T extends KObject = KObject>(resource: ResourceRef, namespace: string, name: string): T {
    const rt = this.rt(resource);
    const obj = this.bucket(rt).get(key(rt, namespace, name));
    if (!obj) throw notFound(groupResource(rt), name);
    return obj as T;
  }

  tryGet<T extends KObject = KObject>(resource: ResourceRef, namespace: string, name: string): T | undefined {
    const rt = this.rt(resource);
    return this.bucket(rt).get(key(rt, namespace, name)) as T | undefined;
  }

  /** Items sorted by namespace then name, as etcd's key order returns them. */
  list<T extends KObject = KObject>(resource: ResourceRef, opts: ListOptions = {}): { items: T[]; resourceVersion: string } {
    const rt = this.rt(resource);
    const labels = this.labelReqs(opts.labelSelector);
    const fields = this.fieldReqs(rt, opts.fieldSelector);
    const items: T[] = [];
    for (const obj of this.bucket(rt).values()) {
      if (this.matches(rt, obj, opts.namespace, labels, fields)) items.push(obj as T);
    }
    items.sort(compareObjects);
    return { items, resourceVersion: this.resourceVersion };
  }

  /** Number of stored objects of a resource (cheap; no copy, no sort). */
  count(resource: ResourceRef): number {
    return this.bucket(this.rt(resource)).size;
  }

  // ---- writes ------------------------------------------------------------------------------

  create<T extends KObject = KObject>(input: KObject, opts: WriteOptions = {}): T {
    const rt = this.kindOf(input);
    const obj = opts.handOver ? input : deepClone(input);
    obj.metadata = obj.metadata ?? {};
    this.checkRequestNamespace(rt, obj, opts.namespace);
    if (!rt.namespaced) delete obj.metadata.namespace;
    const ctx = this.admissionContext('CREATE');
    rt.admission.defaults?.(obj, ctx);
    this.admitNamespace(rt, obj);
    this.prepareCreate(rt, obj);
    this.validate(rt, obj, ctx);
    const k = this.uniqueName(rt, obj, this.bucket(rt));
    // LimitRanger and ResourceQuota validation; quota charges the object to its namespace's quotas.
    runValidatingAdmission(rt, obj, this, ctx, opts.dryRun === true);
    if (opts.dryRun) return deepFreeze(obj) as T;
    // A kind whose strategy needs the UID (Job: its generated selector) got one in admission.
    if (!rt.admission.assignsUid || !obj.metadata.uid) obj.metadata.uid = newUid(this.kernel.prng);
    obj.metadata.creationTimestamp = formatTimestamp(this.kernel.now);
    if (rt.tracksGeneration) obj.metadata.generation = 1;
    return this.commit('ADDED', rt, obj, undefined, k) as T;
  }

  /**
   * Replaces an object. With `subresource: 'status'` only the status is taken from the input; with
   * `'finalize'` (namespaces) only spec.finalizers. A main update keeps the stored status.
   */
  update<T extends KObject = KObject>(input: KObject, opts: WriteOptions & { subresource?: Subresource } = {}): T {
    const rt = this.kindOf(input);
    const namespace = rt.namespaced ? (input.metadata?.namespace ?? opts.namespace ?? '') : '';
    const name = input.metadata?.name ?? '';
    const old = this.get(rt, namespace, name);
    const wantRv = input.metadata?.resourceVersion;
    if (wantRv !== undefined && wantRv !== '' && wantRv !== old.metadata.resourceVersion) {
      throw conflict(groupResource(rt), name, CONFLICT_MODIFIED);
    }
    const obj = this.mergeForUpdate(rt, old, opts.subresource === undefined ? this.copyForUpdate(rt, input) : input, opts.subresource);
    const ctx = this.admissionContext('UPDATE');
    // Defaulting is the main resource's PrepareForUpdate; subresource writes were merged above.
    if (opts.subresource === undefined) rt.admission.defaults?.(obj, ctx, old);
    this.validate(rt, obj, ctx, old);
    if (opts.subresource === undefined) runValidatingAdmissionUpdate(rt, obj, old, this, ctx, opts.dryRun === true);
    if (rt.tracksGeneration && !deepEqual(obj.spec, old.spec)) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    // A no-op write does not bump resourceVersion. The spec and status, where writes differ, are
    // compared first: a Lease renewal then stops at its renewTime, not after the whole metadata.
    if (deepEqual(obj.spec, old.spec) && deepEqual(obj.status, old.status) && deepEqual(obj, old)) return old as T;
    if (opts.dryRun) return deepFreeze(obj) as T;
    if (obj.metadata.deletionTimestamp && pendingFinalizers(rt, obj) === 0 && !this.waitsForKubelet(rt, obj)) {
      return this.remove(rt, obj) as T;
    }
    return this.commit('MODIFIED', rt, obj, old) as T;
  }

  /** Applies a JSON, merge or strategic-merge patch to the live object and updates it. */
  patch<T extends KObject = KObject>(
    resource: ResourceRef,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: Subresource } = {},
  ): T {
    const rt = this.rt(resource);
    const old = this.get(rt, namespace, name);
    let patched: KObject;
    try {
      patched = late().applyPatch(old, patch, type) as KObject;
    } catch (e) {
      if (e instanceof StatusError) throw e;
      throw badRequest((e as Error).message);
    }
    patched.metadata = { ...patched.metadata, resourceVersion: old.metadata.resourceVersion };
    if (patched.apiVersion !== old.apiVersion || patched.kind !== old.kind) throw badRequest('the API version in the data does not match');
    return this.update<T>(patched, opts);
  }

  /**
   * Deletes an object. Objects with finalizers, bound pods with a grace period, and namespaces
   * are only marked (deletionTimestamp) and go when their owners finish; the result says which.
   */
  delete(resource: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): { object: KObject; deleted: boolean } {
    const rt = this.rt(resource);
    const old = this.get(rt, namespace, name);
    this.checkPreconditions(rt, old, opts);
    const refused = rt.admission.validateDelete?.(old);
    if (refused) throw refused;
    if (rt.kind === 'Namespace') return this.deleteNamespace(rt, old, opts);
    const grace = this.gracePeriod(rt, old, opts.gracePeriodSeconds);
    const gcFinalizers = deletionFinalizersForGC(old, opts.propagationPolicy);
    const finalizers = gcFinalizers?.length ?? old.metadata.finalizers?.length ?? 0;
    if (grace === 0 && finalizers === 0) {
      if (opts.dryRun) return { object: old, deleted: true };
      return { object: this.remove(rt, old), deleted: true };
    }
    const regrace = !old.metadata.deletionTimestamp || this.shortensGrace(old, grace);
    if (!regrace && !gcFinalizers) return { object: old, deleted: false };
    // Only metadata changes: the new version shares the stored one's frozen spec and status.
    const obj: KObject = { ...old, metadata: { ...old.metadata } };
    if (gcFinalizers) obj.metadata.finalizers = gcFinalizers;
    if (gcFinalizers?.length === 0) delete obj.metadata.finalizers;
    if (regrace) {
      obj.metadata.deletionTimestamp = formatTimestamp(this.kernel.now + grace * 1000);
      obj.metadata.deletionGracePeriodSeconds = grace;
      if (rt.tracksGeneration) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (opts.dryRun) return { object: deepFreeze(obj), deleted: false };
    return { object: this.commit('MODIFIED', rt, obj, old), deleted: false };
  }

  /**
   * The pods/binding subresource (BindingREST): assigns a pending pod to a node — spec.nodeName
   * plus the PodScheduled=True condition, in one write. A pod already assigned or being deleted
   * is a Conflict, as on the API server.
   */
  bind(namespace: string, name: string, nodeName: string): KObject {
    const rt = this.rt('pods');
    const old = this.get(rt, namespace, name) as KObject & { spec: { nodeName?: string }; status?: { conditions?: Record<string, unknown>[] } };
    const gr = { group: '', resource: 'pods/binding' };
    if (old.metadata.deletionTimestamp) throw conflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (old.spec.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`);
    // A new object sharing the old one's frozen parts (only spec, status and metadata change).
    const prev = old.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const changed = prev?.status !== 'True';
    const conditions = (old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: changed ? formatTimestamp(this.kernel.now) : prev?.lastTransitionTime });
    const obj = { ...old, metadata: { ...old.metadata }, spec: { ...old.spec, nodeName }, status: { ...old.status, conditions } };
    return this.commit('MODIFIED', rt, obj, old);
  }

  /** The pods/eviction subresource: a delete the pod's PodDisruptionBudget must allow (eviction.ts). */
  evict(namespace: string, name: string, opts: EvictionOptions = {}): void {
    late().evictPod(this, this.kernel.now, namespace, name, opts);
  }

  // ---- watch -------------------------------------------------------------------------------

  /**
   * Streams changes of one resource to `handler`, in resourceVersion order. Without a
   * resourceVersion the current objects arrive first as ADDED (synchronously, before this
   * returns); with one, the changes after it are replayed from history, or an Expired error is
   * thrown when history no longer reaches back that far. An object that stops matching the
   * selectors arrives as DELETED, one that starts matching as ADDED (as the watch cache does).
   */
  watch(resource: ResourceRef, handler: WatchHandler, opts: WatchOptions = {}): Watch {
    const rt = this.rt(resource);
    const w: Watcher = {
      rt,
      namespace: opts.namespace,
      labels: this.labelReqs(opts.labelSelector),
      fields: this.fieldReqs(rt, opts.fieldSelector),
      handler,
      stopped: false,
    };
    if (opts.resourceVersion === undefined || opts.resourceVersion === '' || opts.resourceVersion === '0') {
      for (const obj of this.list(rt, { namespace: opts.namespace, labelSelector: w.labels, fieldSelector: w.fields }).items) {
        handler({ type: 'ADDED', object: obj });
      }
    } else {
      for (const change of this.changesSince(Number(opts.resourceVersion))) this.deliver(w, change);
    }
    this.watchers.set(rt, [...(this.watchers.get(rt) ?? []), w]);
    return {
      stop: () => {
        w.stopped = true;
        this.watchers.set(rt, (this.watchers.get(rt) ?? []).filter((x) => x !== w));
      },
    };
  }

  // ---- snapshot ----------------------------------------------------------------------------

  save(): StoreState {
    const objects: Record<string, KObject[]> = {};
    for (const [plural, bucket] of [...this.objects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      objects[plural] = [...bucket.values()].sort(compareObjects);
    }
    return { resourceVersion: this.rv, objects };
  }

  /**
   * Restores objects and resourceVersion. Watch history starts empty, as after an API server restart.
   * Stored objects (frozen: they never change) are shared with the state, not copied, so time
   * travel's snapshots and the simulations restored from them hold one copy of each.
   */
  load(s: StoreState): void {
    this.rv = s.resourceVersion;
    this.objects.clear();
    this.admissionLists.clear();
    this.history = [];
    this.historyHead = 0;
    for (const [plural, items] of Object.entries(s.objects)) {
      const rt = this.rt(plural);
      const bucket = this.bucket(rt);
      for (const o of items) bucket.set(key(rt, o.metadata.namespace ?? '', o.metadata.name ?? ''), deepFreeze(cloneSharingFrozen(o)));
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private rt(resource: ResourceRef): ResourceType {
    if (typeof resource !== 'string') return resource;
    const rt = resourceByPlural(resource);
    if (!rt) throw new Error(`unknown resource ${resource}`);
    return rt;
  }

  private kindOf(obj: KObject): ResourceType {
    const rt = obj && resourceForKind(String(obj.apiVersion), String(obj.kind));
    if (!rt) throw badRequest(`no kind "${obj?.kind}" is registered for version "${obj?.apiVersion}"`);
    return rt;
  }

  private bucket(rt: ResourceType): Map<string, KObject> {
    let b = this.objects.get(rt.plural);
    if (!b) {
      b = new Map();
      this.objects.set(rt.plural, b);
    }
    return b;
  }

  private readonly admissionContexts: Record<'CREATE' | 'UPDATE', AdmissionContext>;
  /** The admission contexts' `list` results by plural, until a write to that resource. */
  private readonly admissionLists = new Map<string, readonly KObject[]>();

  private admissionContext(operation: 'CREATE' | 'UPDATE'): AdmissionContext {
    return this.admissionContexts[operation];
  }

  /** Built once per operation (admission runs on every write); `now` and `prng` are read live. */
  private makeAdmissionContext(operation: 'CREATE' | 'UPDATE'): AdmissionContext {
    const kernel = this.kernel;
    const bucket = (rt: ResourceType) => this.bucket(rt);
    const lists = this.admissionLists;
    return {
      operation,
      get now() {
        return kernel.now;
      },
      get prng() {
        return kernel.prng;
      },
      // A kind Podlab does not model yet has no objects. The array is kept until the next write
      // of its resource (admission reads namespaces, service accounts and priority classes for
      // every pod created); admission code only reads it.
      list: (resource) => {
        const known = lists.get(resource);
        if (known !== undefined) return known;
        const rt = resourceByPlural(resource);
        const items = rt ? [...bucket(rt).values()] : [];
        lists.set(resource, items);
        return items;
      },
      get: (resource, namespace, name) => {
        const rt = resourceByPlural(resource);
        return rt ? bucket(rt).get(key(rt, namespace, name)) : undefined;
      },
    };
  }

  private checkRequestNamespace(rt: ResourceType, obj: KObject, requestNs: string | undefined): void {
    if (!rt.namespaced || requestNs === undefined) return;
    if (obj.metadata.namespace && obj.metadata.namespace !== requestNs) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = requestNs;
  }

  /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(rt: ResourceType, obj: KObject): void {
    if (!rt.namespaced) return;
    const ns = obj.metadata.namespace;
    if (!ns) return; // validation reports the missing namespace
    const nsObj = this.tryGet('namespaces', '', ns);
    if (!nsObj) throw notFound({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw forbidden(groupResource(rt), obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  /** Fields a client may not set on create (rest.BeforeCreate / FillObjectMetaSystemFields). */
  private prepareCreate(rt: ResourceType, obj: KObject): void {
    const m = obj.metadata;
    // A kind that assigns its UID in admission (Job) has already replaced any client-sent one.
    if (!rt.admission.assignsUid) delete m.uid;
    delete m.resourceVersion;
    delete m.generation;
    delete m.creationTimestamp;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    delete m.selfLink;
    delete m.managedFields;
  }

  private validate(rt: ResourceType, obj: KObject, ctx: AdmissionContext, old?: KObject): void {
    const errs = rt.admission.validate?.(obj, ctx, old) ?? [];
    if (errs.length > 0) throw invalidObject(rt.kind, rt.group, obj.metadata.name ?? obj.metadata.generateName ?? '', errs);
  }

  /** Picks the object's name (generating one for generateName, retried on collision) and checks it is free. */
  private uniqueName(rt: ResourceType, obj: KObject, bucket: Map<string, KObject>): string {
    const ns = rt.namespaced ? (obj.metadata.namespace ?? '') : '';
    if (obj.metadata.name) {
      const k = key(rt, ns, obj.metadata.name);
      if (bucket.has(k)) throw alreadyExists(groupResource(rt), obj.metadata.name);
      return k;
    }
    // The API server retries a colliding generated name (RetryGenerateName, on by default in v1.31).
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = generateNameSuffix(obj.metadata.generateName ?? '', this.kernel.prng);
      const k = key(rt, ns, name);
      if (!bucket.has(k)) {
        obj.metadata.name = name;
        return k;
      }
      if (attempt === 7) throw alreadyExists(groupResource(rt), name);
    }
    throw new Error('unreachable');
  }

  /** The private copy a main update works on: deep, or sharing frozen subtrees where the kind allows it. */
  private copyForUpdate(rt: ResourceType, input: KObject): KObject {
    if (!rt.admission.sharesFrozenOnUpdate) return deepClone(input);
    const obj = cloneSharingFrozen(input);
    if (Object.isFrozen(obj.metadata)) obj.metadata = { ...obj.metadata };
    const withSpec = obj as KObject & { spec?: object };
    if (withSpec.spec !== undefined && Object.isFrozen(withSpec.spec)) withSpec.spec = { ...withSpec.spec };
    return obj;
  }

  private mergeForUpdate(rt: ResourceType, old: KObject, obj: KObject, subresource: Subresource | undefined): KObject {
    if (subresource === 'status') {
      // Everything but the status is the stored object's, frozen and shared; only the new status
      // is copied (its frozen parts, such as unchanged container statuses, shared too).
      const merged: KObject = { ...old, metadata: { ...old.metadata } };
      merged.status = cloneSharingFrozen(obj.status);
      // deploymentStatusStrategy resets only spec and labels: the deployment controller writes the
      // revision annotation with its status, which (unlike a main update) does not bump generation.
      if (rt.kind === 'Deployment' && obj.metadata?.annotations !== undefined) merged.metadata.annotations = cloneSharingFrozen(obj.metadata.annotations);
      return merged;
    }
    if (subresource === 'finalize') {
      const merged = deepClone(old) as KObject & { spec?: { finalizers?: string[] } };
      merged.spec = { ...(merged.spec ?? {}), finalizers: [...((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])] };
      return merged;
    }
    obj.metadata = obj.metadata ?? {};
    const m = obj.metadata;
    const o = old.metadata;
    m.name = o.name;
    if (rt.namespaced) m.namespace = o.namespace;
    else delete m.namespace;
    m.uid = o.uid;
    m.creationTimestamp = o.creationTimestamp;
    m.resourceVersion = o.resourceVersion;
    delete m.generation;
    if (o.generation !== undefined) m.generation = o.generation;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
    if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
    if (rt.hasStatus) {
      if (old.status === undefined) delete obj.status;
      else obj.status = deepClone(old.status);
    }
    return obj;
  }

  private checkPreconditions(rt: ResourceType, old: KObject, opts: DeleteOptions): void {
    const p = opts.preconditions;
    if (p?.uid && p.uid !== old.metadata.uid) {
      throw conflict(groupResource(rt), old.metadata.name ?? '', `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (p?.resourceVersion && p.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(
        groupResource(rt),
        old.metadata.name ?? '',
        `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
  }

  /** Pods bound to a node are deleted gracefully: the kubelet finishes the deletion. */
  private gracePeriod(rt: ResourceType, obj: KObject, requested: number | undefined): number {
    if (rt.kind !== 'Pod') return 0;
    const pod = obj as KObject & { spec?: { nodeName?: string; terminationGracePeriodSeconds?: number }; status?: { phase?: string } };
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? POD_DEFAULT_GRACE_SECONDS;
    return Math.max(0, grace);
  }

  private shortensGrace(old: KObject, grace: number): boolean {
    const current = old.metadata.deletionGracePeriodSeconds;
    return current === undefined || grace < current;
  }

  private waitsForKubelet(rt: ResourceType, obj: KObject): boolean {
    return rt.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  private deleteNamespace(rt: ResourceType, old: KObject, opts: DeleteOptions): { object: KObject; deleted: boolean } {
    const name = old.metadata.name ?? '';
    if (IMMORTAL_NAMESPACES.has(name)) throw forbidden(groupResource(rt), name, 'this namespace may not be deleted');
    if (old.metadata.deletionTimestamp) return { object: old, deleted: false };
    const obj = deepClone(old) as KObject & { status?: { phase?: string } };
    obj.metadata.deletionTimestamp = formatTimestamp(this.kernel.now);
    obj.metadata.deletionGracePeriodSeconds = 0;
    obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
    if (opts.dryRun) return { object: deepFreeze(obj), deleted: false };
    return { object: this.commit('MODIFIED', rt, obj, old), deleted: false };
  }

  private remove(rt: ResourceType, obj: KObject): KObject {
    const ns = rt.namespaced ? (obj.metadata.namespace ?? '') : '';
    const name = obj.metadata.name ?? '';
    const prev = this.bucket(rt).get(key(rt, ns, name));
    this.bucket(rt).delete(key(rt, ns, name));
    // The final version differs from the stored one in its resourceVersion only: it shares the rest.
    const final = obj === prev ? { ...obj, metadata: { ...obj.metadata } } : obj;
    return this.commit('DELETED', rt, final, prev);
  }

  /**
   * Stores the object, stamps a new resourceVersion, freezes, records the change in the trace, and
   * notifies watchers. `k` is the object's key when the caller has it (a create: the string is then
   * built and hashed once).
   */
  private commit(type: WatchEventType, rt: ResourceType, obj: KObject, prev?: KObject, k?: string): KObject {
    this.rv++;
    obj.metadata.resourceVersion = String(this.rv);
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    k ??= key(rt, ns, name);
    if (type !== 'DELETED') this.bucket(rt).set(k, obj);
    this.admissionLists.delete(rt.plural);
    // Freezes the object too (see the invariant at the top of this file).
    this.kernel.trace.record({ time: this.kernel.now, rv: this.rv, type, resource: rt.plural, namespace: ns, name }, obj);
    if (rt.namespaced) rememberObjectKey(obj, k);
    if (rt.ttlMs !== undefined && type !== 'DELETED') {
      const data: ExpireData = { resource: rt.plural, namespace: ns, name, rv: obj.metadata.resourceVersion };
      this.kernel.schedule(rt.ttlMs, 'api.expire', data);
    }
    const change: Change = { rv: this.rv, type, rt, object: obj, prev };
    this.remember(change);
    this.enqueue(change);
    return obj;
  }

  private remember(change: Change): void {
    this.history.push(change);
    if (this.history.length - this.historyHead > WATCH_HISTORY_CAPACITY) {
      this.historyHead++;
      if (this.historyHead > WATCH_HISTORY_CAPACITY) {
        this.history = this.history.slice(this.historyHead);
        this.historyHead = 0;
      }
    }
  }

  private changesSince(rv: number): Change[] {
    if (!Number.isInteger(rv) || rv < 0) throw badRequest(`invalid resource version "${rv}"`);
    const oldest = this.history[this.historyHead]?.rv ?? this.rv + 1;
    if (rv < oldest - 1 && rv < this.rv) throw expired(`too old resource version: ${rv} (${oldest - 1})`);
    const out: Change[] = [];
    for (let i = this.historyHead; i < this.history.length; i++) {
      if (this.history[i].rv > rv) out.push(this.history[i]);
    }
    return out;
  }

  /** Delivers changes to watchers one at a time, so writes made by a handler are seen in order by all. */
  private enqueue(change: Change): void {
    this.queue.push(change);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const c = this.queue[i];
        for (const w of this.watchers.get(c.rt) ?? []) if (!w.stopped) this.deliver(w, c);
      }
    } finally {
      this.queue.length = 0;
      this.dispatching = false;
    }
  }

  private deliver(w: Watcher, c: Change): void {
    if (w.rt !== c.rt) return;
    if (w.labels.length === 0 && w.fields.length === 0) {
      if (w.namespace === undefined || c.object.metadata.namespace === w.namespace) w.handler((c.event ??= Object.freeze({ type: c.type, object: c.object })));
      return;
    }
    const now = this.matches(w.rt, c.object, w.namespace, w.labels, w.fields);
    const before = c.prev !== undefined && this.matches(w.rt, c.prev, w.namespace, w.labels, w.fields);
    if (c.type === 'DELETED') {
      if (now || before) w.handler({ type: 'DELETED', object: c.object });
    } else if (now && (before || c.type === 'ADDED')) w.handler({ type: c.type, object: c.object });
    else if (now) w.handler({ type: 'ADDED', object: c.object });
    else if (before) w.handler({ type: 'DELETED', object: c.object });
  }

  private matches(
    rt: ResourceType,
    obj: KObject,
    namespace: string | undefined,
    labels: LabelRequirements,
    fields: readonly FieldRequirement[],
  ): boolean {
    if (namespace !== undefined && rt.namespaced && obj.metadata.namespace !== namespace) return false;
    if (labels.length > 0 && !matchesLabels(labels, obj.metadata.labels)) return false;
    return fields.length === 0 || matchesFields(fields, (f) => fieldLabelValue(rt, obj, f) ?? '');
  }

  private labelReqs(sel: string | LabelRequirements | undefined): LabelRequirements {
    if (sel === undefined) return [];
    if (typeof sel !== 'string') return sel;
    try {
      return parseLabelSelector(sel);
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequest(e.message);
      throw e;
    }
  }

  private fieldReqs(rt: ResourceType, sel: string | readonly FieldRequirement[] | undefined): readonly FieldRequirement[] {
    if (sel === undefined) return [];
    let reqs: readonly FieldRequirement[];
    try {
      reqs = typeof sel === 'string' ? parseFieldSelector(sel) : sel;
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequest(e.message);
      throw e;
    }
    for (const r of reqs) {
      if (fieldLabelValue(rt, { apiVersion: '', kind: '', metadata: {} }, r.field) === undefined) {
        throw badRequest(`field label not supported: ${r.field}`);
      }
    }
    return reqs;
  }

  private expire(d: ExpireData): void {
    const obj = this.tryGet(d.resource, d.namespace, d.name);
    if (obj && obj.metadata.resourceVersion === d.rv) this.remove(this.rt(d.resource), obj);
  }
}

interface ExpireData {
  resource: string;
  namespace: string;
  name: string;
  rv: string | undefined;
}

export interface StoreState {
  resourceVersion: number;
  objects: Record<string, KObject[]>;
}

/**
 * deletionFinalizersForGarbageCollection: the object's finalizers with `orphan` or
 * `foregroundDeletion` as the propagation policy asks (an explicit policy wins over a finalizer
 * already set), or undefined when they stay as they are.
 */
function deletionFinalizersForGC(obj: KObject, policy: PropagationPolicy | undefined): string[] | undefined {
  const current = obj.metadata.finalizers ?? [];
  const gc = (f: string) => f === ORPHAN_FINALIZER || f === FOREGROUND_FINALIZER;
  const firstGc = current.find(gc);
  const orphan = policy !== undefined ? policy === 'Orphan' : firstGc === ORPHAN_FINALIZER;
  const foreground = policy !== undefined ? policy === 'Foreground' : current.includes(FOREGROUND_FINALIZER);
  const next = current.filter((f) => !gc(f));
  if (orphan) next.push(ORPHAN_FINALIZER);
  if (foreground) next.push(FOREGROUND_FINALIZER);
  const same = next.length === current.length && next.every((f) => current.includes(f));
  return same ? undefined : next;
}

/** Finalizers still holding a deleted object: metadata.finalizers, plus spec.finalizers for namespaces. */
function pendingFinalizers(rt: ResourceType, obj: KObject): number {
  const spec = rt.kind === 'Namespace' ? (obj.spec as { finalizers?: string[] } | undefined) : undefined;
  return (obj.metadata.finalizers?.length ?? 0) + (spec?.finalizers?.length ?? 0);
}

function key(rt: ResourceType, namespace: string, name: string): string {
  return rt.namespaced ? `${namespace}/${name}` : name;
}

function compareObjects(a: KObject, b: KObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a2 = a.metadata.name ?? '';
  const b2 = b.metadata.name ?? '';
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}
