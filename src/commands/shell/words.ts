/**
 * Shell word splitting for command lines typed in the terminal or written in scenario scripts.
 *
 * Implements the POSIX quoting rules Podlab needs (single and double quotes, backslash escapes,
 * `#` comments) and deliberately nothing else: no variable expansion, globbing, redirection or
 * pipes. Operators like `|` or `>` therefore stay ordinary word characters; callers that give
 * one of them a meaning (script.ts does for `<<`) use {@link scanWords}, which reports which
 * characters were quoted.
 */

/** A run of characters of one word that was (or was not) quoted in the source. */
export interface WordPart {
  text: string;
  /** True for text from quotes or a backslash escape; such text never forms an operator. */
  quoted: boolean;
}

/** One word after quote removal, plus the quoted/unquoted parts it was built from. */
export interface Word {
  value: string;
  parts: WordPart[];
}

/** The outcome of scanning a line; it may be incomplete, which script.ts uses to join lines. */
export interface ScanResult {
  words: Word[];
  /** The quote still open when the input ended, if any. */
  openQuote: 'single' | 'double' | null;
  /**
   * True when the input ends in a backslash that would escape the following newline (outside
   * single quotes and comments), i.e. the line asks to be continued.
   */
  trailingBackslash: boolean;
}

/** A line that cannot be split into words, e.g. because a quote is never closed. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

const BLANKS = new Set([' ', '\t', '\n']);
/** Inside double quotes POSIX lets a backslash escape only these; before others it is literal. */
const DOUBLE_QUOTE_ESCAPABLE = new Set(['\\', '"', '$', '`']);
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Splits a command line into words with POSIX quote removal; throws {@link ShellSyntaxError}. */
export function splitWords(line: string): string[] {
  return requireComplete(scanWords(line)).map((word) => word.value);
}

/** Scans a line into words without failing on unterminated quotes (see {@link ScanResult}). */
export function scanWords(line: string): ScanResult {
  return new Scanner(line).scan();
}

/** Returns the words of a scan, or throws {@link ShellSyntaxError} if a quote was left open. */
export function requireComplete(result: ScanResult): Word[] {
  if (result.openQuote !== null) throw new ShellSyntaxError(`unterminated ${result.openQuote} quote`);
  return result.words;
}

/** Quotes a word for display so that {@link splitWords} would read it back unchanged. */
export function quoteWord(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word)) return word;
  // A single-quoted string cannot contain `'`, so close the quotes, add an escaped one, reopen.
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A single left-to-right pass over the input; each method consumes one syntactic element. */
class Scanner {
  private pos = 0;
  private readonly words: Word[] = [];
  /** Parts of the word being built; null between words, which is when `#` starts a comment. */
  private parts: WordPart[] | null = null;
  private openQuote: ScanResult['openQuote'] = null;
  private trailingBackslash = false;

  constructor(private readonly src: string) {}

  scan(): ScanResult {
    while (this.pos < this.src.length && this.openQuote === null) this.step();
    this.endWord();
    return { words: this.words, openQuote: this.openQuote, trailingBackslash: this.trailingBackslash };
  }

  private step(): void {
    const c = this.src[this.pos];
    if (BLANKS.has(c)) {
      this.endWord();
      this.pos++;
    } else if (c === '#' && this.parts === null) {
      this.skipComment();
    } else if (c === '\\') {
      this.backslash();
    } else if (c === "'") {
      this.singleQuoted();
    } else if (c === '"') {
      this.doubleQuoted();
    } else {
      this.append(c, false);
      this.pos++;
    }
  }

  /** Skips to the newline (not past it), so a multi-line input resumes on its next line. */
  private skipComment(): void {
    const newline = this.src.indexOf('\n', this.pos);
    this.pos = newline < 0 ? this.src.length : newline;
  }

  private backslash(): void {
    if (this.pos + 1 >= this.src.length) {
      // Nothing left to escape: `sh -c 'echo a\'` prints `a\`, so keep the backslash literally.
      this.trailingBackslash = true;
      this.append('\\', true);
      this.pos++;
      return;
    }
    const next = this.src[this.pos + 1];
    // Backslash-newline is a line continuation: both characters vanish, the word goes on.
    if (next !== '\n') this.append(next, true);
    this.pos += 2;
  }

  private singleQuoted(): void {
    const close = this.src.indexOf("'", this.pos + 1);
    if (close < 0) {
      this.openQuote = 'single';
      this.pos = this.src.length;
      return;
    }
    // Appending even an empty string matters: it makes `''` an (empty) word.
    this.append(this.src.slice(this.pos + 1, close), true);
    this.pos = close + 1;
  }

  private doubleQuoted(): void {
    let text = '';
    let i = this.pos + 1;
    while (i < this.src.length && this.src[i] !== '"') {
      const c = this.src[i];
      const next = i + 1 < this.src.length ? this.src[i + 1] : null;
      if (c === '\\' && next === null) this.trailingBackslash = true;
      if (c === '\\' && next === '\n') {
        i += 2;
      } else if (c === '\\' && next !== null && DOUBLE_QUOTE_ESCAPABLE.has(next)) {
        text += next;
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    if (i >= this.src.length) {
      this.openQuote = 'double';
      this.pos = this.src.length;
      return;
    }
    this.append(text, true);
    this.pos = i + 1;
  }

  /** Merges with the previous part when quotedness matches, so an operator is never split. */
  private append(text: string, quoted: boolean): void {
    this.parts ??= [];
    const last = this.parts.at(-1);
    if (last !== undefined && last.quoted === quoted) last.text += text;
    else this.parts.push({ text, quoted });
  }

  private endWord(): void {
    if (this.parts === null) return;
    this.words.push({ value: this.parts.map((part) => part.text).join(''), parts: this.parts });
    this.parts = null;
  }
}
