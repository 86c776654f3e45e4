/**
 * Tab completion for the terminal, from the same registries the commands run from: programs,
 * kubectl and `sim` verbs with their subcommands and flags, resource types (plurals and short
 * names), and the names of objects in the cluster. The terminal calls {@link complete} with the
 * text before the cursor and shows (or inserts) the candidates.
 */
import { RESOURCE_TYPES, resolveResourceName } from '../engine/api/resources.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS, KUBECTL_VERBS } from './kubectl/registry.ts';
import { scanWords } from './shell/words.ts';
import { SIM_VERBS } from './sim/index.ts';
import type { Command, CompletionSpec } from './types.ts';

export interface Completion {
  /** The partial word the candidates complete (what the terminal replaces). */
  word: string;
  /** Whole replacement words, sorted, each starting with `word`. */
  candidates: string[];
}

const PROGRAMS = ['kubectl', 'sim'];

/** Values offered after `-o`/`--output`. */
const OUTPUT_FORMATS = ['custom-columns=', 'go-template=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];

/** Completes the last word of `line` (the text before the cursor); `sim` supplies object names. */
export function complete(line: string, sim?: Simulation): Completion {
  const words = splitForCompletion(line);
  const word = words[words.length - 1];
  const before = words.slice(0, -1);
  return { word, candidates: filter(candidatesFor(before, word, sim), word) };
}

/** The words of a line being typed; the last is the partial word (maybe empty, maybe in an open quote). */
function splitForCompletion(line: string): string[] {
  const scan = scanWords(line);
  if (scan.openQuote !== null) {
    const open = line.lastIndexOf(scan.openQuote === 'double' ? '"' : "'");
    return [...scanWords(line.slice(0, open)).words.map((w) => w.value), line.slice(open + 1)];
  }
  const words = scan.words.map((w) => w.value);
  if (words.length === 0 || /[ \t]$/.test(line)) words.push('');
  return words;
}

function candidatesFor(before: readonly string[], word: string, sim: Simulation | undefined): string[] {
  if (before.length === 0) return PROGRAMS;
  const [program, ...rest] = before;
  if (program === 'kubectl') return commandCandidates(KUBECTL_VERBS, GLOBAL_FLAGS, rest, word, sim, 'resources');
  if (program === 'sim') return commandCandidates(SIM_VERBS, [], rest, word, sim, 'none');
  return [];
}

/** Candidates for the word after a program's verb list, its flags and its positional words. */
function commandCandidates(
  verbs: readonly Command[],
  globals: readonly FlagSpec[],
  before: readonly string[],
  word: string,
  sim: Simulation | undefined,
  defaultArgs: NonNullable<CompletionSpec['args']>,
): string[] {
  const words = readWords(before, (name) => lookupFlag(globals, name)).positional;
  const verb = findVerb(verbs, words[0]);
  // Cobra child commands (`create namespace`, `create secret generic`) have flags of their own.
  let command = verb;
  let depth = 1;
  for (let child = command && findVerb(command.subcommands ?? [], words[depth]); child; child = findVerb(child.subcommands ?? [], words[depth])) {
    command = child;
    depth++;
  }
  const flags = command ? [...command.flags, ...globals] : globals;
  const { positional, pendingFlag, namespace } = readWords(before, (name) => lookupFlag(flags, name));
  if (pendingFlag) return flagValues(pendingFlag, sim);
  if (word.startsWith('-')) return flagWords(flags);
  if (positional.length === 0) return verbs.map((v) => v.name);
  if (!command) return [];
  const rest = positional.slice(depth);
  if (command.subcommands && rest.length === 0) return command.subcommands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  if (command.subcommands) return [];
  return argumentCandidates(command.completion ?? {}, rest, word, sim, namespace ?? 'default', defaultArgs);
}

function findVerb(verbs: readonly Command[], name: string | undefined): Command | undefined {
  return name === undefined ? undefined : verbs.find((v) => v.name === name || v.aliases?.includes(name));
}

function lookupFlag(flags: readonly FlagSpec[], name: string): FlagSpec | undefined {
  return flags.find((f) => f.name === name || f.short === name);
}

interface ReadWords {
  positional: string[];
  /** A flag that still needs its value (the previous word was `-n` or `--output`). */
  pendingFlag?: FlagSpec;
  namespace?: string;
}

/** Separates positional words from flags, as the flag parser would, tolerating unknown flags. */
function readWords(words: readonly string[], lookup: (name: string) => FlagSpec | undefined): ReadWords {
  const out: ReadWords = { positional: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-') || w === '-') {
      out.positional.push(w);
      continue;
    }
    const body = w.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const spec = lookup(eq >= 0 ? body.slice(0, eq) : body);
    const value = eq >= 0 ? body.slice(eq + 1) : spec && spec.type !== 'bool' ? words[i + 1] : undefined;
    if (spec && spec.type !== 'bool' && eq < 0) {
      if (i + 1 >= words.length) out.pendingFlag = spec;
      i++;
    }
    if (spec?.name === 'namespace' && value !== undefined) out.namespace = value;
  }
  return out;
}

function flagWords(specs: readonly FlagSpec[]): string[] {
  return specs.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

function flagValues(flag: FlagSpec, sim: Simulation | undefined): string[] {
  if (flag.name === 'namespace') return namesOf(sim, 'namespaces', undefined);
  if (flag.name === 'output') return OUTPUT_FORMATS;
  return [];
}

/** Subcommands first, then resource types and names, node names or pod names. */
function argumentCandidates(
  spec: CompletionSpec,
  args: readonly string[],
  word: string,
  sim: Simulation | undefined,
  namespace: string,
  defaultArgs: NonNullable<CompletionSpec['args']>,
): string[] {
  let rest = args;
  if (spec.subcommands) {
    if (rest.length === 0) return [...spec.subcommands];
    rest = rest.slice(1);
  }
  switch (spec.args ?? (spec.subcommands ? 'none' : defaultArgs)) {
    case 'nodes':
      return namesOf(sim, 'nodes', undefined);
    case 'pods':
      return rest.length === 0 ? namesOf(sim, 'pods', namespace) : [];
    case 'resources':
      return resourceCandidates(rest, word, sim, namespace);
    case 'none':
      return [];
  }
}

/** `TYPE` first (or `TYPE/NAME` once a slash is typed), then names of that type. */
function resourceCandidates(args: readonly string[], word: string, sim: Simulation | undefined, namespace: string): string[] {
  const slash = word.indexOf('/');
  if (slash >= 0) {
    const type = word.slice(0, slash);
    return namesOf(sim, type, namespace).map((n) => `${type}/${n}`);
  }
  if (args.length === 0 || args[0].includes('/')) return typeWords();
  return namesOf(sim, args[0].split(',')[0], namespace);
}

function typeWords(): string[] {
  return [...new Set(RESOURCE_TYPES.flatMap((r) => [r.plural, ...r.shortNames]))];
}

/** Names of the objects of a type (by any of its names) in a namespace, or [] when unknown. */
function namesOf(sim: Simulation | undefined, typeName: string, namespace: string | undefined): string[] {
  const rt = resolveResourceName(typeName);
  if (!sim || !rt) return [];
  return sim.store.list(rt.plural, rt.namespaced ? { namespace } : {}).items.flatMap((o) => (o.metadata.name === undefined ? [] : [o.metadata.name]));
}

function filter(candidates: readonly string[], word: string): string[] {
  return [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
}
