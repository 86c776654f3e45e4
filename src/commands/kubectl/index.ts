/**
 * `kubectl ...`: finds the verb, parses its flags together with kubectl's global flags, and runs
 * it; unknown commands and flags fail with cobra's wording.
 */
import { FlagError, parseFlags, type FlagSpec } from '../flags.ts';
import type { Command, CommandContext } from '../types.ts';
import { printErrors } from './errors.ts';
import { commandHelp, rootHelp } from './help.ts';
import { fillContextNamespace } from './kubeconfig.ts';
import { findVerb, GLOBAL_FLAGS, KUBECTL_VERBS } from './registry.ts';

export { commandHelp } from './help.ts';

export function runKubectl(ctx: CommandContext, argv: readonly string[]): number {
  const verbIndex = findVerbIndex(argv);
  if (verbIndex < 0) {
    ctx.io.out(rootHelp(KUBECTL_VERBS));
    return 0;
  }
  const verbName = argv[verbIndex];
  const verb = findVerb(verbName);
  if (!verb) {
    ctx.io.err(unknownCommand(verbName));
    return 1;
  }
  const rest = [...argv];
  rest.splice(verbIndex, 1);
  const { command, path, words } = descend(verb, verb.name, rest);
  let args;
  try {
    // A command's own flag shadows the global one of the same name, shorthand included (cobra):
    // `config set-context --namespace` has no -n.
    args = parseFlags(words, [...command.flags, ...GLOBAL_FLAGS.filter((g) => !command.flags.some((f) => f.name === g.name))]);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    ctx.io.err(`error: ${e.message}\nSee 'kubectl ${path} --help' for usage.\n`);
    return 1;
  }
  if (args.flags.help === true) {
    ctx.io.out(commandHelp(command, path));
    return 0;
  }
  try {
    // `kubectl config` edits the kubeconfig rather than reading a context from it.
    if (verb.name !== 'config') fillContextNamespace(ctx.kubeconfig, args);
    return command.run(ctx, args);
  } catch (e) {
    return printErrors(ctx.io, [e]);
  }
}

/**
 * Cobra's Find below a verb: while the command has children, the first positional word naming one
 * (by name or alias) selects it and is taken out of the words; the path is what help cites.
 */
function descend(cmd: Command, path: string, words: readonly string[]): { command: Command; path: string; words: readonly string[] } {
  if (!cmd.subcommands) return { command: cmd, path, words };
  const i = firstPositional(words, [...cmd.flags, ...GLOBAL_FLAGS]);
  const child = i < 0 ? undefined : cmd.subcommands.find((c) => c.name === words[i] || c.aliases?.includes(words[i]));
  if (!child) return { command: cmd, path, words };
  return descend(child, `${path} ${child.name}`, [...words.slice(0, i), ...words.slice(i + 1)]);
}

/** Cobra's stripFlags: a flag word without `=` that is not boolean-like takes the next word as its value. */
function firstPositional(words: readonly string[], flags: readonly FlagSpec[]): number {
  const takesValue = (spec: FlagSpec | undefined) => spec === undefined || (spec.type !== 'bool' && spec.noOptDefault === undefined);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') return -1;
    if (!w.startsWith('-') || w === '-') return i;
    if (w.includes('=')) continue;
    if (w.startsWith('--') && takesValue(flags.find((f) => f.name === w.slice(2)))) i++;
    else if (w.length === 2 && takesValue(flags.find((f) => f.short === w[1]))) i++;
  }
  return -1;
}

/**
 * Global flags that take a value, by the words that name them (`-n`, `--namespace`). Computed on
 * first use: verbs import this module's neighbours, so it may load before the registry has.
 */
let valueFlagWords: ReadonlySet<string> | undefined;
function globalValueFlagWords(): ReadonlySet<string> {
  // kubectl's impersonation flags are global too; only `auth` accepts them in Podlab (verbs/auth.ts).
  valueFlagWords ??= new Set([...GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]), '--as', '--as-group', '--as-uid']);
  return valueFlagWords;
}

/**
 * Where the verb is: the first word that is neither a flag nor the value of a global flag written
 * as a separate word (`kubectl -n kube-system get pods`), as cobra finds the subcommand; -1 if none.
 */
function findVerbIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) return i;
    if (globalValueFlagWords().has(a)) i++;
  }
  return -1;
}

/**
 * kubectl's commands in the order kubectl registers them (cobra suggests in that order), including
 * ones Podlab does not model yet: a typo is answered as real kubectl answers it.
 */
const KUBECTL_COMMAND_ORDER = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'api-resources', 'api-versions', 'config', 'plugin', 'version',
  'options',
];

function unknownCommand(name: string): string {
  const typed = name.toLowerCase();
  if (KUBECTL_COMMAND_ORDER.includes(name)) return `error: "kubectl ${name}" is not available in Podlab yet\n`;
  const suggestions = KUBECTL_COMMAND_ORDER.filter((v) => levenshtein(v, typed) <= 2 || v.startsWith(typed));
  const hint = suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '\n';
  return `error: unknown command "${name}" for "kubectl"${hint}`;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
