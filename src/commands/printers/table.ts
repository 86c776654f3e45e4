/**
 * `kubectl get` table layout (cli-runtime `printTable` + tabwriter): header row, then one row per
 * object, columns separated by tabwriter with minwidth 6, padding 3, space padding.
 */
import { alignTabs } from './tabwriter.ts';

/** Options of {@link renderTable}. */
export interface RenderTableOptions {
  /** `--no-headers`: omit the header row. */
  noHeaders?: boolean;
}

/**
 * Makes a cell safe for the tabwriter the way cli-runtime does: text from the first newline,
 * carriage return or form feed on is replaced by `...`, and ESC is shown as `^[`.
 */
export function sanitizeCell(value: string): string {
  const cut = value.search(/[\f\n\r]/);
  const text = cut >= 0 ? value.slice(0, cut) : value;
  const escaped = text.replaceAll('\x1b', '^[');
  return cut >= 0 ? `${escaped}...` : escaped;
}

/**
 * Renders a table as `kubectl get` prints it. Headers are printed as given (kubectl upper-cases
 * column names before this point). Like kubectl, a table without rows prints nothing at all — the
 * caller reports `No resources found ...` on stderr instead. The last column is never padded.
 * @returns the aligned text, each line ending in `\n`; `''` when there are no rows
 */
export function renderTable(headers: string[], rows: string[][], opts: RenderTableOptions = {}): string {
  if (rows.length === 0) return '';
  const lines: string[] = [];
  if (!opts.noHeaders) lines.push(headers.join('\t'));
  for (const row of rows) lines.push(row.map(sanitizeCell).join('\t'));
  return alignTabs(`${lines.join('\n')}\n`);
}
