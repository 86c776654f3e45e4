/**
 * The Dockerfile frontend's parser (moby/buildkit frontend/dockerfile/parser and instructions):
 * comments, `\` continuations, instructions case-insensitively, `--flag=value` options, JSON and
 * shell forms, and the errors BuildKit gives with the line they are on. Variable expansion
 * (`$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR:+x}`) is {@link expand}; the builder applies it with
 * the ARG and ENV values in scope.
 */

/** The instructions Podlab builds. */
export const INSTRUCTIONS = ['from', 'run', 'copy', 'add', 'env', 'workdir', 'expose', 'user', 'cmd', 'entrypoint', 'arg', 'label', 'stopsignal'] as const;
/** Real instructions Podlab does not model: refused with a message saying so. */
const UNMODELLED = ['volume', 'healthcheck', 'shell', 'onbuild', 'maintainer'];

export type InstructionName = (typeof INSTRUCTIONS)[number];

/** One instruction as written. */
export interface Instruction {
  name: InstructionName;
  /** 1-based line of the instruction's first line. */
  line: number;
  /** `--from=builder`, `--chown=node` ... by flag name. */
  flags: Record<string, string>;
  /** The argument text after the flags (continuations joined with a space). */
  text: string;
  /** The JSON (exec) form's array, when the argument is one. */
  json?: string[];
  /** The instruction as BuildKit echoes it in progress lines (`COPY package.json ./`). */
  original: string;
}

/** A Dockerfile BuildKit refuses before building, with the line it points at. */
export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const FLAGS: Partial<Record<InstructionName, string[]>> = {
  from: ['platform'],
  copy: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  add: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude'],
  run: ['mount', 'network', 'security'],
};

interface Logical {
  line: number;
  text: string;
}

/** Physical lines to logical ones: comments dropped, `\` continuations joined. */
function logicalLines(source: string): Logical[] {
  const out: Logical[] = [];
  let pending: Logical | undefined;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (pending && trimmed === '')) continue;
    if (!pending && trimmed === '') continue;
    const continues = /\\\s*$/.test(raw);
    const body = continues ? raw.replace(/\\\s*$/, '') : raw;
    if (pending) pending.text += body;
    else pending = { line: i + 1, text: body };
    if (!continues) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** Levenshtein distance, for BuildKit's "did you mean" suggestion. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

function unknownInstruction(word: string, line: number): DockerfileError {
  const lower = word.toLowerCase();
  const all = [...INSTRUCTIONS, ...UNMODELLED];
  const near = all.map((n) => [n, distance(lower, n)] as const).filter(([n, d]) => d <= (Math.min(lower.length, n.length) >= 6 ? 2 : 1)).sort((a, b) => a[1] - b[1])[0];
  const hint = near ? ` (did you mean ${near[0]}?)` : '';
  return new DockerfileError(`dockerfile parse error on line ${line}: unknown instruction: ${word}${hint}`, line);
}

/** Splits leading `--name=value` words off the argument text. */
function takeFlags(name: InstructionName, rest: string, line: number): { flags: Record<string, string>; text: string } {
  const flags: Record<string, string> = {};
  let text = rest;
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(text);
    if (!m) break;
    if (!(FLAGS[name] ?? []).includes(m[1])) {
      throw new DockerfileError(`dockerfile parse error on line ${line}: unknown flag: ${m[1]}`, line);
    }
    if (name === 'run') throw new DockerfileError(`dockerfile parse error on line ${line}: RUN --${m[1]} is not modelled by Podlab`, line);
    flags[m[1]] = m[2] ?? 'true';
    text = text.slice(m[0].length);
  }
  return { flags, text };
}

