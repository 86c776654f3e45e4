/**
 * `-o` output for kubectl verbs that print objects: human-readable tables (default and wide),
 * yaml, json, name, and jsonpath. Table columns and the serialisers live in ../printers.
 */
import type { ResourceType } from '../../engine/api/resources.ts';
import type { KObject } from '../../engine/api/types.ts';
import { tableFor } from '../printers/columns.ts';
import { renderJsonPath } from '../printers/jsonpath.ts';
import { toJson } from '../printers/json.ts';
import { renderTable } from '../printers/table.ts';
import { listWrapper, toYaml } from '../printers/yaml.ts';
import { CommandError } from '../types.ts';
import { kindGroup, kindSlashName } from './resources.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string };

const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses `-o` as kubectl does; an unknown format is kubectl's "unable to match a printer" error. */
export function parseOutputFormat(value: string): OutputFormat {
  if (value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { kind: value };
  const m = /^(jsonpath)=(.*)$/s.exec(value);
  if (m) return { kind: 'jsonpath', template: stripQuotes(m[2]) };
  throw new CommandError(
    `error: unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED_FORMATS}`,
  );
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
    });
    blocks.push(renderTable(t.headers, t.rows, { noHeaders: opts.noHeaders }));
  }
  return blocks.join('\n');
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
      return renderJsonPath(format.template, data);
  }
}
