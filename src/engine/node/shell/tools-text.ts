/**
 * Text tools: echo, printf, test, cat, head, tail, wc, grep. Each prints its errors in the
 * wording of its userland (busybox applets or GNU coreutils/grep).
 */
import type { FsErrno } from '../fs.ts';
import { errnoText, lines, splitFlags, type CmdCtx } from './command.ts';
import { prefix } from './messages.ts';
import type { Outcome } from './state.ts';

/** Backslash escapes of `echo -e`, dash's echo and printf formats. `stop` is `\c` (no more output). */
export function unescape(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  const simple: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', r: '\r', v: '\v', f: '\f', e: '\x1b' };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || i === text.length - 1) {
      out += text[i];
      continue;
    }
    const c = text[++i];
    if (c === 'c') return { text: out, stop: true };
    const octal = /^[0-7]{1,3}/.exec(text.slice(octalNeedsZero ? i + 1 : i, i + 4));
    if (c in simple) out += simple[c];
    else if ((c === '0' || !octalNeedsZero) && /[0-7]/.test(c)) {
      const digits = octalNeedsZero ? (octal?.[0] ?? '') : (octal?.[0] ?? c);
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += octalNeedsZero ? digits.length : digits.length - 1;
    } else out += `\\${c}`;
  }
  return { text: out, stop: false };
}

/** busybox and GNU echo take -n/-e/-E; dash's builtin takes only -n and always interprets escapes. */
export function echo(ctx: CmdCtx): Outcome {
  const dash = ctx.builtin && ctx.where.dialect === 'dash';
  let newline = true;
  let escapes = dash;
  let args = ctx.args;
  while (args.length > 0 && (dash ? args[0] === '-n' : /^-[neE]+$/.test(args[0]))) {
    if (args[0].includes('n')) newline = false;
    if (!dash) escapes = /e[^E]*$/.test(args[0]) || (escapes && !args[0].includes('E'));
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = unescape(text, true);
    text = r.text;
    newline &&= !r.stop;
  }
  ctx.out(newline ? `${text}\n` : text);
  return 0;
}

const PRINTF_SPEC = /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdicxXob%])/g;

/** printf FORMAT ARGS...: %s %d %i %c %x %o %b with width/precision; the format repeats while arguments remain. */
export function printf(ctx: CmdCtx): Outcome {
  const [format, ...args] = ctx.args;
  if (format === undefined) {
    ctx.err(ctx.flavour === 'gnu' ? 'printf: missing operand\n' : 'Usage: printf FORMAT [ARGUMENT]...\n');
    return ctx.flavour === 'gnu' ? 1 : 2;
  }
  let next = 0;
  let out = '';
  do {
    const before = next;
    out += format.replace(PRINTF_SPEC, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      return pad(convert(conv, args[next++] ?? '', prec), flags, width);
    });
    if (next === before) break;
  } while (next < args.length);
  const r = unescape(out, false);
  ctx.out(r.text);
  return 0;
}

function convert(conv: string, arg: string, prec: string | undefined): string {
  const n = Math.trunc(Number(arg)) || 0;
  switch (conv) {
    case 's': return prec === undefined ? arg : arg.slice(0, Number(prec));
    case 'b': return unescape(arg, true).text;
    case 'c': return arg.slice(0, 1);
    case 'x': return n.toString(16);
    case 'X': return n.toString(16).toUpperCase();
    case 'o': return n.toString(8);
    default: return String(n);
  }
}

function pad(text: string, flags: string, width: string): string {
  const w = Number(width || 0);
  if (text.length >= w) return text;
  if (flags.includes('-')) return text.padEnd(w);
  return flags.includes('0') && /^-?\d+$/.test(text) ? text.padStart(w, '0') : text.padStart(w);
}

/** test / [ : file tests, string tests and integer comparisons, `!`, `-a`, `-o`. 0 true, 1 false, 2 error. */
export function testCommand(ctx: CmdCtx): Outcome {
  let args = ctx.args;
  if (ctx.name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.err(missingBracket(ctx));
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(ctx, args) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestError)) throw error;
    const who = ctx.builtin ? prefix(ctx.where) : `${ctx.name}: `;
    ctx.err(ctx.where.dialect === 'ash' || !ctx.builtin ? `${who}${error.message}\n` : `${who}${ctx.name}: ${error.message}\n`);
    return 2;
  }
}

class TestError extends Error {}

function missingBracket(ctx: CmdCtx): string {
  if (!ctx.builtin) return ctx.flavour === 'gnu' ? "[: missing ']'\n" : '[: missing ]\n';
  if (ctx.where.dialect === 'ash') return `${prefix(ctx.where)}missing ]\n`;
  return `${prefix(ctx.where)}[: missing ${ctx.where.dialect === 'bash' ? "`]'" : ']'}\n`;
}

