/**
 * `kubectl get -w | --watch-only` (kubectl/pkg/cmd/get/get.go `watch`): one resource type, or
 * one object. The current objects are printed first (not with `--watch-only`), then one entry per
 * watch event — every event, so a row can repeat — until the watch ends: at `--request-timeout`,
 * or when the API server closes it ({@link WATCH_SERVER_TIMEOUT_MS}). kubectl exits 0 then.
 *
 * Tables go through one tabwriter that remembers column widths across flushes (liggitt/tabwriter's
 * RememberWidths): the header is printed once, with the first row, and every later row is laid
 * out on its own, as wide as the widest cell seen so far in each column. `--output-watch-events`
 * adds an EVENT column (tables) or wraps each object in `{type, object}` (other formats).
 */
import { isStatusError } from '../../engine/api/errors.ts';
import type { ResourceType } from '../../engine/api/resources.ts';
import type { KObject, WatchEventType } from '../../engine/api/types.ts';
import type { Simulation } from '../../engine/simulation.ts';
import type { ParsedArgs } from '../flags.ts';
import { tableFor } from '../printers/columns.ts';
import { goJsonCompact, goJsonString } from '../printers/json.ts';
import { sanitizeCell } from '../printers/table.ts';
import { KUBECTL_TABWRITER } from '../printers/tabwriter.ts';
import { CommandError, type CommandContext } from '../types.ts';
import { printErrors } from './errors.ts';
import { readManifests } from './manifests.ts';
import { renderObjects, type OutputFormat } from './output.ts';
import { kindGroup, objectNamespace, parseResourceArgs } from './resources.ts';
import { NO_RESOURCES } from './verbs/targets.ts';
import { ClockedWatch, requestTimeoutMs, WATCH_SERVER_TIMEOUT_MS } from './watch.ts';

/** Table decoration from get's flags. */
export interface WatchTableStyle {
  wide: boolean;
  withNamespace: boolean;
  showKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** `--server-print=false`: kubectl's own NAME and AGE columns. */
  clientSide?: boolean;
}

/** What a `get -w` watches and how it prints. */
export interface GetWatchSpec {
  rt: ResourceType;
  /** The namespace listed and watched; undefined for all namespaces or a cluster-scoped type. */
  namespace: string | undefined;
  /** Set when one object is watched (`get pod web -w`). */
  name?: string;
  labelSelector: string;
  fieldSelector: string;
  format: OutputFormat;
  table: WatchTableStyle;
  watchOnly: boolean;
  outputWatchEvents: boolean;
}

/**
 * The printing side of `get -w`, driven step by step: `start` prints the current objects,
 * `step(untilMs)` runs the simulation and returns what the events printed meanwhile.
 */
export class GetWatcher {
  private pending = '';
  /** The tabwriter's remembered column widths. */
  private readonly widths: number[] = [];
  private headerShown = false;
  private printedCount = 0;
  private watch: ClockedWatch | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: GetWatchSpec,
  ) {}

  /** Prints `initial` (unless --watch-only) and starts watching the changes after it. */
  start(initial: readonly KObject[]): void {
    if (!this.spec.watchOnly && initial.length > 0) this.print(initial, 'ADDED');
    const { rt, namespace, name, labelSelector, fieldSelector } = this.spec;
    this.watch = new ClockedWatch(
      this.sim,
      rt,
      {
        namespace: rt.namespaced ? namespace : undefined,
        labelSelector: name === undefined ? labelSelector : '',
        fieldSelector: name === undefined ? fieldSelector : `metadata.name=${name}`,
        resourceVersion: this.sim.store.resourceVersion,
      },
      (e) => {
        this.print([e.object], e.type);
        return false;
      },
    );
  }

  /** Runs the simulation up to `untilMs` (or until the watch failed) and returns the new output. */
  step(untilMs: number): string {
    this.watch?.runUntil(untilMs);
    return this.take();
  }

  /** Output printed since the last call. */
  take(): string {
    const text = this.pending;
    this.pending = '';
    return text;
  }

  stop(): void {
    this.watch?.stop();
  }

  private print(objects: readonly KObject[], type: WatchEventType): void {
    const { format } = this.spec;
    if (format.kind === 'table') this.pending += this.tableText(objects, type, format.wide);
    else for (const o of objects) this.pending += this.objectText(o, type, format);
  }

  private tableText(objects: readonly KObject[], type: WatchEventType, wide: boolean): string {
    const style = this.spec.table;
    const t = tableFor(this.spec.rt.plural, [...objects], {
      wide,
      nowMs: this.sim.now,
      withNamespace: style.withNamespace,
      showLabels: style.showLabels,
      labelColumns: style.labelColumns,
      kindPrefix: style.showKind ? kindGroup(this.spec.rt) : undefined,
      clientSide: style.clientSide,
    });
    const events = this.spec.outputWatchEvents;
    const lines = t.rows.map((r) => (events ? [EVENT_CELL[type], ...r] : r).map(sanitizeCell));
    if (lines.length === 0) return '';
    if (!style.noHeaders && !this.headerShown) lines.unshift(events ? ['EVENT', ...t.headers] : t.headers);
    this.headerShown = true;
    return alignRemembering(lines, this.widths);
  }

  private objectText(obj: KObject, type: WatchEventType, format: Exclude<OutputFormat, { kind: 'table' }>): string {
    this.printedCount++;
    if (!this.spec.outputWatchEvents || format.kind === 'name') {
      const sep = format.kind === 'yaml' && this.printedCount > 1 ? '---\n' : '';
      return sep + renderObjects(this.once(format), [{ rt: this.spec.rt, object: obj }], true);
    }
    // metav1.WatchEvent: JSONPrinter writes it compact on one line; YAML sorts its keys.
    if (format.kind === 'json') return `{"type":${goJsonString(type)},"object":${goJsonCompact(obj)}}\n`;
    const sep = format.kind === 'yaml' && this.printedCount > 1 ? '---\n' : '';
    const event = { type, object: obj } as unknown as KObject;
    return sep + renderObjects(this.once(format), [{ rt: this.spec.rt, object: event }], true);
  }

  /** Custom columns print their header with the first object only (widths are not remembered). */
  private once(format: Exclude<OutputFormat, { kind: 'table' }>): Exclude<OutputFormat, { kind: 'table' }> {
    return format.kind === 'custom-columns' && this.printedCount > 1 ? { ...format, noHeaders: true } : format;
  }
}