/** The JSON exec form: an array of strings, else undefined (shell form). */
function jsonForm(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

const ARG_COUNT_ERRORS: Partial<Record<InstructionName, (n: number) => string | undefined>> = {
  from: (n) => (n === 1 || n === 3 ? undefined : 'FROM requires either one or three arguments'),
  workdir: (n) => (n === 1 ? undefined : 'WORKDIR requires exactly one argument'),
  user: (n) => (n === 1 ? undefined : 'USER requires exactly one argument'),
  arg: (n) => (n === 1 ? undefined : 'ARG requires exactly one argument'),
  env: (n) => (n >= 1 ? undefined : 'ENV names can not be blank'),
  expose: (n) => (n >= 1 ? undefined : 'EXPOSE requires at least one argument'),
  label: (n) => (n >= 1 ? undefined : 'LABEL requires at least one argument'),
  run: (n) => (n >= 1 ? undefined : 'RUN requires at least one argument'),
  stopsignal: (n) => (n === 1 ? undefined : 'STOPSIGNAL requires exactly one argument'),
  copy: (n) => (n >= 2 ? undefined : 'COPY requires at least two arguments, but only one was provided. Destination could not be determined.'),
  add: (n) => (n >= 2 ? undefined : 'ADD requires at least two arguments, but only one was provided. Destination could not be determined.'),
};

function checkArgs(ins: Instruction): void {
  const words = ins.json ?? splitArgs(ins.text);
  const n = ins.name === 'env' || ins.name === 'label' ? (ins.text.trim() === '' ? 0 : 1) : words.length;
  const problem = ARG_COUNT_ERRORS[ins.name]?.(n);
  if (problem) throw new DockerfileError(`dockerfile parse error on line ${ins.line}: ${problem}`, ins.line);
}

/**
 * Parses a Dockerfile into instructions.
 * @example parseDockerfile('FROM alpine\nRUN echo hi')[1] // { name: 'run', line: 2, text: 'echo hi', ... }
 */
export function parseDockerfile(source: string): Instruction[] {
  const out: Instruction[] = [];
  for (const l of logicalLines(source)) {
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(l.text)!;
    const word = m[1];
    const lower = word.toLowerCase();
    if (UNMODELLED.includes(lower)) {
      throw new DockerfileError(`dockerfile parse error on line ${l.line}: ${word.toUpperCase()} is not modelled by Podlab`, l.line);
    }
    if (!(INSTRUCTIONS as readonly string[]).includes(lower)) throw unknownInstruction(word, l.line);
    const name = lower as InstructionName;
    const { flags, text } = takeFlags(name, m[2].trim(), l.line);
    const json = ['run', 'cmd', 'entrypoint', 'copy', 'add'].includes(name) ? jsonForm(text) : undefined;
    const ins: Instruction = { name, line: l.line, flags, text, original: `${name.toUpperCase()} ${m[2].trim().replace(/\s+/g, ' ')}`.trim() };
    if (json) ins.json = json;
    checkArgs(ins);
    out.push(ins);
  }
  if (out.length === 0) throw new DockerfileError('file with no instructions', 0);
  const first = out.find((i) => i.name !== 'arg');
  if (first && first.name !== 'from') throw new DockerfileError('no build stage in current context', first.line);
  return out;
}

/** Whitespace-separated words, with double and single quotes grouping (BuildKit's shlex for COPY, EXPOSE...). */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c === '\\' && i + 1 < text.length ? text[++i] : c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** `K=V K2="v 2"` pairs (ENV, LABEL), or the legacy `ENV K some value` form. */
export function keyValues(text: string, legacy: boolean): [string, string][] {
  const words = splitArgs(text);
  if (legacy && words.length > 0 && !words[0].includes('=')) {
    const name = words[0];
    return [[name, text.trim().slice(text.trim().indexOf(name) + name.length).trim()]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` with `vars` (BuildKit's shell
 * lexer for the instructions that expand: FROM, COPY, ADD, ENV, EXPOSE, LABEL, USER, WORKDIR...).
 * @example expand('/app/${NAME:-web}', {}) // '/app/web'
 */
export function expand(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced?: string, op?: string, word?: string, bare?: string) => {
    if (whole === '\\$') return '$';
    const name = braced ?? bare ?? '';
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (op === ':-' || op === '-') return value === undefined || (op === ':-' && value === '') ? (word ?? '') : value;
    if (op === ':+' || op === '+') return value === undefined || (op === ':+' && value === '') ? '' : (word ?? '');
    return value ?? '';
  });
}
