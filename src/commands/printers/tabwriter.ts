/**
 * Column alignment with the semantics of Go's text/tabwriter (the liggitt/tabwriter fork kubectl
 * uses behaves the same for a single flush).
 *
 * Text is split into lines at `\n` and into cells at `\t`. A cell is tab-terminated; the text after
 * the last tab of a line is not part of any column and is never padded. A column block is a run of
 * consecutive lines that all have a cell in that column; its width is the widest cell plus
 * `padding`, at least `minWidth`. Widths count Unicode code points, as Go counts runes.
 */

/** Layout parameters, named as in `tabwriter.NewWriter`. */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
  padChar: string;
}

/** The parameters cli-runtime's `GetNewTabWriter` uses for `kubectl get` tables. */
export const KUBECTL_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3, padChar: ' ' };

interface Cell {
  text: string;
  width: number;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function splitCells(line: string): Cell[] {
  return line.split('\t').map((text) => ({ text, width: runeCount(text) }));
}

class Formatter {
  private readonly widths: number[] = [];
  private readonly out: string[] = [];

  constructor(
    private readonly lines: Cell[][],
    private readonly opts: TabwriterOptions,
  ) {}

  run(): string {
    this.format(0, this.lines.length);
    return this.out.join('');
  }

  /** Go's `Writer.format`: lays out lines [line0, line1) given the widths of columns to the left. */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) continue;
      // This line has a cell in `column`: print the lines before it, then measure the block.
      this.writeLines(line0, current);
      line0 = current;
      let width = this.opts.minWidth;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + this.opts.padding);
      }
      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((cell, j) => {
        this.out.push(cell.text);
        if (j < this.widths.length) this.out.push(this.opts.padChar.repeat(this.widths[j] - cell.width));
      });
      this.out.push('\n');
    }
  }
}

/**
 * Aligns tab-separated text. Every line, including the last, is expected to end with `\n`;
 * a final unterminated line is passed through as in Go (cells aligned, no newline added).
 * @param text lines of `\t`-separated cells
 * @param opts layout parameters; defaults to kubectl's ({@link KUBECTL_TABWRITER})
 */
export function alignTabs(text: string, opts: TabwriterOptions = KUBECTL_TABWRITER): string {
  const terminated = text.endsWith('\n');
  const body = terminated ? text.slice(0, -1) : text;
  if (body === '' && terminated) return '\n';
  if (body === '') return '';
  const out = new Formatter(body.split('\n').map(splitCells), opts).run();
  return terminated ? out : out.slice(0, -1);
}
