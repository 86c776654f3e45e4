/**
 * `kubectl wait --for=delete | condition=NAME[=VALUE] | jsonpath='{EXPR}'[=VALUE]` (kubectl v1.31,
 * pkg/cmd/wait): waits for each object in turn, over simulated time, under one shared deadline
 * (`--timeout`, 30 s by default; 0 checks once; negative waits a week). An object whose condition
 * is met is printed at once (`pod/web condition met`); errors — timeouts, NotFound — are printed
 * together at the end, as kubectl's continue-on-error builder aggregates them. In the app's
 * terminal the waits follow the live clock (watch.ts runWaiting).
 */
import { isStatusError, notFound, StatusError } from '../../../engine/api/errors.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { parseGoDuration } from '../../go-duration.ts';
import { formatGoNumber } from '../../printers/gofloat.ts';
import { JpEvaluator } from '../../printers/jsonpath-eval.ts';
import { JpParseError, parseJsonPath, type JpList } from '../../printers/jsonpath-parser.ts';
import { CommandError, type Command, type CommandContext, type CommandIO } from '../../types.ts';
import { printErrors, standardMessage } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { parseOutputFormat, renderObjects, type OutputFormat } from '../output.ts';
import { kindSlashName, objectNamespace, parseResourceArgs } from '../resources.ts';
import { ClockedWatch, runWaiting, WAIT_FOREVER_MS, type PendingWait, type WaitSteps } from '../watch.ts';
import { NO_RESOURCES } from './targets.ts';

const LONG = `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be deleted by providing the "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`;

const EXAMPLES = `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
kubectl wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the service "loadbalancer" to have ingress
kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`;

export const waitCommand: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: LONG,
  examples: EXAMPLES,
  usage:
    "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'identifying the resource.' },
    { name: 'for', type: 'string', default: '', usage: "The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'local', type: 'bool', default: false, usage: 'If true, annotation will NOT contact api-server but run locally.' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'recursive', short: 'R', type: 'bool', default: true, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    { name: 'timeout', type: 'duration', default: '30s', usage: "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week." },
  ],
  run: runWait,
};

/** What `--for` asks for. `check` throws kubectl's error for a JSONPath it cannot compare. */
type Condition = { kind: 'delete' } | { kind: 'check'; check: (obj: KObject) => boolean };

/** One object to wait for; `listed` is the object a selector listing found (names are fetched lazily). */
interface WaitTarget {
  rt: ResourceType;
  namespace: string;
  name: string;
  listed?: KObject;
}

/** How a met object is printed: `-o` as given, '' being the "condition met" name line. */
type WaitPrinter = (rt: ResourceType, obj: KObject) => string;

function runWait(ctx: CommandContext, args: ParsedArgs): number {
  const printer = waitPrinter(String(args.flags.output));
  const condition = conditionFor(String(args.flags.for));
  const givenMs = parseGoDuration(String(args.flags.timeout));
  const timeoutMs = givenMs < 0 ? WAIT_FOREVER_MS : givenMs;
  const errors: unknown[] = [];
  const targets = waitTargets(ctx, args, errors);
  return runWaiting(ctx, (io) => waitAll(ctx, io, { targets, condition, printer, timeoutMs, errors }));
}

interface WaitPlan {
  targets: readonly WaitTarget[];
  condition: Condition;
  printer: WaitPrinter;
  timeoutMs: number;
  /** Errors met while finding the targets; the waits add theirs. */
  errors: unknown[];
}

/** Each object in turn under one deadline; a met one is printed at once, errors at the end. */
function* waitAll(ctx: CommandContext, io: CommandIO, plan: WaitPlan): WaitSteps {
  const { targets, condition, errors } = plan;
  const deadlineMs = ctx.sim.now + plan.timeoutMs;
  let visited = 0;
  for (const [i, t] of targets.entries()) {
    const start = t.listed ?? fetchTarget(ctx, t, errors);
    if (!start) continue;
    visited++;
    const limits = { timeoutMs: plan.timeoutMs, deadlineMs, more: i < targets.length - 1 };
    const outcome = condition.kind === 'delete' ? yield* waitDeleted(ctx, t, start, limits) : yield* waitCondition(ctx, t, condition.check, limits);
    if ('met' in outcome) io.out(plan.printer(t.rt, outcome.met));
    else errors.push(outcome.error);
  }
  // kubectl ignores NotFound for --for=delete: an object already gone is what was asked for.
  const shown = condition.kind === 'delete' ? errors.filter((e) => !isStatusError(e, 'NotFound')) : errors;
  if (shown.length > 0) return printAggregate(io, shown);
  if (visited === 0 && condition.kind !== 'delete') return printErrors(io, [new Error('no matching resources found')]);
  return 0;
}

/**
 * checkErr of the builder's aggregate: one error as usual; several through MultipleErrors, which
 * gives API errors their standard form and other errors their bare message (no `error: `).
 */
