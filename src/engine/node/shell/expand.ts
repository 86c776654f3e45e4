/**
 * Word expansion: parameters (`$VAR`, `${VAR:-x}`, `$?`...), command substitution, arithmetic
 * `$((...))`, tilde, then field splitting of unquoted results on blanks. No pathname globbing:
 * `*` stays literal (a documented simplification).
 */
import type { Word, WordPart } from './ast.ts';

/** What expansion needs from the interpreter. */
export interface ExpandEnv {
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  /** Runs `$(src)` and returns its output with trailing newlines removed. */
  substitute(src: string): string;
  /** `${VAR:?msg}` failed: the shell prints the message and the command fails. */
  fail(message: string): void;
}

/** Expands words into argv fields (with field splitting). */
export function expandWords(words: Word[], env: ExpandEnv): string[] {
  return words.flatMap((w) => expandFields(w, env));
}

/** Expands one word without splitting (assignment values, redirection targets, `case` words). */
export function expandWord(word: Word, env: ExpandEnv): string {
  return word.parts.map((p, i) => partValue(p, env, i === 0)).join('');
}

function expandFields(word: Word, env: ExpandEnv): string[] {
  const fields: string[] = [];
  let cur = '';
  let keep = false; // a quoted part (even "") makes the field exist
  word.parts.forEach((part, i) => {
    const value = partValue(part, env, i === 0);
    if (part.q || part.t === 'lit') {
      cur += value;
      keep ||= part.q;
      return;
    }
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, k) => {
      if (k > 0 && (cur !== '' || keep)) {
        fields.push(cur);
        cur = '';
        keep = false;
      }
      cur += piece;
    });
  });
  if (cur !== '' || keep) fields.push(cur);
  return fields;
}

function partValue(part: WordPart, env: ExpandEnv, first: boolean): string {
  if (part.t === 'lit') return !part.q && first ? tilde(part.v, env) : part.v;
  if (part.t === 'cmdsub') {
    const arith = /^\((.*)\)$/s.exec(part.src);
    return arith ? String(arithmetic(arith[1], env)) : env.substitute(part.src);
  }
  return paramValue(part, env);
}

function tilde(text: string, env: ExpandEnv): string {
  if (text !== '~' && !text.startsWith('~/')) return text;
  return (env.lookup('HOME') ?? '/root') + text.slice(1);
}

function paramValue(part: Extract<WordPart, { t: 'param' }>, env: ExpandEnv): string {
  const value = env.lookup(part.name);
  if (part.op === undefined) return value ?? '';
  if (part.op === 'len') return String((value ?? '').length);
  // With a colon the operator also treats an empty value as unset.
  const unset = part.op.startsWith(':') ? !value : value === undefined;
  const arg = () => (part.arg ? expandWord(part.arg, env) : '');
  switch (part.op.replace(':', '')) {
    case '-': return unset ? arg() : (value ?? '');
    case '+': return unset ? '' : arg();
    case '=': {
      if (!unset) return value ?? '';
      env.assign(part.name, arg());
      return env.lookup(part.name) ?? '';
    }
    default: {
      if (unset) env.fail(`${part.name}: ${arg() || 'parameter not set'}`);
      return value ?? '';
    }
  }
}

/** Evaluates `$((expr))`: integers, variables, + - * / % and parentheses, comparisons. */
export function arithmetic(expr: string, env: ExpandEnv): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
  const binary = (level: number): number => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    while (LEVELS[level].includes(peek())) left = apply(tokens[pos++], left, binary(level + 1));
    return left;
  };
  const unary = (): number => {
    const t = tokens[pos++];
    if (t === '-') return -unary();
    if (t === '+') return unary();
    if (t === '!') return unary() === 0 ? 1 : 0;
    if (t === '(') {
      const v = binary(0);
      pos++;
      return v;
    }
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    return Math.trunc(Number(env.lookup(t ?? '') ?? 0)) || 0;
  };
  return binary(0);
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case '%': return b === 0 ? 0 : a % b;
    case '<': return Number(a < b);
    case '>': return Number(a > b);
    case '<=': return Number(a <= b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&&': return Number(a !== 0 && b !== 0);
    default: return Number(a !== 0 || b !== 0);
  }
}
