/**
 * `kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]`
 * (kubectl v1.31 pkg/cmd/set/set_selector.go): the last argument is parsed as a label selector
 * (metav1.ParseToLabelSelector) and, for a Service, replaces `spec.selector`; every other kind is
 * refused. kubectl sends the patch whether or not anything changed, so the message always prints.
 * `--resource-version` makes the write conditional on that version (a Conflict otherwise).
 */
import { parseLabelSelector, SelectorParseError, type LabelRequirement } from '../../../engine/api/selectors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { PRINT_FLAGS, printerFormat } from './metadata-edit.ts';
import { fetchObjects, LOCAL_RESOURCE_ERROR, SetPrinter, withVisitErrors } from './set-common.ts';
import { printErrors } from '../errors.ts';

const LONG = `Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.

 A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.`;

const EXAMPLES = `# Set the labels and selector before creating a deployment/service pair
kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - 'environment=qa' -o yaml | kubectl create -f -
kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -`;

export const setSelectorCommand: Command = {
  name: 'selector',
  short: 'Set the selector on a resource',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'identifying the resource.' },
    { name: 'local', type: 'bool', default: false, usage: 'If true, annotation will NOT contact api-server but run locally.' },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: true,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    {
      name: 'resource-version',
      type: 'string',
      default: '',
      usage: 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
    },
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runSelector(ctx, args)),
};

/** metav1.LabelSelector as ParseToLabelSelector builds it: equalities as matchLabels, the rest as expressions. */
interface ParsedSelector {
  matchLabels: Record<string, string>;
  expressions: { key: string; operator: string; values: string[] }[];
}

function runSelector(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const words = args.positional;
  const resources = words.slice(0, -1);
  const selector = words.length > 0 ? parseToLabelSelector(words[words.length - 1]) : undefined;
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const local = args.flags.local === true;
  if (local && resources.length > 0) throw new CommandError(LOCAL_RESOURCE_ERROR);
  if (!selector) throw new CommandError('error: one selector is required');
  const visits = fetchObjects(ctx, args, resources, local);
  const resourceVersion = String(args.flags['resource-version'] ?? '');
  const printer = new SetPrinter(ctx.io);
  // The visitor's errors, printed by checkErr (an API error as `Error from server ...`).
  const errors: unknown[] = [];
  for (const visit of visits) {
    const failure = updateSelector(visit.object, selector);
    if (failure !== undefined) {
      errors.push(new Error(failure));
      continue;
    }
    if (resourceVersion !== '') visit.object.metadata.resourceVersion = resourceVersion;
    let shown: KObject = visit.object;
    if (!local && dryRun !== 'client') {
      try {
        shown = ctx.sim.store.update(visit.object, { dryRun: dryRun === 'server' });
      } catch (e) {
        errors.push(e);
        continue;
      }
    }
    printer.print(format, visit.rt, shown, `selector updated${dryRunSuffix(dryRun)}`);
  }
  return printErrors(ctx.io, errors);
}

/** updateSelectorForObject: a Service's selector becomes the labels; the message when refused. */
function updateSelector(obj: KObject, selector: ParsedSelector): string | undefined {
  if (obj.kind !== 'Service') return 'setting a selector is only supported for Services';
  if (selector.expressions.length > 0) return `match expression ${goExpressions(selector.expressions)} not supported on this object`;
  const spec = ((obj as { spec?: Record<string, unknown> }).spec ??= {});
  spec.selector = Object.keys(selector.matchLabels).length > 0 ? { ...selector.matchLabels } : undefined;
  return undefined;
}

/** Go's %v of []LabelSelectorRequirement: `[{key Operator [v1 v2]} ...]`. */
function goExpressions(exprs: ParsedSelector['expressions']): string {
  return `[${exprs.map((e) => `{${e.key} ${e.operator} [${e.values.join(' ')}]}`).join(' ')}]`;
}

const OPERATORS: Partial<Record<LabelRequirement['op'], string>> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };

/**
 * metav1.ParseToLabelSelector: labels.Parse (requirements sorted by key, set values sorted), then
 * `=`/`==` into matchLabels and the other operators into matchExpressions.
 */
export function parseToLabelSelector(text: string): ParsedSelector {
  let reqs: readonly LabelRequirement[];
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new CommandError(`error: couldn't parse the selector string "${text}": ${e.message}`);
    throw e;
  }
  const out: ParsedSelector = { matchLabels: {}, expressions: [] };
  const sorted = [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of sorted) {
    if (r.op === '=' || r.op === '==') {
      out.matchLabels[r.key] = r.values[0];
      continue;
    }
    if (r.op === 'gt' || r.op === 'lt') throw new CommandError(`error: "${r.op}" isn't supported in label selectors`);
    const operator = OPERATORS[r.op];
    if (!operator) throw new CommandError(`error: "${r.op}" is not a valid label selector operator`);
    out.expressions.push({ key: r.key, operator, values: [...new Set(r.values)].sort() });
  }
  return out;
}