function printAggregate(io: CommandIO, errors: readonly unknown[]): number {
  if (errors.length === 1) return printErrors(io, [...errors]);
  for (const e of errors) io.err(`${e instanceof StatusError ? standardMessage(e) : e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}

type Outcome = { met: KObject } | { error: unknown };

const timedOut = (t: WaitTarget): Outcome => ({ error: new Error(`timed out waiting for the condition on ${t.rt.plural}/${t.name}`) });
const notMet = (t: WaitTarget): Outcome => ({ error: new Error(`condition not met for ${t.rt.plural}/${t.name}`) });

/** The shared deadline, the timeout it came from (0: check once), and whether more objects follow. */
interface WaitLimits {
  timeoutMs: number;
  deadlineMs: number;
  more: boolean;
}

type WaitOne = Generator<PendingWait, Outcome, undefined>;

/**
 * IsDeleted: gone already (NotFound) is met; else a watch on the name until DELETED. Met prints
 * the object as it was before it went.
 */
function* waitDeleted(ctx: CommandContext, t: WaitTarget, start: KObject, { timeoutMs, deadlineMs, more }: WaitLimits): WaitOne {
  let current: KObject;
  try {
    current = ctx.sim.store.get(t.rt, t.namespace, t.name);
  } catch (e) {
    return isStatusError(e, 'NotFound') ? { met: start } : { error: e };
  }
  if (timeoutMs === 0) return notMet(t);
  if (ctx.sim.now >= deadlineMs) return timedOut(t);
  const watch = new ClockedWatch(ctx.sim, t.rt, nameWatch(ctx, t), (e) => e.type === 'DELETED');
  let deleted = false;
  try {
    yield { watch, untilMs: deadlineMs, more };
    deleted = watch.done;
  } finally {
    watch.stop();
  }
  return deleted ? { met: current } : timedOut(t);
}

/**
 * getObjAndCheckCondition: with --timeout=0 one check; else a list+watch on the name (UntilWithSync),
 * checking the object as listed and at every ADDED/MODIFIED (a DELETED one just keeps waiting).
 */
function* waitCondition(ctx: CommandContext, t: WaitTarget, check: (o: KObject) => boolean, { timeoutMs, deadlineMs, more }: WaitLimits): WaitOne {
  if (timeoutMs === 0) {
    try {
      const obj = ctx.sim.store.get(t.rt, t.namespace, t.name);
      return check(obj) ? { met: obj } : notMet(t);
    } catch (e) {
      return { error: e };
    }
  }
  if (ctx.sim.now >= deadlineMs) return timedOut(t);
  if (ctx.sim.store.list(t.rt, nameWatch(ctx, t)).items.length === 0) {
    return { error: notFound({ group: t.rt.group, resource: t.rt.plural }, t.name) };
  }
  let met: KObject | undefined;
  const watch = new ClockedWatch(ctx.sim, t.rt, { ...nameWatch(ctx, t), resourceVersion: undefined }, (e) => {
    if (e.type === 'DELETED' || !check(e.object)) return false;
    met = e.object;
    return true;
  });
  try {
    yield { watch, untilMs: deadlineMs, more };
  } finally {
    watch.stop();
  }
  if (watch.error !== undefined) return { error: watch.error };
  return met ? { met } : timedOut(t);
}

/** The watch kubectl opens on one object: its namespace and `metadata.name=NAME`, from now on. */
function nameWatch(ctx: CommandContext, t: WaitTarget) {
  return {
    namespace: t.rt.namespaced ? t.namespace : undefined,
    fieldSelector: `metadata.name=${t.name}`,
    resourceVersion: ctx.sim.store.resourceVersion,
  };
}

function fetchTarget(ctx: CommandContext, t: WaitTarget, errors: unknown[]): KObject | undefined {
  try {
    return ctx.sim.store.get(t.rt, t.namespace, t.name);
  } catch (e) {
    errors.push(e);
    return undefined;
  }
}

// ---- arguments ---------------------------------------------------------------------------------

/** The objects named by -f, TYPE/NAME, TYPE NAME..., or TYPE with -l / --field-selector / --all. */
function waitTargets(ctx: CommandContext, args: ParsedArgs, errors: unknown[]): WaitTarget[] {
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const filenames = args.flags.filename as string[];
  if (filenames.length > 0) {
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    errors.push(...m.errors);
    return m.objects.map((o) => ({ rt: o.rt, namespace: objectNamespace(o.rt, o.object, ns), name: o.object.metadata?.name ?? '' }));
  }
  if (args.flags.local === true && args.positional.length > 0) throw new CommandError('error: you must specify resources by --filename when --local is set.');
  if (args.positional.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = parseResourceArgs(args.positional);
  if (sel.names.length > 0) return sel.names.map(({ type, name }) => ({ rt: type, namespace: type.namespaced ? ns : '', name }));
  const labelSelector = String(args.flags.selector);
  const fieldSelector = String(args.flags['field-selector']);
  if (labelSelector === '' && fieldSelector === '' && args.flags.all !== true) {
    throw new CommandError('error: resource(s) were provided, but no name was specified');
  }
  const allNs = args.flags['all-namespaces'] === true;
  return sel.types.flatMap((rt) =>
    ctx.sim.store
      .list(rt, { namespace: rt.namespaced && !allNs ? ns : undefined, labelSelector, fieldSelector })
      .items.map((o) => ({ rt, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', listed: o })),
  );
}

const WAIT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** PrintFlags with the "condition met" operation: the name printer by default, or `-o`. */
function waitPrinter(output: string): WaitPrinter {
  if (output === '') return (rt, o) => `${kindSlashName(rt, o.metadata.name ?? '')} condition met\n`;
  const f = genericFormat(output);
  let count = 0;
  return (rt, o) => {
    count++;
    // The YAML printer separates the documents it prints.
    const sep = f.kind === 'yaml' && count > 1 ? '---\n' : '';
    return sep + renderObjects(f, [{ rt, object: o }], true);
  };
}

/** `-o` as get parses it, but only the generic printers: wait has no tables (`wide`, custom columns). */
function genericFormat(output: string): Exclude<OutputFormat, { kind: 'table' }> {
  let format: OutputFormat | undefined;
  try {
    format = parseOutputFormat(output);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
  }
  if (!format || format.kind === 'table' || (format.kind as string).startsWith('custom')) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${WAIT_FORMATS}`);
  }
  return format;
}

