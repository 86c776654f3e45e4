/**
 * Kubernetes Events (core/v1), recorded the way client-go's EventRecorder does: one Event per
 * occurrence, named `<object>.<hex unix nanos>`, passed through the EventCorrelator
 * (tools/record/events_cache.go) first:
 * - aggregation: the 10th distinct message within 10 minutes for the same (source, object, type,
 *   reason) becomes one Event "(combined from similar events): <message>", counted from then on;
 * - deduplication: a repeat of the same (source, object, type, reason, message) bumps `count` and
 *   `lastTimestamp` on the existing Event instead of creating a new one;
 * - spam filtering: a source may write 25 events about one object in a burst, then one every
 *   5 minutes (a token bucket per source and object); the rest are dropped, though they still count.
 * Each source's caches hold at most 4,096 entries, least recently used dropped first (source-lru.ts).
 * The correlator's memory snapshots with the simulation (`save`/`load`).
 */
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_UNIX_MS, formatTimestamp } from '../kernel/time.ts';
import { isStatusError } from './errors.ts';
import { SourceLru } from './source-lru.ts';
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

/** EventAggregator: distinct messages per aggregate key within the interval, oldest first. */
interface AggregateRecord {
  messages: string[];
  lastMs: number;
}

/** eventLogger: what the recorder last wrote for a key (the Event's name and its count). */
interface Observation {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
}

/** EventSourceObjectSpamFilter: a token bucket per source and object. */
interface SpamBucket {
  tokens: number;
  atMs: number;
}

/** The correlator's memory, as a snapshot holds it. */
export interface EventRecorderState {
  aggregates: [string, AggregateRecord][];
  observations: [string, Observation][];
  spam: [string, SpamBucket][];
}

/** defaultAggregateMaxEvents and defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst and defaultSpamQPS (one event every 300 s). */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const COMBINED_PREFIX = '(combined from similar events): ';

export class EventRecorder {
  /** The hex nanoseconds of the instant `hexAt` (event names at one instant share them). */
  private hexAt = Number.NaN;
  private hex = '';
  /** Per `namespace/object` at the instant `hexAt`: the nanosecond after the last name handed out. */
  private nextNanos = new Map<string, bigint>();
  private readonly aggregates = new SourceLru<AggregateRecord>(sourceOfKey);
  private readonly observations = new SourceLru<Observation>(sourceOfKey);
  private readonly spam = new SourceLru<SpamBucket>(sourceOfKey);

  constructor(
    private readonly store: ApiStore,
    private readonly kernel: Kernel,
  ) {}

  /**
   * The correlator's memory, independent of what it does next: an aggregate record changes in
   * place, so it is copied; observations and spam buckets are replaced on every write, never
   * changed, so a saved state (time travel's snapshots) shares them.
   */
  save(): EventRecorderState {
    const aggregates: [string, AggregateRecord][] = [];
    for (const [k, r] of this.aggregates.entries()) aggregates.push([k, { messages: [...r.messages], lastMs: r.lastMs }]);
    return { aggregates, observations: this.observations.entries(), spam: this.spam.entries() };
  }

  load(state: EventRecorderState | undefined): void {
    if (!state) return;
    this.aggregates.load(state.aggregates.map(([k, r]) => [k, { messages: [...r.messages], lastMs: r.lastMs }]));
    this.observations.load(state.observations.map(([k, o]) => [k, { ...o }]));
    this.spam.load(state.spam.map(([k, b]) => [k, { ...b }]));
  }

  /**
   * Records an event (EventCorrelate, then the write): returns the stored Event — new, or the one
   * it was counted into — or undefined when the spam filter dropped it or it could not be written.
   */
  record(spec: EventSpec): KEvent | undefined {
    const made = this.makeEvent(spec);
    const spam = spamKey(made);
    const { event, key } = this.aggregate(made, spam);
    const seen = this.observations.get(key);
    const count = (seen?.count ?? 0) + 1;
    const firstTimestamp = seen?.firstTimestamp ?? event.firstTimestamp ?? '';
    const name = seen?.name ?? event.metadata.name ?? '';
    this.observations.set(key, { namespace: event.metadata.namespace ?? '', name, count, firstTimestamp });
    if (!this.acceptSpam(spam)) return undefined; // the combined event has the same source and object
    const stored = seen && this.store.tryGet<KEvent>('events', seen.namespace, seen.name);
    if (stored) {
      return this.store.update<KEvent>({ ...stored, count, message: event.message, lastTimestamp: event.lastTimestamp });
    }
    // A first occurrence, or one whose Event has expired meanwhile: created with the count so far.
    event.metadata.name = name;
    event.count = count;
    event.firstTimestamp = firstTimestamp;
    try {
      return this.store.create<KEvent>(event, { handOver: true });
    } catch (e) {
      // Like client-go, an event that cannot be written (e.g. its namespace is terminating) is dropped.
      if (isStatusError(e)) return undefined;
      throw e;
    }
  }

  /** EventAggregate: the event itself (keyed by its full key), or the combined one (by its group). */
  private aggregate(event: KEvent, spam: string): { event: KEvent; key: string } {
    const now = this.kernel.now;
    const group = aggregateKey(event, spam);
    let record = this.aggregates.get(group);
    if (!record || now - record.lastMs > AGGREGATE_INTERVAL_MS) record = { messages: [], lastMs: now };
    const message = event.message ?? '';
    if (!record.messages.includes(message)) record.messages.push(message);
    record.lastMs = now;
    this.aggregates.set(group, record);
    if (record.messages.length < AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event, spam) };
    // Go pops an arbitrary message to keep the set at 9; the oldest is the deterministic choice.
    record.messages.shift();
    return { event: { ...event, message: COMBINED_PREFIX + message }, key: group };
  }

  /** TryAccept on the source+object's token bucket (burst 25, one more every 5 minutes). */
  private acceptSpam(key: string): boolean {
    const now = this.kernel.now;
    const b = this.spam.get(key) ?? { tokens: SPAM_BURST, atMs: now };
    const tokens = Math.min(SPAM_BURST, b.tokens + (now - b.atMs) / SPAM_REFILL_MS);
    const accepted = tokens >= 1;
    this.spam.set(key, { tokens: accepted ? tokens - 1 : tokens, atMs: now });
    return accepted;
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

/** The source (component and host) every correlator key starts with: whose cache it is in. */
function sourceOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000', key.indexOf('\u0000') + 1));
}

/** getSpamKey: the source and the object (the prefix of the two keys below, built once per event). */
function spamKey(e: KEvent): string {
  const r = e.involvedObject;
  return [e.source?.component ?? '', e.source?.host ?? '', r.kind ?? '', r.namespace ?? '', r.name ?? '', r.uid ?? '', r.apiVersion ?? ''].join('\u0000');
}

/** getEventKey: what makes two occurrences the same event (counted into one). */
function eventKey(e: KEvent, spam: string): string {
  return [spam, e.involvedObject.fieldPath ?? '', e.type ?? '', e.reason ?? '', e.message ?? ''].join('\u0000');
}

/** EventAggregatorByReasonFunc's aggregate key: the same event but for its message. */
function aggregateKey(e: KEvent, spam: string): string {
  return [spam, e.type ?? '', e.reason ?? '', e.reportingComponent ?? '', e.reportingInstance ?? ''].join('\u0000');
}
