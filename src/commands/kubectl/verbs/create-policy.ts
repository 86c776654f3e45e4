/**
 * `kubectl create priorityclass` and `kubectl create poddisruptionbudget` (pkg/cmd/create/
 * create_priorityclass.go, create_pdb.go, v1.31). A PriorityClass carries --value,
 * --global-default, --description and --preemption-policy as given (the API server validates
 * them); a PodDisruptionBudget needs --selector and exactly one of --min-available /
 * --max-unavailable, each a number or a percentage.
 */
import { parseLabelSelector, SelectorParseError, type LabelRequirements } from '../../../engine/api/selectors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { generatedMeta, generatorCommand, nameFromArgs } from './create-generator.ts';

/** createPriorityClass, in struct order; globalDefault and description only when set. */
function priorityClassGenerator(_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const pc: Record<string, unknown> = {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: generatedMeta(nameFromArgs(names, 'priorityclass'), args, undefined, false),
    value: Number(args.flags.value),
  };
  if (args.flags['global-default'] === true) pc.globalDefault = true;
  const description = String(args.flags.description ?? '');
  if (description !== '') pc.description = description;
  pc.preemptionPolicy = String(args.flags['preemption-policy']);
  return pc as unknown as KObject;
}

export const priorityClassCommand = generatorCommand({
  path: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  failure: 'priorityclass',
  build: priorityClassGenerator,
});

/** A count or percentage, as create_pdb.go's Validate accepts it (`10`, `50%`; not `10Gb`). */
const COUNT_OR_PERCENT = /^[0-9]+%?$/;

/** PodDisruptionBudgetOpts.Validate */
function validatePdb(selector: string, minAvailable: string, maxUnavailable: string): void {
  if (selector === '') throw new CommandError('error: a selector must be specified');
  if (minAvailable === '' && maxUnavailable === '') throw new CommandError('error: one of min-available or max-unavailable must be specified');
  if (minAvailable !== '' && maxUnavailable !== '') throw new CommandError('error: min-available and max-unavailable cannot be both specified');
  if (minAvailable !== '' && !COUNT_OR_PERCENT.test(minAvailable)) throw new CommandError('error: invalid format specified for min-available');
  if (maxUnavailable !== '' && !COUNT_OR_PERCENT.test(maxUnavailable)) throw new CommandError('error: invalid format specified for max-unavailable');
}

/** intstr.Parse: an integer when the text is one, else the text. */
function intOrString(text: string): number | string {
  return /^[+-]?\d+$/.test(text) ? Number(text) : text;
}

/**
 * metav1.ParseToLabelSelector: `=`/`==` become matchLabels, `in`/`notin`/exists/`!` become
 * matchExpressions (keys sorted, values sorted, as labels.Parse keeps them); `!=` and the numeric
 * operators have no LabelSelector form.
 */
function toLabelSelector(text: string): Record<string, unknown> {
  let reqs: LabelRequirements;
  try {
    reqs = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new CommandError(`error: couldn't parse the selector string ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  const operators: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (r.op === '=' || r.op === '==') {
      matchLabels[r.key] = r.values[0];
      continue;
    }
    const operator = operators[r.op];
    if (!operator) throw new CommandError(`error: "${r.op}" is not a valid label selector operator`);
    const expr: Record<string, unknown> = { key: r.key, operator };
    if (r.values.length > 0) expr.values = [...new Set(r.values)].sort();
    matchExpressions.push(expr);
  }
  const sel: Record<string, unknown> = {};
  if (Object.keys(matchLabels).length > 0) sel.matchLabels = matchLabels;
  if (matchExpressions.length > 0) sel.matchExpressions = matchExpressions;
  return sel;
}

/** createPodDisruptionBudgets, in struct order; the status's counters print as zeros. */
function pdbGenerator(_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'poddisruptionbudget');
  const [selector, minAvailable, maxUnavailable] = ['selector', 'min-available', 'max-unavailable'].map((f) => String(args.flags[f] ?? ''));
  validatePdb(selector, minAvailable, maxUnavailable);
  const spec: Record<string, unknown> = {};
  if (minAvailable !== '') spec.minAvailable = intOrString(minAvailable);
  spec.selector = toLabelSelector(selector);
  if (minAvailable === '') spec.maxUnavailable = intOrString(maxUnavailable);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: generatedMeta(name, args),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

export const podDisruptionBudgetCommand = generatorCommand({
  path: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  failure: 'poddisruptionbudgets',
  build: pdbGenerator,
});
