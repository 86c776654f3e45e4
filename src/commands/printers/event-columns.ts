/**
 * `kubectl get events` columns, following printers.go `printEvent`. Default columns are
 * LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; `-o wide` adds SUBOBJECT and SOURCE before MESSAGE and
 * FIRST SEEN, COUNT, NAME after it.
 */
import { translateTimestampSince } from './age.ts';
import { asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';

function firstNonEmpty(...values: string[]): string {
  return values.find((v) => v !== '') ?? '';
}

/** SOURCE: `component` or `component, host`, falling back to the reporting controller/instance. */
export function eventSource(event: Record<string, unknown>): string {
  const source = asRecord(event.source);
  // core/v1 serialises ReportingController as `reportingComponent`.
  const component = firstNonEmpty(asString(source.component), asString(event.reportingComponent));
  const instance = firstNonEmpty(asString(source.host), asString(event.reportingInstance));
  return instance === '' ? component : `${component}, ${instance}`;
}

/** Event table printer (printers.go `eventColumnDefinitions` / `printEvent`). */
export const eventPrinter: ResourcePrinter = {
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1 },
  ],
  row(obj, ctx) {
    const ev = obj as unknown as Record<string, unknown>;
    const involved = asRecord(ev.involvedObject);
    const first = asString(ev.firstTimestamp) !== '' ? ev.firstTimestamp : ev.eventTime;
    const firstSeen = translateTimestampSince(asString(first), ctx.nowMs);
    const series = ev.series === undefined || ev.series === null ? undefined : asRecord(ev.series);
    const last = asString(ev.lastTimestamp);
    let lastSeen = last !== '' ? translateTimestampSince(last, ctx.nowMs) : firstSeen;
    let count = asNumber(ev.count);
    if (series !== undefined) {
      lastSeen = translateTimestampSince(asString(series.lastObservedTime), ctx.nowMs);
      count = asNumber(series.count);
    } else if (count === 0) count = 1;
    const kind = asString(involved.kind).toLowerCase();
    const name = asString(involved.name);
    return [
      lastSeen,
      asString(ev.type),
      asString(ev.reason),
      name === '' ? kind : `${kind}/${name}`,
      asString(involved.fieldPath),
      eventSource(ev),
      asString(ev.message).trim(),
      firstSeen,
      String(count),
      asString(obj.metadata.name),
    ];
  },
};
