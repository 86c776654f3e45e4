/**
 * Reading `-f` sources as kubectl's resource builder does: files, directories (their .json,
 * .yaml and .yml files; with -R, recursively), and `-` for standard input; multi-document YAML
 * split on `---` lines; `kind: List` expanded into its items; empty documents skipped. Syntax
 * errors name the line within the document, in kubectl's words.
 */
import { LineCounter, parseDocument } from 'yaml';
import { decodeError } from '../../engine/api/admission/common.ts';
import { resourceForKind, type ResourceType } from '../../engine/api/resources.ts';
import { decodeFindings, withoutUnknownFields } from '../../engine/api/schema/strict.ts';
import type { KObject } from '../../engine/api/types.ts';
import { deepClone } from '../../engine/kernel/objects.ts';
import { CommandError, type CommandIO, type FileSystem } from '../types.ts';
import { addSourceToErr } from './errors.ts';
import { sortedJson } from './json.ts';

/** One object from a manifest, with where it came from (for `error when creating "x.yaml"`). */
export interface ManifestObject {
  source: string;
  object: KObject;
  rt: ResourceType;
}

const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface Manifests {
  objects: ManifestObject[];
  /** Per-object errors (unknown kinds): reported, while the other objects still go ahead. */
  errors: CommandError[];
}

/**
 * Reads and decodes every object named by `-f` arguments. A missing path or a syntax error
 * anywhere throws (nothing is applied); an object of an unknown kind is only reported.
 */
export function readManifests(fs: FileSystem, filenames: readonly string[], recursive: boolean, stdin: string | undefined): Manifests {
  const result: Manifests = { objects: [], errors: [] };
  for (const f of filenames) {
    for (const { source, text } of expandSource(fs, f, recursive, stdin)) {
      const decoded = decodeObjects(source, text);
      result.objects.push(...decoded.objects);
      result.errors.push(...decoded.errors);
    }
  }
  return result;
}

function expandSource(fs: FileSystem, path: string, recursive: boolean, stdin: string | undefined): { source: string; text: string }[] {
  if (path === '-') return [{ source: 'STDIN', text: stdin ?? '' }];
  if (/^https?:\/\//.test(path)) throw new CommandError(`error: unable to read URL "${path}": Podlab cannot reach the network`);
  const kind = fs.stat(path);
  if (kind === undefined) throw new CommandError(`error: the path "${path}" does not exist`);
  if (kind === 'file') return [{ source: path, text: fs.readFile(path) }];
  const files: { source: string; text: string }[] = [];
  for (const name of fs.readDir(path)) {
    const child = fs.join(path, name);
    const childKind = fs.stat(child);
    if (childKind === 'dir' && recursive) files.push(...expandSource(fs, child, recursive, stdin));
    else if (childKind === 'file' && MANIFEST_EXTENSIONS.some((e) => name.endsWith(e))) {
      files.push({ source: child, text: fs.readFile(child) });
    }
  }
  return files;
}

/** Splits a YAML stream into documents the way apimachinery's YAMLReader does (on `---` lines). */
export function splitYamlDocuments(text: string): { text: string; startLine: number }[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const docs: { text: string; startLine: number }[] = [];
  let current: string[] = [];
  let start = 1;
  lines.forEach((line, i) => {
    if (line.startsWith('---')) {
      const after = line.slice(3).trim();
      if (after.length > 0 && !after.startsWith('#')) throw new CommandError(`error: invalid Yaml document separator: ${after}`);
      if (current.some((l) => l.trim() !== '')) docs.push({ text: current.join('\n'), startLine: start });
      current = [];
      start = i + 2;
      return;
    }
    current.push(line);
  });
  if (current.some((l) => l.trim() !== '')) docs.push({ text: current.join('\n'), startLine: start });
  return docs;
}

/** Decodes one file's text into API objects (all documents); throws on a syntax error. */
export function decodeObjects(source: string, text: string): Manifests {
  const values = source.endsWith('.json') && text.trimStart().startsWith('{') ? [parseJson(source, text)] : parseYaml(source, text);
  const out: Manifests = { objects: [], errors: [] };
  for (const v of values) {
    if (v === null || v === undefined) continue;
    for (const obj of expandList(source, v)) {
      try {
        out.objects.push({ source, object: obj, rt: mapKind(source, obj) });
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        out.errors.push(e);
      }
    }
  }
  return out;
}

function parseJson(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CommandError(`error: error parsing ${source}: ${(e as Error).message}`);
  }
}

function parseYaml(source: string, text: string): unknown[] {
  const values: unknown[] = [];
  for (const doc of splitYamlDocuments(text)) {
    if (doc.text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) continue;
    const lines = new LineCounter();
    // YAML 1.1 as go-yaml reads it (so `yes`/`on` are booleans); duplicate keys are allowed, last wins.
    const parsed = parseDocument(doc.text, { version: '1.1', uniqueKeys: false, lineCounter: lines });
    const problem = parsed.errors[0];
    if (problem) {
      const line = lines.linePos(problem.pos[0]).line;
      const where = goYamlError(problem.code, problem.message, line, doc.text.split('\n'));
      throw new CommandError(`error: error parsing ${source}: error converting YAML to JSON: yaml: ${where}`);
    }
    values.push(parsed.toJS({ maxAliasCount: 100 }));
  }
  return values;
}

