/**
 * `-o` output for kubectl verbs that print objects: human-readable tables (default and wide),
 * yaml, json, name, jsonpath (-file, -as-json), go-template (-file, template, templatefile) and
 * custom-columns (-file). Table columns and the serialisers live in ../printers.
 */
import type { ResourceType } from '../../engine/api/resources.ts';
import type { KObject } from '../../engine/api/types.ts';
import { tableFor } from '../printers/columns.ts';
import { CustomColumnsError, parseCustomColumnsFile, parseCustomColumnsSpec, renderCustomColumns, type CustomColumn } from '../printers/custom-columns.ts';
import { GoTemplateError, compileGoTemplate, renderGoTemplate, type ParsedTemplate } from '../printers/go-template.ts';
import { renderJsonPath } from '../printers/jsonpath.ts';
import { JpParseError, parseJsonPath } from '../printers/jsonpath-parser.ts';
import { toJson } from '../printers/json.ts';
import { sortObjects } from '../printers/sort-by.ts';
import { renderTable } from '../printers/table.ts';
import { listWrapper, toYaml } from '../printers/yaml.ts';
import { CommandError, type CommandIO, type FileSystem } from '../types.ts';
import { kindGroup, kindSlashName } from './resources.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson?: boolean; allowMissingKeys?: boolean }
  | { kind: 'go-template'; template: ParsedTemplate; allowMissingKeys: boolean }
  | { kind: 'custom-columns'; columns: CustomColumn[]; noHeaders: boolean };

const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** What the template formats read besides `-o` itself. */
export interface OutputFlags {
  /** Reads `-o *-file=PATH`; without it the file formats fail as an unreadable file. */
  fs?: FileSystem;
  /** `--template`: the template (or file) when `-o` names only the format. */
  template?: string;
  /** `--allow-missing-template-keys` (default true). */
  allowMissingKeys?: boolean;
  /** `--no-headers` (custom-columns; the -file form ignores it, as kubectl does). */
  noHeaders?: boolean;
}

const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];
const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
const COLUMN_FORMATS = ['custom-columns', 'custom-columns-file'];

/** Parses `-o` as kubectl does; an unknown format is kubectl's "unable to match a printer" error. */
export function parseOutputFormat(value: string, flags: OutputFlags = {}): OutputFormat {
  const templateArg = flags.template ?? '';
  const output = value === '' && templateArg !== '' ? 'go-template' : value;
  if (output === '') return { kind: 'table', wide: false };
  if (output === 'wide') return { kind: 'table', wide: true };
  if (output === 'yaml' || output === 'json' || output === 'name') return { kind: output };
  const eq = output.indexOf('=');
  const name = templateArg === '' && eq >= 0 ? output.slice(0, eq) : output;
  const arg = templateArg === '' && eq >= 0 ? output.slice(eq + 1) : templateArg;
  if (TEMPLATE_FORMATS.includes(name)) return goTemplateFormat(name, arg, flags);
  if (JSONPATH_FORMATS.includes(name)) return jsonPathFormat(name, arg, flags);
  if (COLUMN_FORMATS.includes(name)) return customColumnsFormat(name, arg, flags);
  throw new CommandError(
    `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED_FORMATS}`,
  );
}

function readTemplateFile(flags: OutputFlags, path: string, what: string): string {
  try {
    if (!flags.fs) throw new Error(`open ${path}: no such file or directory`);
    return flags.fs.readFile(path);
  } catch (e) {
    throw new CommandError(`error: error reading ${what} ${path}, ${e instanceof Error ? e.message : String(e)}`);
  }
}

function goTemplateFormat(name: string, arg: string, flags: OutputFlags): OutputFormat {
  if (arg === '') throw new CommandError('error: template format specified but no template given');
  const text = name.endsWith('file') ? readTemplateFile(flags, arg, '--template') : arg;
  return { kind: 'go-template', template: compileGoTemplate(text), allowMissingKeys: flags.allowMissingKeys ?? true };
}

