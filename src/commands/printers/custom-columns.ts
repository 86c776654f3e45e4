/**
 * `kubectl get -o custom-columns=HEADER:PATH,...` and `-o custom-columns-file=FILE`, following
 * kubectl's `cmd/get/customcolumn.go`: each column is a relaxed JSONPath evaluated with missing
 * keys allowed; a column with no value prints `<none>`, several values are joined with commas,
 * and the rows go through kubectl's tabwriter.
 */
import { goV } from './gofmt.ts';
import { JpEvaluator, JpExecError } from './jsonpath-eval.ts';
import { JpParseError, parseJsonPath, type JpList } from './jsonpath-parser.ts';
import { GoFloat } from './jsonpath-compare.ts';
import { formatFloatG } from './gofloat.ts';
import { alignTabs } from './tabwriter.ts';

/** One user column: its header as typed and its JSONPath in the `{.a.b}` form. */
export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

/**
 * A spec or template kubectl rejects; `message` is kubectl's text after `error: `. `stdout` is
 * what kubectl printed before failing (the header and the rows before the bad one).
 */
export class CustomColumnsError extends Error {
  constructor(
    message: string,
    readonly stdout = '',
  ) {
    super(message);
  }
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/s;

/**
 * kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`;
 * an empty path stays empty.
 */
export function relaxedJsonPath(path: string): string {
  if (path === '') return path;
  const m = RELAXED.exec(path);
  if (!m) throw new CustomColumnsError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec: `NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
export function parseCustomColumnsSpec(spec: string): CustomColumn[] {
  if (spec === '') throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** bufio.ScanLines: lines split at `\n`, a trailing `\r` dropped, no empty last line. */
function scanLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (text.endsWith('\n')) lines.pop();
  return text === '' ? [] : lines;
}

/** bufio.ScanWords (ASCII and Unicode spaces). */
function words(line: string): string[] {
  return line.split(/[\s\u0085\u00a0]+/u).filter((w) => w !== '');
}

const FILE_FORMAT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, whitespace separated. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = scanLines(text);
  if (lines.length < 1) throw new CustomColumnsError(`invalid template, missing header line. ${FILE_FORMAT}`);
  if (lines.length < 2) throw new CustomColumnsError(`invalid template, missing spec line. ${FILE_FORMAT}`);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new CustomColumnsError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]) }));
}

/** printers.EscapeTerminal. */
function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** `fmt.Sprint` of one JSONPath result. */
function sprint(v: unknown): string {
  if (v instanceof GoFloat) return formatFloatG(v.value);
  return goV(v);
}

function parseColumn(col: CustomColumn): JpList {
  try {
    return parseJsonPath(col.fieldSpec);
  } catch (e) {
    if (e instanceof JpParseError) throw new CustomColumnsError(e.message);
    throw e;
  }
}

function cell(parser: JpList, obj: unknown): string {
  let results: unknown[][];
  try {
    results = new JpEvaluator(true).findResults(obj, parser.nodes);
  } catch (e) {
    if (e instanceof JpExecError) throw new CustomColumnsError(e.message);
    throw e;
  }
  const values = results.length === 0 || results[0].length === 0 ? ['<none>'] : [];
  for (const v of results.flat()) values.push(escapeTerminal(sprint(v)));
  return values.join(',');
}

/**
 * Prints objects as custom columns. `items` are the List's items (or the one object printed
 * alone); the header row comes first unless `noHeaders`.
 * @returns the aligned text; throws {@link CustomColumnsError} for a bad path
 */
export function renderCustomColumns(columns: readonly CustomColumn[], items: readonly unknown[], noHeaders: boolean): string {
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  const aligned = (): string => alignTabs(lines.map((l) => `${l}\n`).join(''));
  try {
    // kubectl writes the header before it parses the column paths.
    const parsers = columns.map(parseColumn);
    for (const obj of items) lines.push(parsers.map((p) => cell(p, obj)).join('\t'));
  } catch (e) {
    if (e instanceof CustomColumnsError) throw new CustomColumnsError(e.message, aligned());
    throw e;
  }
  return aligned();
}
