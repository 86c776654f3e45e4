/**
 * The Kubernetes v1.31 OpenAPI definitions of the kinds Podlab registers, looked up by definition
 * id (`io.k8s.api.core.v1.PodSpec`) as the API server's published schema names them. Strict field
 * decoding and `kubectl explain` both read this one table.
 */
import { OPENAPI_V1_31_JSON } from './openapi-v1.31.ts';

/** One field: its type (see {@link parseFieldType}), its description, and its enum values if any. */
export type FieldRow = [type: string, description: string, enumValues?: string[]];

/**
 * One OpenAPI definition. Object definitions list their fields; the apimachinery scalars
 * (Quantity, IntOrString: `int-or-string`; Time, MicroTime: `string`) carry `p` instead.
 */
export interface SchemaDefinition {
  /** The definition's description ('' when the schema has none). */
  d: string;
  /** Fields by JSON name; absent on scalar definitions, `{}` on free-form objects (RawExtension, FieldsV1). */
  f?: Record<string, FieldRow>;
  /** Required field names, as the schema's `required` lists them. */
  r?: string[];
  /** Scalar definitions: what JSON they hold. */
  p?: 'string' | 'int-or-string' | 'integer' | 'object';
}

/** A field type, parsed: scalars (Go widths kept for decode errors), lists, maps, references. */
export type FieldType =
  | { kind: 'scalar'; name: 'string' | 'int32' | 'int64' | 'boolean' | 'object' }
  | { kind: 'array'; of: FieldType }
  | { kind: 'map'; of: FieldType }
  | { kind: 'ref'; id: string };

let table: Readonly<Record<string, SchemaDefinition>> | undefined;

/** Every definition, parsed on first use (the data is large and only explain and decoding need it). */
export function schemaDefinitions(): Readonly<Record<string, SchemaDefinition>> {
  table ??= JSON.parse(OPENAPI_V1_31_JSON) as Record<string, SchemaDefinition>;
  return table;
}

export function schemaDefinition(id: string): SchemaDefinition | undefined {
  const all = schemaDefinitions();
  return Object.hasOwn(all, id) ? all[id] : undefined;
}

/** A definition's field by JSON name (own fields only: `constructor` is not a field). */
export function fieldOf(def: SchemaDefinition | undefined, name: string): FieldRow | undefined {
  return def?.f && Object.hasOwn(def.f, name) ? def.f[name] : undefined;
}

const SCALARS = new Set(['string', 'int32', 'int64', 'boolean', 'object']);

/** Parses a field type string: `string`, `int32`, `[]io.k8s...Container`, `map[string]string`, a definition id. */
export function parseFieldType(t: string): FieldType {
  if (t.startsWith('[]')) return { kind: 'array', of: parseFieldType(t.slice(2)) };
  if (t.startsWith('map[string]')) return { kind: 'map', of: parseFieldType(t.slice('map[string]'.length)) };
  if (SCALARS.has(t)) return { kind: 'scalar', name: t as 'string' };
  return { kind: 'ref', id: t };
}

/** The OpenAPI package of an API group: `` → core, `apps`, `networking.k8s.io` → networking. */
function groupPackage(group: string): string {
  return group === '' ? 'core' : group.split('.')[0];
}

/** The definition id of a kind: (`apps`, `v1`, `Deployment`) → `io.k8s.api.apps.v1.Deployment`. */
export function kindDefinitionId(group: string, version: string, kind: string): string {
  return `io.k8s.api.${groupPackage(group)}.${version}.${kind}`;
}

/** The definition of a manifest's kind (`apiVersion` as written, `apps/v1`), or undefined. */
export function definitionForObject(apiVersion: string, kind: string): { id: string; def: SchemaDefinition } | undefined {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const id = kindDefinitionId(group, version, kind);
  const def = schemaDefinition(id);
  return def ? { id, def } : undefined;
}

/** The last dotted segment of a definition id: `io.k8s.api.core.v1.PodSpec` → `PodSpec`. */
export function shortName(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

/** Whether a definition is an object whose fields are known (as opposed to a scalar or free-form object). */
export function isStructDefinition(def: SchemaDefinition): boolean {
  return def.p === undefined && def.f !== undefined && Object.keys(def.f).length > 0;
}
