/**
 * `kubectl explain` text, as kubectl v1.31 renders an OpenAPI v3 schema through its plaintext
 * template (kubectl/pkg/explain/v2/templates/plaintext.tmpl): KIND/VERSION (and GROUP), the
 * FIELD line when a path is given, DESCRIPTION wrapped at 76 columns, and FIELDS with `<type>`,
 * `-required-` and `enum:` lines, or only names and types with --recursive.
 */
import { fieldOf, parseFieldType, schemaDefinition, shortName, type FieldRow, type FieldType, type SchemaDefinition } from './schema.ts';

/** What to explain: a kind's definition and a field path below it. */
export interface ExplainRequest {
  group: string;
  version: string;
  kind: string;
  /** The kind's definition id, e.g. `io.k8s.api.core.v1.Pod`. */
  definitionId: string;
  fieldPath: readonly string[];
  recursive: boolean;
}

/** The explain text, or the error kubectl prints (`field "foo" does not exist`). */
export type ExplainResult = { ok: true; text: string } | { ok: false; error: string };

export function explain(req: ExplainRequest): ExplainResult {
  const head = `${req.group ? `GROUP:      ${req.group}\n` : ''}KIND:       ${req.kind}\nVERSION:    ${req.version}\n\n`;
  let type: FieldType = { kind: 'ref', id: req.definitionId };
  let description = '';
  let fieldLine = '';
  for (const [i, name] of req.fieldPath.entries()) {
    const row = fieldOf(definitionOf(type), name);
    if (!row) return { ok: false, error: `error: field "${req.fieldPath[req.fieldPath.length - 1]}" does not exist` };
    type = parseFieldType(row[0]);
    description = row[1];
    if (i === req.fieldPath.length - 1) fieldLine = `FIELD: ${name} <${typeGuess(type)}>\n${longEnum(row)}\n\n`;
  }
  const desc = descriptionText(description, type) || '<empty>';
  let text = `${head}${fieldLine}DESCRIPTION:\n${indent(wrap(desc, 76), 4)}\n`;
  const list = fieldList(type, 1, req.recursive, new Set());
  if (list) text += `FIELDS:\n${list}`;
  return { ok: true, text: `${text}\n` };
}

/** The definition a type's values have: through lists and maps to the referenced one, if any. */
function definitionOf(type: FieldType): SchemaDefinition | undefined {
  if (type.kind === 'array' || type.kind === 'map') return definitionOf(type.of);
  return type.kind === 'ref' ? schemaDefinition(type.id) : undefined;
}

/** The template's typeGuess: `string`, `integer`, `[]Container`, `map[string]string`, `Quantity`, `Object`. */
export function typeGuess(type: FieldType): string {
  switch (type.kind) {
    case 'array':
      return `[]${typeGuess(type.of)}`;
    case 'map':
      return `map[string]${typeGuess(type.of)}`;
    case 'scalar':
      return type.name === 'int32' || type.name === 'int64' ? 'integer' : type.name === 'object' ? 'Object' : type.name;
    case 'ref': {
      const p = schemaDefinition(type.id)?.p;
      // A reference names its definition unless the definition is a plain typed scalar (Time → string).
      return p === 'string' || p === 'integer' ? p : shortName(type.id);
    }
  }
}

/** The field's own description, then the descriptions of what it refers to (items, values, definition). */
function descriptionText(own: string, type: FieldType): string {
  let text = own ? `${own}\n` : '';
  let t = type;
  while (t.kind === 'array' || t.kind === 'map') t = t.of;
  if (t.kind === 'ref') {
    const d = schemaDefinition(t.id)?.d;
    if (d) text += `${d}\n`;
  }
  return text;
}

/** The FIELDS list: each field with its type (and, unless recursive, its description). */
function fieldList(type: FieldType, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  let t = type;
  while (t.kind === 'array' || t.kind === 'map') t = t.of;
  if (t.kind !== 'ref' || history.has(t.id)) return '';
  const def = schemaDefinition(t.id);
  if (!def?.f) return '';
  const seen = new Set(history).add(t.id);
  const pad = ' '.repeat(level * 2);
  let out = '';
  for (const name of Object.keys(def.f).sort()) {
    const row = def.f[name];
    const fieldType = parseFieldType(row[0]);
    const required = def.r?.includes(name) ? ' -required-' : '';
    out += `${pad}${name}\t<${typeGuess(fieldType)}>${required}${shortEnum(row, pad)}\n`;
    if (recursive) out += fieldList(fieldType, level + 1, recursive, seen);
    else out += `${indent(wrap(row[1] || '<no description>', 78 - level * 2), level * 2 + 2)}\n\n`;
  }
  return out;
}

const enumValue = (v: string): string => (v === '' ? '""' : v);

/** `enum: A, B, C, D, ....` under a field in the list (at most four values). */
function shortEnum(row: FieldRow, pad: string): string {
  const values = row[2];
  if (!values?.length) return '';
  const shown = values.slice(0, 4).map(enumValue).join(', ');
  return `\n${pad}enum: ${shown}${values.length > 4 ? ', ....' : ''}`;
}

/** `ENUM:` and one value a line, under the FIELD line. */
function longEnum(row: FieldRow): string {
  const values = row[2];
  if (!values?.length) return '';
  return `ENUM:${values.map((v) => `\n    ${enumValue(v)}`).join('')}`;
}

/** The template's indent: pad the first line and every line after a newline. */
function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join(`\n${pad}`);
}

const isSpace = (c: string): boolean => /\s/u.test(c) && c !== '\u00a0';

/**
 * go-wordwrap v1.0.1's WrapString (what kubectl's wrap uses): breaks only at white space, keeps
 * existing newlines, counts runes, and lets a word longer than the limit overflow.
 */
export function wrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  let wordLen = 0;
  let spaceLen = 0;
  for (const c of s) {
    if (c === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= lim) out += space;
      } else {
        out += space + word;
      }
      out += c;
      current = 0;
      word = '';
      space = '';
      wordLen = 0;
      spaceLen = 0;
    } else if (isSpace(c)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        word = '';
        spaceLen = 0;
        wordLen = 0;
      }
      space += c;
      spaceLen++;
    } else {
      word += c;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}
