/**
 * `kubectl events` (kubectl pkg/cmd/events, v1.31): core/v1 Events of a namespace (or every
 * namespace with -A), optionally only those about one object (`--for TYPE/NAME`, a field selector
 * on the involved object's kind and name) and of some types (`--types`), sorted by when they last
 * happened with Go's sort.Sort, printed as LAST SEEN / TYPE / REASON / OBJECT / MESSAGE or as an
 * EventList with `-o yaml|json|name|jsonpath=`. `--watch` prints every event the watch delivers
 * (the current ones first, in the API server's order, unsorted), one at a time, until the watch ends.
 */
import type { FieldRequirement } from '../../../engine/api/selectors.ts';
import { resourceByPlural, resolveResourceName } from '../../../engine/api/resources.ts';
import type { KEvent } from '../../../engine/api/types.ts';
import { parseTimestamp } from '../../../engine/kernel/time.ts';
import type { ParsedArgs } from '../../flags.ts';
import { translateTimestampSince } from '../../printers/age.ts';
import { goSort } from '../../printers/describe/go-sort.ts';
import { renderJsonPath } from '../../printers/jsonpath.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { alignRemembering } from '../get-watch.ts';
import { toStructJson } from '../kubeconfig.ts';
import { ClockedWatch, requestTimeoutMs, WATCH_SERVER_TIMEOUT_MS } from '../watch.ts';

const ALLOWED_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

interface EventsOptions {
  namespace: string;
  allNamespaces: boolean;
  /** The `--for` object's kind and name. */
  forObject?: { kind: string; name: string };
  types: string[];
  output: string;
  noHeaders: boolean;
}

/** decodeResourceTypeName: `TYPE/NAME` with TYPE resolved as the RESTMapper resolves it. */
function parseFor(value: string): { kind: string; name: string } | undefined {
  if (value === '') return undefined;
  if (!value.includes('/')) throw new CommandError('error: --for must be in resource/name form');
  const parts = value.split('/');
  if (parts.length !== 2) throw new CommandError('error: arguments in resource/name form may not have more than one slash');
  const rt = resolveResourceName(parts[0]);
  if (!rt) throw new CommandError(`error: the server doesn't have a resource type "${parts[0]}"`);
  return { kind: rt.kind, name: parts[1] };
}