function evalTest(ctx: CmdCtx, args: string[]): boolean {
  const or = args.indexOf('-o');
  if (or > 0) return evalTest(ctx, args.slice(0, or)) || evalTest(ctx, args.slice(or + 1));
  const and = args.indexOf('-a', 1);
  if (and > 0 && args.length > 3) return evalTest(ctx, args.slice(0, and)) && evalTest(ctx, args.slice(and + 1));
  if (args[0] === '!' && args.length > 1) return !evalTest(ctx, args.slice(1));
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) return unaryTest(ctx, args[0], args[1]);
  if (args.length === 3) return binaryTest(ctx, args[0], args[1], args[2]);
  throw new TestError(ctx.where.dialect === 'dash' ? 'unexpected operator' : `${args[3]}: unknown operand`);
}

function unaryTest(ctx: CmdCtx, op: string, arg: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  const stat = ctx.fs.stat(ctx.path(arg));
  switch (op) {
    case '-e': case '-r': case '-w': case '-x': return stat.ok;
    case '-f': return stat.ok && stat.value === 'file';
    case '-d': return stat.ok && stat.value === 'dir';
    case '-s': return stat.ok && (stat.value === 'dir' || (ctx.fs.read(ctx.path(arg)) as { value?: string }).value !== '');
    case '-L': case '-h': return false;
    default: throw new TestError(ctx.where.dialect === 'dash' ? `${op}: unexpected operator` : `${op}: unknown operand`);
  }
}

function binaryTest(ctx: CmdCtx, a: string, op: string, b: string): boolean {
  if (op === '=' || op === '==') return a === b;
  if (op === '!=') return a !== b;
  const cmp: Record<string, (x: number, y: number) => boolean> = {
    '-eq': (x, y) => x === y, '-ne': (x, y) => x !== y, '-lt': (x, y) => x < y,
    '-gt': (x, y) => x > y, '-le': (x, y) => x <= y, '-ge': (x, y) => x >= y,
  };
  if (!cmp[op]) throw new TestError(ctx.where.dialect === 'dash' ? `${op}: unexpected operator` : `${op}: unknown operand`);
  return cmp[op](integer(ctx, a), integer(ctx, b));
}

function integer(ctx: CmdCtx, text: string): number {
  if (/^\s*-?\d+\s*$/.test(text)) return Number(text);
  if (ctx.where.dialect === 'ash') throw new TestError(`${text}: bad number`);
  if (ctx.where.dialect === 'dash') throw new TestError(`Illegal number: ${text}`);
  throw new TestError(`${text}: integer expression expected`);
}

/** How each tool words a file it cannot read. */
function openError(ctx: CmdCtx, file: string, errno: FsErrno): string {
  const msg = errnoText(errno);
  const gnu = ctx.flavour === 'gnu';
  if (errno === 'EISDIR') {
    if (!gnu) return `${ctx.name}: read error: ${msg}\n`;
    return ctx.name === 'head' || ctx.name === 'tail' ? `${ctx.name}: error reading '${file}': ${msg}\n` : `${ctx.name}: ${file}: ${msg}\n`;
  }
  if (ctx.name === 'grep') return `grep: ${file}: ${msg}\n`;
  if (!gnu) return `${ctx.name}: can't open '${file}': ${msg}\n`;
  if (ctx.name === 'head' || ctx.name === 'tail') return `${ctx.name}: cannot open '${file}' for reading: ${msg}\n`;
  return `${ctx.name}: ${file}: ${msg}\n`;
}

/** Reads each operand (stdin for none or `-`), reporting failures; returns the texts read and whether all succeeded. */
function readInputs(ctx: CmdCtx, operands: string[]): { inputs: Array<{ name: string; text: string }>; ok: boolean } {
  const inputs: Array<{ name: string; text: string }> = [];
  let ok = true;
  for (const file of operands.length === 0 ? ['-'] : operands) {
    if (file === '-') {
      inputs.push({ name: file, text: ctx.stdin });
      continue;
    }
    const read = ctx.fs.read(ctx.path(file));
    if (read.ok) inputs.push({ name: file, text: read.value });
    else {
      ctx.err(openError(ctx, file, read.errno));
      ok = false;
    }
  }
  return { inputs, ok };
}

export function cat(ctx: CmdCtx): Outcome {
  const { operands } = splitFlags(ctx.args);
  const { inputs, ok } = readInputs(ctx, operands);
  for (const input of inputs) ctx.out(input.text);
  return ok ? 0 : 1;
}

