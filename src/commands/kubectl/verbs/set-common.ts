/**
 * What the `kubectl set` subcommands share (kubectl v1.31 pkg/cmd/set helper.go and
 * polymorphichelpers.UpdatePodSpecForObjectFn): the pod spec of the kinds that have one, the
 * container selection with its `*` wildcard, the builder's object list (fetched all at once: a
 * missing object fails the command before anything is changed), the write (a strategic-merge
 * patch in kubectl, an update of the changed copy here: the store holds one writer at a time, so
 * the result is the same), and checkErr over the errors collected along the way.
 */
import type { PodSpec } from '../../../engine/api/types.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext, type CommandIO } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { typedJson } from '../rollout/typed-json.ts';
import type { DryRun } from './common.ts';
import { ObjectPrinter, selectObjects, type ObjectFormat, type Visit } from './metadata-edit.ts';
import { NO_RESOURCES } from './targets.ts';
import { kindSlashName } from '../resources.ts';

/** The kinds UpdatePodSpecForObjectFn knows, each with where its pod spec lives. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * The pod spec of `obj` (the object itself, so changes to it change the object), created empty
 * along the path as Go's typed structs would have it; an error in kubectl's words (the Go type,
 * `*v1.Service`) for other kinds.
 */
export function podSpecFor(rt: ResourceType, obj: KObject): PodSpec {
  const path = POD_SPEC_PATHS[obj.kind ?? rt.kind];
  if (!path) {
    throw new Error(`the object is not a pod or does not have a pod template: *${rt.version}.${obj.kind ?? rt.kind}`);
  }
  let cur = obj as unknown as Record<string, unknown>;
  for (const key of path) {
    if (cur[key] === undefined || cur[key] === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  const spec = cur as unknown as PodSpec;
  spec.containers ??= [];
  return spec;
}

/** selectString: `*` matches anything; other specs match whole names, `*` within them non-greedily. */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  const parts = spec.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '') continue;
    // Go searches s[pos:] and compares the index found with pos itself (kubectl's quirk, kept).
    const next = s.slice(pos).indexOf(part);
    if (next < pos || (i === 0 && pos !== 0) || (i === parts.length - 1 && s.length !== part.length + next)) return false;
    pos = next;
  }
  return true;
}

/** The selected containers: app containers first, then init containers (as kubectl appends them). */
export function selectedContainers(spec: PodSpec, selector: string): PodSpec['containers'] {
  const pick = (cs: PodSpec['containers'] | undefined) => (cs ?? []).filter((c) => selectString(c.name, selector));
  return [...pick(spec.containers), ...pick(spec.initContainers)];
}