/**
 * Restates a syntax error of the `yaml` library as go-yaml (sigs.k8s.io/yaml) reports it: its
 * wording, and the line go-yaml blames, which for unclosed flow collections and misaligned keys
 * is the line before the one the `yaml` library points at. Checked against kubectl v1.31.
 */
function goYamlError(code: string, message: string, line: number, docLines: string[]): string {
  const previous = Math.max(1, line - 1);
  switch (code) {
    case 'TAB_AS_INDENT':
      return `line ${line}: found character that cannot start any token`;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `line ${line}: mapping values are not allowed in this context`;
    case 'MISSING_CHAR':
      return `line ${line}: found unexpected end of stream`;
    case 'BAD_INDENT': {
      if (message.startsWith('Flow sequence')) return `line ${previous}: did not find expected ',' or ']'`;
      if (message.startsWith('Flow map')) return `line ${previous}: did not find expected ',' or '}'`;
      const before = docLines.slice(0, line - 1).filter((l) => l.trim() !== '').pop() ?? '';
      return before.trim().startsWith('- ')
        ? `line ${previous}: did not find expected '-' indicator`
        : `line ${previous}: did not find expected key`;
    }
    default:
      return `line ${line}: did not find expected key`;
  }
}

function expandList(source: string, v: unknown): KObject[] {
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new CommandError(`error: error parsing ${source}: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`);
  }
  const obj = v as KObject;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    // A typed list's items (a PodList from the API, as `cluster-info dump` writes it) carry no
    // kind or apiVersion: the decoder gives them the list's (unstructured.go decodeToList).
    const itemKind = obj.kind.slice(0, -'List'.length);
    return (obj.items as unknown[]).flatMap((item) => expandList(source, typedItem(item, obj.apiVersion, itemKind)));
  }
  return [obj];
}

function typedItem(item: unknown, apiVersion: unknown, kind: string): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const o = item as Record<string, unknown>;
  if ((o.kind ?? '') !== '' || (o.apiVersion ?? '') !== '') return item;
  return { apiVersion, kind, ...o };
}

function mapKind(source: string, obj: KObject): ResourceType {
  if (!obj.kind) throw new CommandError(`error: unable to decode "${source}": Object 'Kind' is missing in '${sortedJson(obj)}'`);
  const meta: unknown = obj.metadata;
  if (meta !== undefined && meta !== null && (typeof meta !== 'object' || Array.isArray(meta))) {
    const goType = Array.isArray(meta) ? '[]interface {}' : typeof meta === 'number' ? 'float64' : typeof meta;
    throw new CommandError(
      `error: unable to decode "${source}": .metadata accessor error: ${Array.isArray(meta) ? `[${meta.join(' ')}]` : String(meta)} is of the type ${goType}, expected map[string]interface{}`,
    );
  }
  const rt = resourceForKind(String(obj.apiVersion ?? ''), String(obj.kind));
  if (!rt) {
    const name = obj.metadata?.name ?? '';
    const ns = obj.metadata?.namespace ?? '';
    throw new CommandError(
      `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ''}"\nensure CRDs are installed first`,
    );
  }
  return rt;
}

/** The fieldValidation query parameter kubectl sends, from its --validate flag. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** cmdutil.GetValidationDirective: strict (or true), warn, ignore (or false); anything else is refused. */
export function fieldValidation(flag: unknown): FieldValidation {
  const v = String(flag);
  if (v === 'strict' || GO_TRUE.includes(v)) return 'Strict';
  if (v === 'ignore' || GO_FALSE.includes(v)) return 'Ignore';
  if (v === 'warn') return 'Warn';
  throw new CommandError(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/**
 * The object as the API server decodes a create request's body: a value of the wrong JSON type
 * always fails (`Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal ...`);
 * unknown fields fail under Strict (`... strict decoding error: unknown field "spec.x"`), become
 * `Warning:` lines under Warn, and are dropped silently under Ignore. A client dry run never
 * reaches the server, so it is returned as it is. Returns a copy the caller may change.
 */
export function decodeForServer(io: CommandIO, m: ManifestObject, validation: FieldValidation, clientDryRun: boolean): KObject {
  if (clientDryRun) return deepClone(m.object);
  const found = decodeFindings(m.object);
  if (found.typeError) throw addSourceToErr('creating', m.source, decodeError(m.object, found.typeError));
  if (found.unknownFields.length > 0 && validation === 'Strict') {
    throw addSourceToErr('creating', m.source, decodeError(m.object, `strict decoding error: ${found.unknownFields.join(', ')}`));
  }
  if (validation === 'Warn') for (const w of found.unknownFields) io.err(`Warning: ${w}\n`);
  return withoutUnknownFields(m.object);
}