function toOptions(args: ParsedArgs): EventsOptions {
  const forObject = parseFor(String(args.flags.for ?? ''));
  const output = String(args.flags.output ?? '');
  if (output !== '' && !['yaml', 'json', 'name'].includes(output) && !output.startsWith('jsonpath=')) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}`);
  }
  // sets.NewString(...).List(): deduplicated and sorted.
  const types = [...new Set(((args.flags.types as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter((t) => t !== ''))].sort();
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) {
    throw new CommandError('error: valid --types are Normal or Warning');
  }
  return {
    namespace: String(args.flags.namespace ?? '') || 'default',
    allNamespaces: args.flags['all-namespaces'] === true,
    forObject,
    types,
    output,
    noHeaders: args.flags['no-headers'] === true,
  };
}

/** The field selector on the `--for` object's kind and name. */
function forSelector(o: EventsOptions): FieldRequirement[] {
  if (!o.forObject) return [];
  return [
    { field: 'involvedObject.kind', op: '=', value: o.forObject.kind },
    { field: 'involvedObject.name', op: '=', value: o.forObject.name },
  ];
}

/** filteredEventType: every type when --types is empty, else the listed ones in any case. */
const wantedType = (o: EventsOptions, t: string | undefined): boolean =>
  o.types.length === 0 || o.types.some((w) => w.toLowerCase() === (t ?? '').toLowerCase());

function listEvents(ctx: CommandContext, o: EventsOptions): KEvent[] {
  const namespace = o.allNamespaces ? undefined : o.namespace;
  const items = ctx.sim.store.list<KEvent>('events', { namespace, fieldSelector: forSelector(o) }).items;
  return items.filter((e) => wantedType(o, e.type));
}

interface Series {
  count?: number;
  lastObservedTime?: string;
}

const seriesOf = (e: KEvent): Series | undefined => ((e as { series?: Series | null }).series ?? undefined) || undefined;

/** eventTime() of the source: the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: KEvent): number {
  const series = seriesOf(e);
  const ts = series ? series.lastObservedTime : e.lastTimestamp || e.eventTime;
  const t = ts ? parseTimestamp(ts) : Number.NaN;
  // A zero time sorts before every real one.
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** getInterval: `<age>`, or `<last> (xN over <first>)` for a repeated event. */
function interval(e: KEvent, nowMs: number): string {
  const first = translateTimestampSince(e.eventTime || e.firstTimestamp, nowMs);
  const series = seriesOf(e);
  if (series) return `${translateTimestampSince(series.lastObservedTime, nowMs)} (x${series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

const HEADERS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];

/** EventPrinter's cells: NAMESPACE with -A, then LAST SEEN, TYPE, REASON, OBJECT (Kind/name), MESSAGE. */
function cells(e: KEvent, o: EventsOptions, nowMs: number): string[] {
  const row = [interval(e, nowMs), e.type ?? '', e.reason ?? '', `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`, (e.message ?? '').trim()];
  return o.allNamespaces ? [e.metadata.namespace ?? '', ...row] : row;
}

function headerCells(o: EventsOptions): string[] {
  return o.allNamespaces ? ['NAMESPACE', ...HEADERS] : HEADERS;
}

function table(events: readonly KEvent[], o: EventsOptions, nowMs: number): string {
  const lines = events.map((e) => cells(e, o, nowMs));
  if (!o.noHeaders) lines.unshift(headerCells(o));
  return alignTabs(lines.map((l) => `${l.join('\t')}\n`).join(''));
}

/** An Event as client-go's typed core/v1.Event marshals it: struct field order, non-omitempty fields always present. */
function typedEvent(e: KEvent): Record<string, unknown> {
  const m = e.metadata;
  const rec = e as unknown as Record<string, unknown>;
  const ref = e.involvedObject;
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: {
      name: m.name,
      generateName: m.generateName,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp ?? null,
      deletionTimestamp: m.deletionTimestamp,
      labels: m.labels,
      annotations: m.annotations,
      ownerReferences: m.ownerReferences,
      finalizers: m.finalizers,
    },
    involvedObject: {
      kind: ref.kind || undefined,
      namespace: ref.namespace || undefined,
      name: ref.name || undefined,
      uid: ref.uid || undefined,
      apiVersion: ref.apiVersion || undefined,
      resourceVersion: ref.resourceVersion || undefined,
      fieldPath: ref.fieldPath || undefined,
    },
    reason: e.reason || undefined,
    message: e.message || undefined,
    source: { component: e.source?.component || undefined, host: e.source?.host || undefined },
    firstTimestamp: e.firstTimestamp || null,
    lastTimestamp: e.lastTimestamp || null,
    count: e.count || undefined,
    type: e.type || undefined,
    eventTime: e.eventTime || null,
    series: seriesOf(e),
    action: rec.action || undefined,
    related: rec.related ?? undefined,
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

function printList(events: readonly KEvent[], output: string): string {
  // kubectl's name printer refuses a typed list ("list types are not supported by name
  // printing") and the command ignores the printer's error: nothing is printed, exit 0.
  if (output === 'name') return '';
  // The command builds its EventList with only a type: its list metadata is empty.
  const list = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: events.map(typedEvent) };
  if (output === 'json') return toStructJson(list);
  if (output === 'yaml') return toYaml(list);
  return renderJsonPath(output.slice('jsonpath='.length), JSON.parse(JSON.stringify(list)));
}

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
  examples: `# List recent events in the default namespace
kubectl events

# List recent events in all namespaces
kubectl events --all-namespaces

# List recent events for the specified pod, then wait for more events and list them as they arrive
kubectl events --for pod/web-pod-13je7 --watch

# List recent events in YAML format
kubectl events -oyaml

# List recent only events of type 'Warning' or 'Normal'
kubectl events --types=Warning,Normal`,
  usage:
    'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    {
      name: 'allow-missing-template-keys',
      type: 'bool',
      default: true,
      usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
    },
    {
      name: 'chunk-size',
      type: 'int',
      default: 500,
      usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
    },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      usage:
        'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
    },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    {
      name: 'template',
      type: 'string',
      usage:
        'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    },
    { name: 'types', type: 'strings', usage: 'Output only events of given types.' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
  ],
  completion: { args: 'none' },
  run(ctx, args) {
    const o = toOptions(args);
    if (args.flags.watch === true) return runWatch(ctx, o, requestTimeoutMs(args));
    const events = goSort(listEvents(ctx, o), (a, b) => sortTime(a) < sortTime(b));
    if (events.length === 0) {
      ctx.io.err(o.allNamespaces ? 'No events found.\n' : `No events found in ${o.namespace} namespace.\n`);
      return 0;
    }
    ctx.io.out(o.output === '' ? table(events, o, ctx.sim.now) : printList(events, o.output));
    return 0;
  },
};

