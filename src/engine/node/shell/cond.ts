/**
 * bash's conditional command `[[ EXPR ]]` (bash(1) "CONDITIONAL EXPRESSIONS"): its words are
 * expanded without field splitting or globbing; `==`/`=`/`!=` match the left side against the
 * right side as a pattern (its unquoted parts are glob patterns, quoted parts literal), `=~` as
 * an extended regular expression; `-eq`... compare arithmetic values; `-n`, `-z`, `-e`, `-f`,
 * `-d` and friends test strings and files; `!`, `&&`, `||` and parentheses combine them, `&&` and
 * `||` short-circuiting (the skipped side is not even expanded). A lone word is true when not
 * empty. Images' probe scripts lean on it: the Cassandra image's `/ready-probe.sh` is
 * `if [[ $(nodetool status | grep $POD_IP) == *"UN"* ]]`.
 */
import type { CondItem, Word } from './ast.ts';
import { arithmetic, expandWord, type ExpandEnv } from './expand.ts';

/** What the file tests see: a path's kind, undefined when missing. */
export type CondStat = (path: string) => 'file' | 'dir' | undefined;

/** Why an expression cannot be evaluated (bash's message after its `line N: ` prefix). */
export class CondError extends Error {}

const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const UNARY = new Set(['-n', '-z', '-e', '-a', '-f', '-d', '-s', '-r', '-w', '-x', '-v']);

/** True or false; throws {@link CondError} on a malformed expression. */
export function evalCond(items: readonly CondItem[], env: ExpandEnv, stat: CondStat): boolean {
  const e = new CondEval(items, env, stat);
  const value = e.or(false);
  if (e.i < items.length) throw new CondError('syntax error in conditional expression');
  return value;
}

/** The unquoted literal text of a word (how operators are recognised). */
function plain(item: CondItem | undefined): string | undefined {
  if (!item || !('w' in item)) return undefined;
  const [part, ...more] = item.w.parts;
  return more.length === 0 && part?.t === 'lit' && !part.q ? part.v : undefined;
}

class CondEval {
  i = 0;

  constructor(
    private readonly items: readonly CondItem[],
    private readonly env: ExpandEnv,
    private readonly stat: CondStat,
  ) {}

  /** `skip`: the value cannot matter (short-circuit): parse, but expand nothing. */
  or(skip: boolean): boolean {
    let value = this.and(skip);
    while (this.isOp('||')) {
      this.i++;
      const right = this.and(skip || value);
      value = value || right;
    }
    return value;
  }

  private and(skip: boolean): boolean {
    let value = this.not(skip);
    while (this.isOp('&&')) {
      this.i++;
      const right = this.not(skip || !value);
      value = value && right;
    }
    return value;
  }

  private not(skip: boolean): boolean {
    if (plain(this.items[this.i]) === '!' && this.items[this.i + 1] !== undefined) {
      this.i++;
      return !this.not(skip);
    }
    return this.primary(skip);
  }

  private primary(skip: boolean): boolean {
    if (this.isOp('(')) {
      this.i++;
      const value = this.or(skip);
      if (!this.isOp(')')) throw new CondError('syntax error in conditional expression');
      this.i++;
      return value;
    }
    const first = this.word(this.i);
    const op = plain(this.items[this.i + 1]);
    const second = this.word(this.i + 2, false);
    if (op !== undefined && BINARY.has(op) && second) {
      this.i += 3;
      return skip ? false : this.binary(first, op, second);
    }
    const unary = plain(this.items[this.i]);
    const operand = this.word(this.i + 1, false);
    if (unary !== undefined && UNARY.has(unary) && operand && !BINARY.has(plain(this.items[this.i + 1]) ?? '')) {
      this.i += 2;
      return skip ? false : this.unary(unary, this.value(operand));
    }
    this.i++;
    return skip ? false : this.value(first) !== '';
  }

  private binary(left: Word, op: string, right: Word): boolean {
    const l = this.value(left);
    switch (op) {
      case '==':
      case '=':
        return patternRegExp(right, this.env).test(l);
      case '!=':
        return !patternRegExp(right, this.env).test(l);
      case '=~':
        try {
          return new RegExp(this.value(right)).test(l);
        } catch {
          return false;
        }
      case '<':
        return l < this.value(right);
      case '>':
        return l > this.value(right);
      default: {
        const a = arithmetic(l || '0', this.env);
        const b = arithmetic(this.value(right) || '0', this.env);
        return op === '-eq' ? a === b : op === '-ne' ? a !== b : op === '-lt' ? a < b : op === '-le' ? a <= b : op === '-gt' ? a > b : a >= b;
      }
    }
  }

  private unary(op: string, v: string): boolean {
    switch (op) {
      case '-n':
        return v !== '';
      case '-z':
        return v === '';
      case '-v':
        return this.env.lookup(v) !== undefined;
      case '-f':
        return this.stat(v) === 'file';
      case '-d':
        return this.stat(v) === 'dir';
      default:
        // -e -a -s -r -w -x: file modes and sizes are not modelled; the file exists and root may use it.
        return this.stat(v) !== undefined;
    }
  }

  private value(w: Word): string {
    return expandWord(w, this.env);
  }

  private isOp(op: string): boolean {
    const item = this.items[this.i];
    return item !== undefined && 'op' in item && item.op === op;
  }

  private word(at: number, required = true): Word {
    const item = this.items[at];
    if (item && 'w' in item) return item.w;
    if (required) throw new CondError(at >= this.items.length ? 'unexpected argument to conditional unary operator' : 'syntax error in conditional expression');
    return undefined as unknown as Word;
  }
}

/** The right side of `==` as a whole-string regular expression: unquoted parts are globs. */
function patternRegExp(word: Word, env: ExpandEnv): RegExp {
  let source = '';
  for (const part of word.parts) {
    const text = expandWord({ parts: [part] }, env);
    source += part.q ? escapeRegExp(text) : globSource(text);
  }
  return new RegExp(`^${source}$`);
}

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A glob (`*`, `?`, `[abc]`, `[!a-z]`, backslash escapes) as regular expression source. */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]);
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return out;
}
