/**
 * Command-line flags parsed as kubectl's cobra/pflag does: `--name value`, `--name=value`,
 * `-n value`, `-nvalue`, `-n=value`, bundled boolean shorthands (`-Aw`), `--bool=false`, flags
 * anywhere among the arguments, and `--` ending flag parsing. Errors carry pflag's wording.
 */

import { GoDurationError, parseGoDuration } from './go-duration.ts';

/** `duration`: a Go duration (`30s`, `-1h`), validated as pflag does and kept as the text given. */
export type FlagType = 'bool' | 'string' | 'int' | 'strings' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  usage: string;
  default?: string | number | boolean | string[];
  /** For bool-like string flags such as --dry-run: the value when given without `=`. */
  noOptDefault?: string;
  /** Accepted but left out of `--help`, as cobra hides deprecated flags. */
  hidden?: boolean;
  /** The default as `--help` shows it where the type renders differently (pflag's map flags show nothing). */
  helpDefault?: string;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  flags: Record<string, FlagValue>;
  /** Names of flags the user actually set. */
  set: Set<string>;
  positional: string[];
  /** Arguments after `--`. */
  rest: string[];
}

export class FlagError extends Error {}

/** Parses argv against flag specs; throws FlagError with pflag's message. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const parsed: ParsedArgs = { flags: {}, set: new Set(), positional: [], rest: [] };
  for (const s of specs) if (s.default !== undefined) parsed.flags[s.name] = s.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) i = parseLong(argv, i, byName, parsed);
    else if (arg.startsWith('-') && arg.length > 1) i = parseShorts(argv, i, byShort, parsed);
    else parsed.positional.push(arg);
  }
  return parsed;
}

function parseLong(argv: readonly string[], i: number, byName: Map<string, FlagSpec>, parsed: ParsedArgs): number {
  const body = argv[i].slice(2);
  const eq = body.indexOf('=');
  const name = eq >= 0 ? body.slice(0, eq) : body;
  const spec = byName.get(name);
  if (!spec) throw new FlagError(`unknown flag: --${name}`);
  if (eq >= 0) {
    setValue(parsed, spec, body.slice(eq + 1), `--${name}`);
    return i;
  }
  if (spec.type === 'bool') {
    setValue(parsed, spec, 'true', `--${name}`);
    return i;
  }
  if (spec.noOptDefault !== undefined) {
    setValue(parsed, spec, spec.noOptDefault, `--${name}`);
    return i;
  }
  if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
  setValue(parsed, spec, argv[i + 1], `--${name}`);
  return i + 1;
}

function parseShorts(argv: readonly string[], i: number, byShort: Map<string, FlagSpec>, parsed: ParsedArgs): number {
  const body = argv[i].slice(1);
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    const spec = byShort.get(c);
    if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${body}`);
    const restOfArg = body.slice(j + 1);
    if (spec.type === 'bool') {
      if (restOfArg.startsWith('=')) {
        setValue(parsed, spec, restOfArg.slice(1), `-${c}`);
        return i;
      }
      setValue(parsed, spec, 'true', `-${c}`);
      continue;
    }
    if (restOfArg.length > 0) {
      setValue(parsed, spec, restOfArg.startsWith('=') ? restOfArg.slice(1) : restOfArg, `-${c}`);
      return i;
    }
    if (spec.noOptDefault !== undefined) {
      setValue(parsed, spec, spec.noOptDefault, `-${c}`);
      return i;
    }
    if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
    setValue(parsed, spec, argv[i + 1], `-${c}`);
    return i + 1;
  }
  return i;
}

function setValue(parsed: ParsedArgs, spec: FlagSpec, raw: string, shown: string): void {
  parsed.set.add(spec.name);
  switch (spec.type) {
    case 'bool': {
      const v = parseBool(raw);
      if (v === undefined) throw new FlagError(`invalid argument "${raw}" for "${flagDisplay(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      parsed.flags[spec.name] = v;
      return;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) {
        throw new FlagError(`invalid argument "${raw}" for "${flagDisplay(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      }
      parsed.flags[spec.name] = Number(raw);
      return;
    }
    case 'duration':
      try {
        parseGoDuration(raw);
      } catch (e) {
        if (e instanceof GoDurationError) throw new FlagError(`invalid argument "${raw}" for "${flagDisplay(spec)}" flag: ${e.message}`);
        throw e;
      }
      parsed.flags[spec.name] = raw;
      return;
    case 'strings': {
      const prev = parsed.set.has(spec.name) && Array.isArray(parsed.flags[spec.name]) ? (parsed.flags[spec.name] as string[]) : [];
      parsed.flags[spec.name] = [...(prev === spec.default ? [] : prev), raw];
      return;
    }
    default:
      parsed.flags[spec.name] = raw;
  }
  void shown;
}

function flagDisplay(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return undefined;
}

/** Formats flag specs as a cobra "Options:" block for --help. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  return specs
    .filter((s) => !s.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => {
      const head = s.short ? `    -${s.short}, --${s.name}` : `    --${s.name}`;
      return `${head}=${s.helpDefault ?? formatDefault(s)}:\n\t${s.usage}\n`;
    })
    .join('\n');
}

/** A flag's default as kubectl's help prints it: `'text'`, `false`, `-1`, `[a,b]`. */
function formatDefault(s: FlagSpec): string {
  switch (s.type) {
    case 'bool':
      return String(s.default ?? false);
    case 'int':
      return String(s.default ?? 0);
    case 'strings':
      return `[${((s.default as string[] | undefined) ?? []).join(',')}]`;
    case 'string':
      return `'${String(s.default ?? '')}'`;
    case 'duration':
      return String(s.default ?? '0s');
  }
}