function jsonPathFormat(name: string, arg: string, flags: OutputFlags): OutputFormat {
  if (arg === '') throw new CommandError('error: template format specified but no template given');
  const template = name === 'jsonpath-file' ? readTemplateFile(flags, arg, '--template') : stripQuotes(arg);
  // Parse now, as kubectl builds its printer before fetching anything.
  try {
    parseJsonPath(template);
  } catch (e) {
    if (e instanceof JpParseError) throw new CommandError(`error: error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  return { kind: 'jsonpath', template, asJson: name === 'jsonpath-as-json', allowMissingKeys: flags.allowMissingKeys ?? true };
}

function customColumnsFormat(name: string, arg: string, flags: OutputFlags): OutputFormat {
  if (arg === '') throw new CommandError('error: custom-columns format specified but no custom columns given');
  if (name === 'custom-columns-file') {
    const text = readTemplateFile(flags, arg, 'template');
    return { kind: 'custom-columns', columns: parseCustomColumnsFile(text), noHeaders: false };
  }
  return { kind: 'custom-columns', columns: parseCustomColumnsSpec(arg), noHeaders: flags.noHeaders ?? false };
}

function stripQuotes(t: string): string {
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) return t.slice(1, -1);
  return t;
}

/** Objects of one resource type, as one table block. */
export interface Group {
  rt: ResourceType;
  items: KObject[];
}

export interface TableOptions {
  wide: boolean;
  nowMs: number;
  withNamespace: boolean;
  withKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** `--server-print=false`: kubectl's default NAME and AGE columns for every type. */
  clientSide?: boolean;
}

/** Tables, one per non-empty group, separated by a blank line, as `kubectl get a,b` prints them. */
export function renderTables(groups: readonly Group[], opts: TableOptions): string {
  const blocks: string[] = [];
  for (const g of groups) {
    if (g.items.length === 0) continue;
    const t = tableFor(g.rt.plural, g.items, {
      wide: opts.wide,
      nowMs: opts.nowMs,
      withNamespace: opts.withNamespace,
      showLabels: opts.showLabels,
      labelColumns: opts.labelColumns,
      kindPrefix: opts.withKind ? kindGroup(g.rt) : undefined,
      clientSide: opts.clientSide,
    });
    blocks.push(renderTable(t.headers, t.rows, { noHeaders: opts.noHeaders }));
  }
  // get.go puts a blank line between resource groups only when it prints their headers.
  return blocks.join(opts.noHeaders ? '' : '\n');
}

/** Non-table output. `single` prints the object itself rather than a List (kubectl's singleItemImplied). */
export function renderObjects(format: Exclude<OutputFormat, { kind: 'table' }>, items: readonly { rt: ResourceType; object: KObject }[], single: boolean): string {
  const data: unknown = single && items.length === 1 ? items[0].object : listWrapper(items.map((i) => i.object));
  switch (format.kind) {
    case 'name':
      return items.map((i) => `${kindSlashName(i.rt, i.object.metadata.name ?? '')}\n`).join('');
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data);
    case 'jsonpath':
      return renderJsonPath(format.template, data, { asJson: format.asJson, allowMissingKeys: format.allowMissingKeys });
    case 'go-template':
      return renderGoTemplate(format.template, data, { allowMissingKeys: format.allowMissingKeys });
    case 'custom-columns': {
      const objects = single && items.length === 1 ? [items[0].object] : items.map((i) => i.object);
      return renderCustomColumns(format.columns, objects, format.noHeaders);
    }
  }
}

/**
 * Writes {@link renderObjects}'s output. A go-template that fails while executing has already
 * printed its partial output and a debugging report on stdout, as kubectl does, before the error;
 * failing custom columns have printed their header and the rows before the bad one.
 */
export function printObjects(io: CommandIO, format: Exclude<OutputFormat, { kind: 'table' }>, items: readonly { rt: ResourceType; object: KObject }[], single: boolean): void {
  try {
    io.out(renderObjects(format, items, single));
  } catch (e) {
    if (!(e instanceof GoTemplateError) && !(e instanceof CustomColumnsError)) throw e;
    io.out(e.stdout);
    throw e instanceof GoTemplateError ? new CommandError(e.message) : new CustomColumnsError(e.message);
  }
}

/** The printing flags `kubectl get` and friends read besides `-o`, from parsed args. */
export function outputFlagsFrom(fs: FileSystem, flags: Readonly<Record<string, unknown>>): OutputFlags {
  return {
    fs,
    template: typeof flags.template === 'string' ? flags.template : undefined,
    allowMissingKeys: flags['allow-missing-template-keys'] !== false,
    noHeaders: flags['no-headers'] === true,
  };
}

/**
 * `--sort-by`: tables sort each resource type's rows (kubectl's TableSorter); the -o formats sort
 * the one List they print (SortingPrinter), which a single named object is not.
 */
export function sortGroups(groups: Group[], sortBy: string, table: boolean, single: boolean): Group[] {
  if (sortBy === '') return groups;
  if (table) return groups.map((g) => ({ rt: g.rt, items: sortObjects(g.items, sortBy, (o) => o, 'table') }));
  const flat = groups.flatMap((g) => g.items.map((object) => ({ rt: g.rt, object })));
  if (single && flat.length === 1) return groups;
  const regrouped: Group[] = [];
  for (const { rt, object } of sortObjects(flat, sortBy, (i) => i.object, 'list')) {
    const last = regrouped[regrouped.length - 1];
    if (last && last.rt === rt) last.items.push(object);
    else regrouped.push({ rt, items: [object] });
  }
  return regrouped;
}
