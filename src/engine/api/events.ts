/**
 * Kubernetes Events (core/v1), recorded the way client-go's EventRecorder does: one Event per
 * occurrence, named `<object>.<hex unix nanos>`, and a repeat of the same (source, object, type,
 * reason, message) bumps `count` and `lastTimestamp` on the existing Event instead of creating a
 * new one (the EventCorrelator's deduplication).
 */
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_UNIX_MS, formatTimestamp } from '../kernel/time.ts';
import { isStatusError } from './errors.ts';
import type { ApiStore } from './store.ts';
import type { KEvent, KObject, ObjectReference } from './types.ts';

export interface EventSpec {
  /** The object the event is about. */
  involved: KObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Reporting component, e.g. `default-scheduler`, `kubelet`, `deployment-controller`. */
  component: string;
  /** Node name for node-local components (the kubelet). */
  host?: string;
  fieldPath?: string;
}

export class EventRecorder {
  /** The hex nanoseconds of the instant `hexAt` (event names at one instant share them). */
  private hexAt = Number.NaN;
  private hex = '';
  /** Per `namespace/object` at the instant `hexAt`: the nanosecond after the last name handed out. */
  private nextNanos = new Map<string, bigint>();
  /** Aggregation key → event (namespace/name) that already counts this occurrence. */
  private seen = new Map<string, { namespace: string; name: string }>();

  constructor(
    private readonly store: ApiStore,
    private readonly kernel: Kernel,
  ) {
    for (const e of store.list<KEvent>('events').items) {
      this.seen.set(aggregationKey(e), { namespace: e.metadata.namespace ?? '', name: e.metadata.name ?? '' });
    }
  }

  /** Records an event; returns the stored Event (new, or the aggregated one with count+1). */
  record(spec: EventSpec): KEvent | undefined {
    const event = this.makeEvent(spec);
    const k = aggregationKey(event);
    const existing = this.seen.get(k);
    const stored = existing && this.store.tryGet<KEvent>('events', existing.namespace, existing.name);
    if (stored) {
      return this.store.update<KEvent>({
        ...stored,
        count: (stored.count ?? 1) + 1,
        lastTimestamp: event.lastTimestamp,
      });
    }
    try {
      const created = this.store.create<KEvent>(event, { handOver: true });
      this.seen.set(k, { namespace: created.metadata.namespace ?? '', name: created.metadata.name ?? '' });
      return created;
    } catch (e) {
      // Like client-go, an event that cannot be written (e.g. its namespace is terminating) is dropped.
      if (isStatusError(e)) return undefined;
      throw e;
    }
  }

  private makeEvent(spec: EventSpec): KEvent {
    const o = spec.involved;
    const namespace = o.metadata.namespace || 'default';
    const ref: ObjectReference = {
      kind: o.kind,
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      uid: o.metadata.uid,
      apiVersion: o.apiVersion,
      resourceVersion: o.metadata.resourceVersion,
    };
    if (spec.fieldPath) ref.fieldPath = spec.fieldPath;
    if (!ref.namespace) delete ref.namespace;
    const t = formatTimestamp(this.kernel.now);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(o.metadata.name ?? '', namespace), namespace },
      involvedObject: ref,
      reason: spec.reason,
      message: spec.message,
      source: spec.host ? { component: spec.component, host: spec.host } : { component: spec.component },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type: spec.type,
      eventTime: null,
      reportingComponent: spec.component,
      reportingInstance: spec.host ?? '',
    };
  }

  /** `<name>.<unix nanoseconds in hex>`, nudged forward a nanosecond at a time if taken. */
  private eventName(objectName: string, namespace: string): string {
    // Most events share the instant of the one before (a scheduler binding a batch, say).
    if (this.hexAt !== this.kernel.now) {
      this.hexAt = this.kernel.now;
      this.hex = (BigInt(EPOCH_UNIX_MS + this.kernel.now) * 1_000_000n).toString(16);
      this.nextNanos.clear();
    }
    const first = `${objectName}.${this.hex}`;
    if (!this.store.tryGet('events', namespace, first)) return first;
    // A controller recording hundreds of events on one object at one instant (a ReplicaSet creating
    // its pods) would probe every taken name again each time: start after the last one given out.
    const memo = `${namespace}/${objectName}`;
    let nanos = this.nextNanos.get(memo) ?? BigInt(EPOCH_UNIX_MS + this.kernel.now) * 1_000_000n + 1n;
    for (;;) {
      const name = `${objectName}.${nanos.toString(16)}`;
      if (!this.store.tryGet('events', namespace, name)) {
        this.nextNanos.set(memo, nanos + 1n);
        return name;
      }
      nanos += 1n;
    }
  }
}

function aggregationKey(e: KEvent): string {
  const r = e.involvedObject;
  return [
    e.source?.component,
    e.source?.host,
    r.kind,
    r.namespace,
    r.name,
    r.uid,
    r.apiVersion,
    r.fieldPath,
    e.type,
    e.reason,
    e.message,
  ].join('\u0000');
}