/** conditionFuncFor: `--for`'s forms, with kubectl's errors for the rest. */
export function conditionFor(text: string): Condition {
  if (text.toLowerCase() === 'delete') return { kind: 'delete' };
  if (text.startsWith('condition=')) {
    const spec = text.slice('condition='.length);
    const eq = spec.indexOf('=');
    const name = eq >= 0 ? spec.slice(0, eq) : spec;
    const value = eq >= 0 ? spec.slice(eq + 1) : 'true';
    return { kind: 'check', check: (o) => conditionMet(o, name, value) };
  }
  if (text.startsWith('jsonpath=')) return jsonPathCondition(text.slice('jsonpath='.length));
  throw new CommandError(`error: unrecognized condition: ${JSON.stringify(text)}`);
}

/** strings.EqualFold, approximated by comparing lower-cased text. */
const equalFold = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * ConditionalWait.checkCondition: the first condition of that type with a status decides, unless
 * it (or the status) was observed for an older generation than the object's.
 */
export function conditionMet(obj: KObject, type: string, value: string): boolean {
  const status = (obj as { status?: { conditions?: unknown; observedGeneration?: unknown } }).status;
  if (!Array.isArray(status?.conditions)) return false;
  for (const c of status.conditions as unknown[]) {
    if (typeof c !== 'object' || c === null) return false;
    const cond = c as { type?: unknown; status?: unknown; observedGeneration?: unknown };
    if (typeof cond.type !== 'string' || !equalFold(cond.type, type)) continue;
    if (typeof cond.status !== 'string') continue;
    const generation = obj.metadata.generation;
    const observed = typeof cond.observedGeneration === 'number' ? cond.observedGeneration : status.observedGeneration;
    if (typeof generation === 'number' && typeof observed === 'number' && observed < generation) return false;
    return equalFold(cond.status, value);
  }
  return false;
}

// ---- --for=jsonpath ----------------------------------------------------------------------------

const RELAXED_JSONPATH = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl get's RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` all mean `{.a.b}`. */
function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = RELAXED_JSONPATH.exec(expr);
  if (!m) throw new CommandError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** splitJSONPathInput: split at each single `=`; `==` stays inside an element. */
function splitOnSingleEquals(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') element += input[i];
    else if (input[i + 1] === '=') {
      element += '==';
      i++;
    } else {
      out.push(element);
      element = '';
    }
  }
  return [...out, element];
}

function jsonPathCondition(input: string): Condition {
  const parts = splitOnSingleEquals(input);
  if (parts.length > 2) {
    throw new CommandError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const expr = relaxedJsonPath(parts[0]);
  const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
  if (value === '') throw new CommandError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  if (expr === '') throw new CommandError('error: jsonpath expression cannot be empty');
  let parsed: JpList;
  try {
    parsed = parseJsonPath(expr);
  } catch (e) {
    if (e instanceof JpParseError) throw new CommandError(`error: ${e.message}`);
    throw e;
  }
  return { kind: 'check', check: (o) => jsonPathMet(parsed, o, value) };
}

/** JSONPathWait.checkCondition: exactly one primitive value, equal to the wanted one (if any). */
function jsonPathMet(path: JpList, obj: KObject, wanted: string | undefined): boolean {
  const results = new JpEvaluator(true).findResults(obj, path.nodes);
  if (results.length === 0 || results[0].length === 0) return false;
  if (results.length > 1) throw new Error('given jsonpath expression matches more than one list');
  if (results[0].length > 1) throw new Error('given jsonpath expression matches more than one value');
  if (wanted === undefined) return true;
  const v = results[0][0];
  if (typeof v === 'object' && v !== null) throw new Error('jsonpath leads to a nested object or list which is not supported');
  return goValueText(v).trim() === wanted.trim();
}

/** fmt's `%v` of a value decoded from JSON. */
function goValueText(v: unknown): string {
  if (typeof v === 'number') return formatGoNumber(v);
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}
