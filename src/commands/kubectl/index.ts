/**
 * `kubectl ...`: finds the verb, parses its flags together with kubectl's global flags, and runs
 * it; unknown commands and flags fail with cobra's wording.
 */
import { FlagError, formatFlagHelp, parseFlags } from '../flags.ts';
import type { Command, CommandContext } from '../types.ts';
import { printErrors } from './errors.ts';
import { findVerb, GLOBAL_FLAGS, KUBECTL_VERBS } from './registry.ts';

export function runKubectl(ctx: CommandContext, argv: readonly string[]): number {
  const verbIndex = findVerbIndex(argv);
  if (verbIndex < 0) {
    ctx.io.out(kubectlHelp());
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
  let args;
  try {
    args = parseFlags(rest, [...verb.flags, ...GLOBAL_FLAGS]);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    ctx.io.err(`error: ${e.message}\nSee 'kubectl ${verb.name} --help' for usage.\n`);
    return 1;
  }
  if (args.flags.help === true) {
    ctx.io.out(verbHelp(verb));
    return 0;
  }
  try {
    return verb.run(ctx, args);
  } catch (e) {
    return printErrors(ctx.io, [e]);
  }
}

/** Global flags that take a value, by the words that name them (`-n`, `--namespace`). */
const VALUE_FLAG_WORDS: ReadonlySet<string> = new Set(
  GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
);

/**
 * Where the verb is: the first word that is neither a flag nor the value of a global flag written
 * as a separate word (`kubectl -n kube-system get pods`), as cobra finds the subcommand; -1 if none.
 */
function findVerbIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) return i;
    if (VALUE_FLAG_WORDS.has(a)) i++;
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

function kubectlHelp(): string {
  const rows = KUBECTL_VERBS.map((v) => `  ${v.name.padEnd(14)}${v.short}`).join('\n');
  return `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands:
${rows}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`;
}

function verbHelp(verb: Command): string {
  const examples = verb.examples ? `Examples:\n${indentExamples(verb.examples)}\n\n` : '';
  return `${verb.long ?? `${verb.short}.`}

${examples}Options:
${formatFlagHelp(verb.flags)}
Usage:
  ${verb.usage}

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
}

/** cobra indents every example line by two spaces, blank ones too. */
function indentExamples(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