/**
 * runWatch: a watch without a resourceVersion (the current events arrive first as ADDED, in the
 * API server's order), printing each delivered event but deletions and filtered types as it
 * arrives: a table row through a tabwriter that remembers its widths (the header with the first
 * row), or one object per event (YAML documents separated by `---`). It ends when the API server
 * closes the watch, or at --request-timeout; kubectl then exits 0.
 */
function runWatch(ctx: CommandContext, o: EventsOptions, timeoutMs: number | undefined): number {
  const widths: number[] = [];
  let printed = 0;
  // The app's terminal follows the watch live (ctx.detachWatch): what it prints waits in `pending`.
  let pending = '';
  const out = (text: string): void => {
    if (ctx.detachWatch) pending += text;
    else ctx.io.out(text);
  };
  const print = (e: KEvent): void => {
    printed++;
    if (o.output === '') {
      const lines = [cells(e, o, ctx.sim.now)];
      if (printed === 1 && !o.noHeaders) lines.unshift(headerCells(o));
      out(alignRemembering(lines, widths));
    } else if (o.output === 'yaml') out(`${printed > 1 ? '---\n' : ''}${toYaml(typedEvent(e))}`);
    else if (o.output === 'json') out(toStructJson(typedEvent(e)));
    // One object at a time, the name printer accepts it (unlike the listed EventList).
    else if (o.output === 'name') out(`event/${e.metadata.name ?? ''}\n`);
    else out(renderJsonPath(o.output.slice('jsonpath='.length), JSON.parse(JSON.stringify(typedEvent(e)))));
  };
  const namespace = o.allNamespaces ? undefined : o.namespace;
  const watch = new ClockedWatch(ctx.sim, resourceByPlural('events')!, { namespace, fieldSelector: forSelector(o) }, (ev) => {
    // Events expire after an hour; their deletions are not printed.
    if (ev.type !== 'DELETED' && wantedType(o, (ev.object as KEvent).type)) print(ev.object as KEvent);
    return false;
  });
  if (ctx.detachWatch) {
    const take = (): string => {
      const text = pending;
      pending = '';
      return text;
    };
    ctx.io.out(take());
    ctx.detachWatch({ take, stop: () => watch.stop(), endMs: ctx.sim.now + (timeoutMs ?? WATCH_SERVER_TIMEOUT_MS) });
    return 0;
  }
  try {
    watch.runUntil(ctx.sim.now + (timeoutMs ?? WATCH_SERVER_TIMEOUT_MS));
  } finally {
    watch.stop();
  }
  if (watch.error !== undefined) throw watch.error;
  return 0;
}
