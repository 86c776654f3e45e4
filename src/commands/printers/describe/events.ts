/**
 * The Events section every describer ends with (describe.go `searchEvents` and `DescribeEvents`):
 * events are found by field selector on the involved object (name, namespace, and kind / uid when
 * known), sorted by lastTimestamp with Go's (unstable) sort, and printed as a Type / Reason / Age /
 * From / Message table; a repeated event's Age reads `<last> (x<count> over <first>)`.
 */
import type { FieldRequirement } from '../../../engine/api/selectors.ts';
import type { KEvent } from '../../../engine/api/types.ts';
import { parseTimestamp } from '../../../engine/kernel/time.ts';
import { translateTimestampSince } from '../age.ts';
import { goSort } from './go-sort.ts';
import { LEVEL_0, LEVEL_1, str, type PrefixWriter } from './writer.ts';
import type { DescribeContext } from './types.ts';

/** The reference describe searches events for (client-go GetFieldSelector's four fields). */
export interface EventRef {
  name: string;
  /** `''` for cluster-scoped objects: the search then spans every namespace. */
  namespace: string;
  kind?: string;
  uid?: string;
}

/** searchEvents: `involvedObject.name/namespace[/kind][/uid]` in the object's namespace. */
export function searchEvents(ctx: DescribeContext, ref: EventRef): KEvent[] {
  const fields: FieldRequirement[] = [
    { field: 'involvedObject.name', op: '=', value: ref.name },
    { field: 'involvedObject.namespace', op: '=', value: ref.namespace },
  ];
  if (ref.kind) fields.push({ field: 'involvedObject.kind', op: '=', value: ref.kind });
  if (ref.uid) fields.push({ field: 'involvedObject.uid', op: '=', value: ref.uid });
  return ctx.store.list<KEvent>('events', { namespace: ref.namespace === '' ? undefined : ref.namespace, fieldSelector: fields }).items;
}

/** The time an event sorts by (kubectl util/event SortableEvents: LastTimestamp). */
function lastTime(e: KEvent): number {
  const t = typeof e.lastTimestamp === 'string' && e.lastTimestamp !== '' ? parseTimestamp(e.lastTimestamp) : Number.NaN;
  // A zero time sorts before every real one.
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

interface Series {
  count?: number;
  lastObservedTime?: string;
}

/** DescribeEvents. */
export function describeEvents(events: readonly KEvent[], w: PrefixWriter, nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort([...events], (a, b) => lastTime(a) < lastTime(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const eventTime = str(e.eventTime);
    const first = translateTimestampSince(eventTime !== '' ? eventTime : str(e.firstTimestamp), nowMs);
    const series = e.series as Series | null | undefined;
    const count = e.count ?? 0;
    let interval: string;
    if (series) interval = `${translateTimestampSince(str(series.lastObservedTime), nowMs)} (x${series.count ?? 0} over ${first})`;
    else if (count > 1) interval = `${translateTimestampSince(str(e.lastTimestamp), nowMs)} (x${count} over ${first})`;
    else interval = first;
    const source = str(e.source?.component) || str(e.reportingComponent);
    w.write(LEVEL_1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}