/** The table printer pads event types to one width (formatEventType), so EVENT stays aligned. */
const EVENT_CELL: Readonly<Record<WatchEventType, string>> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' };

const runeCount = (s: string): number => [...s].length;

/**
 * Lays out one flush of table lines (all with the same number of cells) as kubectl's tabwriter
 * does with RememberWidths: each column as wide as its widest cell plus padding, at least the
 * minimum, and never narrower than in earlier flushes. The last cell is not padded.
 */
export function alignRemembering(lines: readonly string[][], widths: number[]): string {
  const { minWidth, padding, padChar } = KUBECTL_TABWRITER;
  const columns = lines[0].length - 1;
  for (let c = 0; c < columns; c++) {
    const widest = Math.max(minWidth, ...lines.map((l) => runeCount(l[c]) + padding));
    widths[c] = Math.max(widths[c] ?? 0, widest);
  }
  return lines
    .map((l) => `${l.map((cell, c) => (c < columns ? cell + padChar.repeat(widths[c] - runeCount(cell)) : cell)).join('')}\n`)
    .join('');
}

/** The type, objects and watch of `get -w`'s arguments. */
interface WatchTarget {
  rt: ResourceType;
  namespace: string | undefined;
  names: string[];
  initial: KObject[];
  /** kubectl fails after printing when several named objects are watched (one watch per source). */
  tooMany?: string;
}

/** A started `get -w`: the watcher, and when the watch ends unless stopped first. */
export interface StartedGetWatch {
  watcher: GetWatcher;
  /** --request-timeout after the start, else the API server's watch timeout. */
  endMs: number;
}

/**
 * Parses `get -w`'s arguments, prints nothing yet, and starts the watch: the initial objects are
 * in `watcher.take()`. Returns an exit code instead when kubectl would stop before watching
 * (errors printed). The app's terminal steps the watcher with the clock and stops it on Ctrl-C.
 * @param format get's parsed `-o`
 */
export function startGetWatch(ctx: CommandContext, args: ParsedArgs, format: OutputFormat): StartedGetWatch | number {
  const timeoutMs = requestTimeoutMs(args);
  if (typeof args.flags['sort-by'] === 'string' && args.flags['sort-by'] !== '') {
    ctx.io.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
  }
  const errors: unknown[] = [];
  const target = resolveTarget(ctx, args, errors);
  if (!target) {
    const ignore = args.flags['ignore-not-found'] === true && errors.every((e) => isStatusError(e, 'NotFound'));
    return ignore ? 0 : printErrors(ctx.io, errors);
  }
  const watcher = new GetWatcher(ctx.sim, {
    rt: target.rt,
    namespace: target.namespace,
    name: target.names.length === 1 ? target.names[0] : undefined,
    labelSelector: String(args.flags.selector ?? ''),
    fieldSelector: String(args.flags['field-selector'] ?? ''),
    format,
    table: tableStyle(args, format),
    watchOnly: args.flags['watch-only'] === true,
    outputWatchEvents: args.flags['output-watch-events'] === true,
  });
  watcher.start(target.initial);
  if (target.tooMany !== undefined) {
    watcher.stop();
    ctx.io.out(watcher.take());
    throw new CommandError(target.tooMany);
  }
  return { watcher, endMs: ctx.sim.now + (timeoutMs ?? WATCH_SERVER_TIMEOUT_MS) };
}

