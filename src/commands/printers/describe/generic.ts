/**
 * The describer kubectl falls back to for kinds without one of their own (describe.go
 * genericDescriber, e.g. Lease, Event, ControllerRevision): name, namespace, labels and
 * annotations, then every other field of the object as the API returns it — keys sorted, nested
 * maps and lists indented two spaces a level, field names turned into labels by `smartLabelFor`
 * ("apiVersion" → "API Version") — then the events.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { formatGoNumber } from '../gofloat.ts';
import { describeEvents, searchEvents } from './events.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, sortedStrings, tabbedString, type PrefixWriter } from './writer.ts';

/** Fields the generic describer prints above the content, or never. */
const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

export function describeGenericObject(ctx: DescribeContext, obj: KObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as unknown as Record<string, unknown>, '');
    if (ctx.showEvents) {
      const ref = { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid };
      describeEvents(searchEvents(ctx, ref), w, ctx.nowMs);
    }
  });
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of sortedStrings(Object.keys(content))) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's `%v` of an unstructured value. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return formatGoNumber(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) return `map[${sortedStrings(Object.keys(v)).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return String(v);
}

const COMMON_ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** describe.go smartLabelFor: camelCase words, each title-cased, common acronyms upper-cased. */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelCaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (COMMON_ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function charClass(ch: string): CharClass {
  if (/\p{Ll}/u.test(ch)) return 'lower';
  if (/\p{Lu}/u.test(ch)) return 'upper';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  return 'other';
}

/**
 * fatih/camelcase Split: runs of one character class, then the last capital of an upper-case
 * run moves to a following lower-case run ("APIVersion" → "API", "Version").
 */
function camelCaseSplit(s: string): string[] {
  const runs: string[][] = [];
  let last: CharClass | undefined;
  for (const ch of s) {
    const c = charClass(ch);
    if (c === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (charClass(runs[i][0]) === 'upper' && charClass(runs[i + 1][0]) === 'lower') {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}
