/**
 * What the API server's JSON decoder finds in a request body before anything else looks at it
 * (sigs.k8s.io/json over the typed Go structs): fields the type does not have ("unknown field"
 * strict errors, which fieldValidation=Strict turns into a BadRequest, Warn into warnings and
 * Ignore into silence) and values of the wrong JSON type, which always fail the request
 * (`json: cannot unmarshal array into Go struct field ...`).
 *
 * kubectl sends the object as Go marshals a map, keys sorted, so the decoder meets fields in sorted
 * order, depth first: the order its errors are listed in. Unknown-field paths carry list indices
 * (`spec.containers[0].imagez`); type errors name the Go struct and the JSON field path without
 * indices, as encoding/json's error context does.
 */
import { deepClone } from '../../kernel/objects.ts';
import { parseQuantity, QuantityError, QUANTITY_ERR_FORMAT } from '../quantity.ts';
import { definitionForObject, fieldOf, parseFieldType, schemaDefinition, shortName, type FieldType, type SchemaDefinition } from './schema.ts';

/** What decoding an object found. */
export interface DecodeFindings {
  /** Strict decoding errors, e.g. `unknown field "spec.containerz"`, in the decoder's order. */
  unknownFields: string[];
  /** The first type error (encoding/json keeps only the first), e.g. `json: cannot unmarshal ...`. */
  typeError?: string;
}

const QUANTITY_ID = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

interface Walk {
  findings: DecodeFindings;
  /** Delete unknown fields from the value as they are found (what a non-strict decode keeps). */
  prune: boolean;
}

/** Decodes `obj` against its kind's schema; an object of a kind without a schema finds nothing. */
export function decodeFindings(obj: unknown): DecodeFindings {
  return walkObject(obj, false).findings;
}

/**
 * The strict decoding errors the API server reports for an object, e.g.
 * `['unknown field "spec.containerz"']`. Empty when every field is known.
 */
export function strictFieldErrors(obj: unknown): string[] {
  return decodeFindings(obj).unknownFields;
}

/** A copy of the object without the fields its type does not have (what the server stores). */
export function withoutUnknownFields<T>(obj: T): T {
  const copy = deepClone(obj);
  walkObject(copy, true);
  return copy;
}

function walkObject(obj: unknown, prune: boolean): Walk {
  const walk: Walk = { findings: { unknownFields: [] }, prune };
  if (!isPlainObject(obj)) return walk;
  const found = definitionForObject(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
  if (found) visitStruct(walk, obj, found.id, found.def, '', []);
  return walk;
}

function visitStruct(walk: Walk, value: Record<string, unknown>, id: string, def: SchemaDefinition, path: string, goPath: string[]): void {
  for (const key of Object.keys(value).sort()) {
    const fieldPath = path ? `${path}.${key}` : key;
    const row = fieldOf(def, key);
    if (!row) {
      walk.findings.unknownFields.push(`unknown field "${fieldPath}"`);
      if (walk.prune) delete value[key];
      continue;
    }
    visitValue(walk, value[key], parseFieldType(row[0]), fieldPath, [...goPath, key], shortName(id));
  }
}

function visitValue(walk: Walk, v: unknown, type: FieldType, path: string, goPath: string[], goStruct: string): void {
  if (v === null || v === undefined) return;
  const mismatch = (): void => typeError(walk, v, type, goPath, goStruct);
  switch (type.kind) {
    case 'scalar':
      if (!scalarMatches(v, type.name)) mismatch();
      return;
    case 'array':
      if (!Array.isArray(v)) return mismatch();
      v.forEach((item, i) => visitValue(walk, item, type.of, `${path}[${i}]`, goPath, goStruct));
      return;
    case 'map':
      if (!isPlainObject(v)) return mismatch();
      for (const k of Object.keys(v).sort()) visitValue(walk, v[k], type.of, `${path}.${k}`, goPath, goStruct);
      return;
    case 'ref':
      visitRef(walk, v, type.id, path, goPath, goStruct);
  }
}

function visitRef(walk: Walk, v: unknown, id: string, path: string, goPath: string[], goStruct: string): void {
  const def = schemaDefinition(id);
  if (!def || def.p === 'object' || (def.f && Object.keys(def.f).length === 0)) return; // free-form
  if (def.p === 'int-or-string') {
    if (id === QUANTITY_ID) {
      // Quantity's UnmarshalJSON parses a string, and anything else as a number's text.
      if (typeof v === 'string') checkQuantity(walk, v);
      else if (typeof v !== 'number') saveError(walk, QUANTITY_ERR_FORMAT);
      return;
    }
    // IntOrString's UnmarshalJSON decodes anything but a string into an int32.
    if (typeof v !== 'string' && !Number.isInteger(v)) typeError(walk, v, { kind: 'scalar', name: 'int32' }, goPath, goStruct);
    return;
  }
  if (def.p === 'string' || def.p === 'integer') {
    if (!scalarMatches(v, def.p === 'string' ? 'string' : 'int64')) typeError(walk, v, { kind: 'scalar', name: 'string' }, goPath, goStruct);
    return;
  }
  if (!isPlainObject(v)) return typeError(walk, v, { kind: 'ref', id }, goPath, goStruct);
  visitStruct(walk, v, id, def, path, goPath);
}

function checkQuantity(walk: Walk, text: string): void {
  try {
    parseQuantity(text);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    saveError(walk, e.message);
  }
}

function scalarMatches(v: unknown, name: string): boolean {
  switch (name) {
    case 'string':
      return typeof v === 'string';
    case 'int32':
    case 'int64':
      return Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

function typeError(walk: Walk, v: unknown, type: FieldType, goPath: string[], goStruct: string): void {
  const target = goTypeName(type);
  saveError(walk, `json: cannot unmarshal ${jsonValueName(v, target)} into Go struct field ${goStruct}.${goPath.join('.')} of type ${target}`);
}

function saveError(walk: Walk, message: string): void {
  walk.findings.typeError ??= message;
}

/** How encoding/json's UnmarshalTypeError names the JSON value (numbers into ints keep their text). */
function jsonValueName(v: unknown, target: string): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return target.startsWith('int') ? `number ${v}` : 'number';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** The Go type's name as reflect prints it: `v1.NodeSelector`, `[]v1.Container`, `map[string]string`. */
export function goTypeName(type: FieldType): string {
  switch (type.kind) {
    case 'scalar':
      return type.name === 'boolean' ? 'bool' : type.name === 'object' ? 'interface {}' : type.name;
    case 'array':
      return `[]${goTypeName(type.of)}`;
    case 'map':
      // Every map of quantities in these APIs is a v1.ResourceList.
      return type.of.kind === 'ref' && type.of.id === QUANTITY_ID ? 'v1.ResourceList' : `map[string]${goTypeName(type.of)}`;
    case 'ref': {
      const parts = type.id.split('.');
      return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