/** `--local`'s refusal of resource arguments (resource.LocalResourceError). */
export const LOCAL_RESOURCE_ERROR = `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

/** The flags every set subcommand has besides its own (-f, -R, -k, --local, --all, -l, --dry-run, --field-manager). */
export function selectionFlags(verb: string, filenameUsage: string, allUsage: string): FlagSpec[] {
  return [
    { name: 'all', type: 'bool', default: false, usage: allUsage },
    { name: 'field-manager', type: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: `Filename, directory, or URL to files ${filenameUsage}` },
    {
      name: 'kustomize',
      short: 'k',
      type: 'string',
      default: '',
      usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
    },
    { name: 'local', type: 'bool', default: false, usage: `If true, set ${verb} will NOT contact api-server but run locally.` },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: false,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
  ];
}

/**
 * The builder's Infos(): with --local only the files (read, never fetched), else the files or the
 * arguments fetched from the API. Any error (a missing object) ends the command before changes.
 */
export function fetchObjects(ctx: CommandContext, args: ParsedArgs, resources: readonly string[], local: boolean): Visit[] {
  if (String(args.flags.kustomize ?? '') !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (local && filenames.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = selectObjects(ctx, args, local ? [] : resources, local);
  const errors: unknown[] = [...sel.errors];
  const visits: Visit[] = [];
  for (const visit of sel.visits) {
    try {
      visits.push(visit());
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length > 0) throw new VisitErrors(errors);
  return visits;
}

/**
 * Struct fields (not pointers) of the typed objects, by kind, with their fields that have no
 * omitempty: encoding/json always writes them, zero or not.
 */
const ZERO_STRUCTS: Record<string, readonly [string[], Record<string, number>][]> = {
  Deployment: [
    [['status'], {}],
    [['spec', 'strategy'], {}],
  ],
  DaemonSet: [
    [['status'], { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }],
    [['spec', 'updateStrategy'], {}],
  ],
  StatefulSet: [
    [['status'], { replicas: 0, availableReplicas: 0 }],
    [['spec', 'updateStrategy'], {}],
  ],
  ReplicaSet: [[['status'], { replicas: 0 }]],
  ReplicationController: [[['status'], { replicas: 0 }]],
  Job: [[['status'], {}]],
  CronJob: [[['status'], {}]],
  Pod: [[['status'], {}]],
  Service: [
    [['status'], {}],
    [['status', 'loadBalancer'], {}],
  ],
};

/**
 * What kubectl's typed decoding adds to an object it prints (an object read from a --local file
 * has none of it; one from the API server has it all): zero structs as `{}`, zero times
 * (`creationTimestamp: null`) in the object's and its templates' metadata, each container's
 * `resources: {}`, and a resourceFieldRef's `divisor: "0"`. Only for printing.
 */
function asDecoded(obj: KObject): KObject {
  const fill = (parent: Record<string, unknown>, key: string, value: unknown) => {
    if (parent[key] === undefined) parent[key] = value;
  };
  const root = obj as unknown as Record<string, unknown>;
  fill(root, 'metadata', {});
  fill(root.metadata as Record<string, unknown>, 'creationTimestamp', null);
  const kind = obj.kind ?? '';
  for (const [path, zeros] of ZERO_STRUCTS[kind] ?? []) {
    let cur = root;
    for (const key of path.slice(0, -1)) cur = (cur[key] ?? {}) as Record<string, unknown>;
    fill(cur, path[path.length - 1], {});
    const struct = cur[path[path.length - 1]] as Record<string, unknown>;
    for (const [field, zero] of Object.entries(zeros)) fill(struct, field, zero);
  }
  // A ServicePort's targetPort is an IntOrString struct: zero prints as 0.
  if (kind === 'Service') for (const p of (obj as { spec?: { ports?: Record<string, unknown>[] } }).spec?.ports ?? []) fill(p, 'targetPort', 0);
  const path = POD_SPEC_PATHS[kind];
  if (!path) return obj;
  // Every `metadata` on the way down to the pod spec is a template's ObjectMeta.
  let cur: Record<string, unknown> | undefined = root;
  for (let i = 0; i < path.length && cur; i++) {
    if (i > 0 && path[i] === 'spec' && path[i - 1] !== 'spec') {
      fill(cur, 'metadata', {});
      fill(cur.metadata as Record<string, unknown>, 'creationTimestamp', null);
    }
    cur = cur[path[i]] as Record<string, unknown> | undefined;
  }
  const spec = cur as Partial<PodSpec> | undefined;
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    c.resources ??= {};
    for (const e of c.env ?? []) {
      const ref = (e.valueFrom as { resourceFieldRef?: { divisor?: string } } | undefined)?.resourceFieldRef;
      if (ref && ref.divisor === undefined) ref.divisor = '0';
    }
  }
  return obj;
}

/**
 * The set subcommands' printer: as label's, but `-o json` writes the typed object kubectl decoded,
 * its fields in Go struct order.
 */
export class SetPrinter {
  private readonly inner: ObjectPrinter;

  constructor(private readonly io: CommandIO) {
    this.inner = new ObjectPrinter(io);
  }

  print(format: ObjectFormat | undefined, rt: ResourceType, obj: KObject, operation: string): void {
    const decoded = asDecoded(deepClone(obj));
    if (format?.kind === 'json') this.io.out(typedJson(obj.kind ?? rt.kind, decoded));
    else this.inner.print(format, rt, decoded, operation);
  }
}

/** The builder's aggregate of fetch errors, printed as checkErr prints them. */
export class VisitErrors extends Error {
  constructor(readonly errors: unknown[]) {
    super('visit errors');
  }
}

/** Runs a set subcommand body, printing the builder's aggregate as checkErr does. */
export function withVisitErrors(io: CommandIO, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof VisitErrors) return printErrors(io, e.errors);
    throw e;
  }
}

/**
 * checkErr over the verb's own aggregate: one error as `error: message` (its own newline kept),
 * several as MultipleErrors, one message and a newline each. Returns the exit code.
 */
export function printSetErrors(io: CommandIO, messages: readonly string[]): number {
  if (messages.length === 0) return 0;
  if (messages.length === 1) {
    const msg = messages[0].startsWith('error: ') ? messages[0] : `error: ${messages[0]}`;
    io.err(msg.endsWith('\n') ? msg : `${msg}\n`);
    return 1;
  }
  io.err(messages.map((m) => `${m}\n`).join(''));
  return 1;
}

/**
 * One object's failure as the set subcommands collect it (`error: NAME MSG` and a newline). As
 * kubectl v1.31 prints them, a name whose kind has an API group (`deployment.apps/web`) is
 * followed by a line break and a space rather than a space.
 */
export function objectError(rt: ResourceType, obj: KObject, message: string): string {
  return `error: ${kindSlashName(rt, obj.metadata?.name ?? '')}${rt.group === '' ? ' ' : '\n '}${message}\n`;
}

/** The message of an error caught while changing or sending one object. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Sends the changed copy (kubectl patches; see the file comment), or not at all under client dry run. */
export function sendUpdate(ctx: CommandContext, updated: KObject, dryRun: DryRun): KObject {
  return ctx.sim.store.update(updated, { dryRun: dryRun === 'server' });
}