/** Line count of `-n N` or `-N`; `+N` (tail: from line N) is returned as a negative number. */
function countArg(ctx: CmdCtx): { count: number; fromStart: boolean; follow: boolean; operands: string[] } {
  const legacy = ctx.args.findIndex((a) => /^-\d+$/.test(a));
  const args = legacy >= 0 ? [...ctx.args.slice(0, legacy), '-n', ctx.args[legacy].slice(1), ...ctx.args.slice(legacy + 1)] : ctx.args;
  const { flags, values, operands } = splitFlags(args, 'nc');
  const n = values.n ?? '10';
  return { count: Math.abs(Number(n)) || 0, fromStart: n.startsWith('+'), follow: flags.has('f') || flags.has('F'), operands };
}

export function head(ctx: CmdCtx): Outcome {
  const { count, operands } = countArg(ctx);
  const { inputs, ok } = readInputs(ctx, operands);
  inputs.forEach((input, i) => {
    if (inputs.length > 1) ctx.out(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
    ctx.out(lines(input.text).slice(0, count).join(''));
  });
  return ok ? 0 : 1;
}

/** tail; `-f` prints the end and then waits forever (it does not see later writes: a simplification). */
export function tail(ctx: CmdCtx): Outcome {
  const { count, fromStart, follow, operands } = countArg(ctx);
  const { inputs, ok } = readInputs(ctx, operands);
  inputs.forEach((input, i) => {
    if (inputs.length > 1) ctx.out(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
    const all = lines(input.text);
    ctx.out((fromStart ? all.slice(Math.max(count - 1, 0)) : all.slice(Math.max(all.length - count, 0))).join(''));
  });
  if (follow && operands.length > 0 && ok) return { sleepMs: null };
  return ok ? 0 : 1;
}

export function wc(ctx: CmdCtx): Outcome {
  const { flags, operands } = splitFlags(ctx.args);
  const which = ['l', 'w', 'c'].filter((f) => flags.has(f));
  const cols = which.length > 0 ? which : ['l', 'w', 'c'];
  const { inputs, ok } = readInputs(ctx, operands);
  for (const input of inputs) {
    const counts: Record<string, number> = {
      l: (input.text.match(/\n/g) ?? []).length,
      w: input.text.split(/\s+/).filter((w) => w !== '').length,
      c: new TextEncoder().encode(input.text).length,
    };
    const nums = cols.map((c) => String(counts[c]));
    const text = cols.length === 1 ? nums[0] : nums.map((n) => n.padStart(7)).join(' ');
    ctx.out(input.name === '-' ? `${text}\n` : `${text} ${input.name}\n`);
  }
  return ok ? 0 : 1;
}

/** grep PATTERN [FILE...]: -q -v -i -c -n -F -E; a pattern with regex characters is matched as a regex. */
export function grep(ctx: CmdCtx): Outcome {
  const { flags, values, operands } = splitFlags(ctx.args, 'e');
  const pattern = values.e ?? operands.shift();
  if (pattern === undefined) {
    ctx.err(ctx.flavour === 'gnu' ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'Usage: grep [-HhnlLoqvsrRiwFE] PATTERN/-e PATTERN.../-f FILE [FILE]...\n');
    return 2;
  }
  const matches = matcher(pattern, flags);
  const { inputs, ok } = readInputs(ctx, operands);
  let found = false;
  for (const input of inputs) {
    const hits = lines(input.text).map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => matches(l.replace(/\n$/, '')) !== flags.has('v'));
    found ||= hits.length > 0;
    if (flags.has('q')) continue;
    const label = inputs.length > 1 ? `${input.name}:` : '';
    if (flags.has('c')) ctx.out(`${label}${hits.length}\n`);
    else for (const { l, n } of hits) ctx.out(`${label}${flags.has('n') ? `${n}:` : ''}${l.endsWith('\n') ? l : `${l}\n`}`);
  }
  if (!ok && !(flags.has('q') && found)) return 2;
  return found ? 0 : 1;
}

function matcher(pattern: string, flags: Set<string>): (line: string) => boolean {
  const fold = flags.has('i');
  if (flags.has('F') || !/[\^$.*[\]|+?\\]/.test(pattern)) {
    const p = fold ? pattern.toLowerCase() : pattern;
    return (line) => (fold ? line.toLowerCase() : line).includes(p);
  }
  // Basic regular expressions treat + ? | ( ) { } literally; extended (-E) as JavaScript does.
  const source = flags.has('E') ? pattern : pattern.replace(/\\?([+?|(){}])/g, (m, c: string) => (m.startsWith('\\') ? c : `\\${c}`));
  try {
    const re = new RegExp(source, fold ? 'i' : '');
    return (line) => re.test(line);
  } catch {
    return (line) => line.includes(pattern);
  }
}