/** Runs `kubectl get -w` / `--watch-only` as a script does: to the end of the watch in one step. */
export function runGetWatch(ctx: CommandContext, args: ParsedArgs, format: OutputFormat): number {
  const started = startGetWatch(ctx, args, format);
  if (typeof started === 'number') return started;
  if (ctx.detachWatch) {
    // The app's terminal: print the current objects now and leave the watch to the live clock.
    ctx.io.out(started.watcher.take());
    ctx.detachWatch({ take: () => started.watcher.take(), stop: () => started.watcher.stop(), endMs: started.endMs });
    return 0;
  }
  try {
    ctx.io.out(started.watcher.step(started.endMs));
  } finally {
    started.watcher.stop();
  }
  return 0;
}

function tableStyle(args: ParsedArgs, format: OutputFormat): WatchTableStyle {
  return {
    wide: format.kind === 'table' && format.wide,
    withNamespace: args.flags['all-namespaces'] === true,
    showKind: args.flags['show-kind'] === true,
    showLabels: args.flags['show-labels'] === true,
    labelColumns: ((args.flags['label-columns'] as string[] | undefined) ?? []).flatMap((c) => c.split(',')).filter((c) => c),
    noHeaders: args.flags['no-headers'] === true,
    clientSide: args.flags['server-print'] === false,
  };
}

/** The builder part: one type (SingleResourceType), its objects or the named ones; undefined on errors. */
function resolveTarget(ctx: CommandContext, args: ParsedArgs, errors: unknown[]): WatchTarget | undefined {
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const allNs = args.flags['all-namespaces'] === true;
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (filenames.length > 0) return fromFiles(ctx, args, ns, errors);
  if (args.positional.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = parseResourceArgs(args.positional);
  if (sel.types.length > 1) throw new CommandError('error: you may only specify a single resource type');
  const rt = sel.types[0];
  const namespace = rt.namespaced && !allNs ? ns : undefined;
  if (sel.names.length === 0) {
    const opts = { namespace, labelSelector: String(args.flags.selector ?? ''), fieldSelector: String(args.flags['field-selector'] ?? '') };
    return { rt, namespace, names: [], initial: [...ctx.sim.store.list(rt, opts).items] };
  }
  const names = sel.names.map((n) => n.name);
  const initial = fetchAll(ctx, rt, rt.namespaced ? ns : '', names, errors);
  if (errors.length > 0) return undefined;
  const tooMany = names.length > 1 ? 'error: you may only watch a single resource or type of resource at a time' : undefined;
  return { rt, namespace: rt.namespaced ? ns : undefined, names, initial, tooMany };
}

function fromFiles(ctx: CommandContext, args: ParsedArgs, ns: string, errors: unknown[]): WatchTarget | undefined {
  const filenames = args.flags.filename as string[];
  const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  errors.push(...m.errors);
  if (errors.length > 0 || m.objects.length === 0) return undefined;
  if (new Set(m.objects.map((o) => o.rt)).size > 1) {
    throw new CommandError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  const rt = m.objects[0].rt;
  const namespace = objectNamespace(rt, m.objects[0].object, ns);
  const names = m.objects.map((o) => o.object.metadata?.name ?? '');
  const initial = fetchAll(ctx, rt, namespace, names, errors);
  if (errors.length > 0) return undefined;
  // One file's documents are one source that cannot be watched as a whole; several files, several sources.
  const tooMany =
    names.length < 2
      ? undefined
      : filenames.length === 1
        ? `error: watch is only supported on individual resources and resource collections - ${names.length} resources were found`
        : 'error: you may only watch a single resource or type of resource at a time';
  return { rt, namespace: rt.namespaced ? namespace : undefined, names, initial, tooMany };
}

function fetchAll(ctx: CommandContext, rt: ResourceType, ns: string, names: readonly string[], errors: unknown[]): KObject[] {
  const found: KObject[] = [];
  for (const name of names) {
    try {
      found.push(ctx.sim.store.get(rt, ns, name));
    } catch (e) {
      errors.push(e);
    }
  }
  return found;
}
