/**
 * The low-level output side of go-yaml v2's emitter: column tracking, indentation, indicators and
 * the four scalar writers, including line folding at 80 columns for plain and quoted scalars.
 */
import { isBreak, isPrintable } from './yaml-scalar.ts';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const DOUBLE_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function doubleEscape(cp: number): string {
  const short = DOUBLE_ESCAPES[cp];
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Emitter state and writers; method names follow libyaml's `yaml_emitter_*` functions. */
export class YamlWriter {
  private readonly out: string[] = [];
  private column = 0;
  /** Current indentation; -1 before the root node. */
  indent = -1;
  private readonly indents: number[] = [];
  /** Whether the last character written was whitespace. */
  whitespace = true;
  /** Whether only indentation has been written on the current line. */
  indention = true;

  text(): string {
    return this.out.join('');
  }

  private put(ch: string): void {
    this.out.push(ch);
    this.column++;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  /** Writes a break character from scalar content (LF as a newline, others verbatim). */
  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out.push(ch);
      this.column = 0;
    }
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const cps = [...value];
    let spaces = false;
    cps.forEach((ch, i) => {
      if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== ' ') this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const cps = [...value];
    let spaces = false;
    let breaks = false;
    cps.forEach((ch, i) => {
      if (ch === ' ') {
        const fold = allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== ' ';
        if (fold) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const cps = [...value];
    let spaces = false;
    cps.forEach((ch, i) => {
      const cp = ch.codePointAt(0) ?? 0;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
        for (const c of doubleEscape(cp)) this.put(c);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** `|` block scalar with go-yaml's indentation (`|2`) and chomping (`|-`, `|+`) hints. */
  writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    const cps = [...value];
    if (cps[0] === ' ' || isBreak(cps[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = cps.length - 1;
    if (!isBreak(cps[last])) this.writeIndicator('-', false, false, false);
    else if (last === 0 || isBreak(cps[last - 1])) this.writeIndicator('+', false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of cps) {
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }
}
