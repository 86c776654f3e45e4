/**
 * Validation of the YAML editor's text as `kubectl apply -f -` would meet it, for diagnostics as
 * you type: the same decoding the command layer does (manifests.ts: go-yaml syntax errors, kind
 * mapping; strict.ts: values of the wrong type and, under the default `--validate=strict`, unknown
 * fields), each message in kubectl's words, placed on the line it is about. Pure (no simulation:
 * validating never touches the cluster or its random stream), so it runs in the worker and in Node.
 * With `admit` (validate-admission.ts: a server dry run against the live cluster), an object that
 * decodes cleanly also goes through the API server's validation and admission, each refusal on
 * the line of the field it names.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { decodeError } from '../engine/api/admission/common.ts';
import { decodeFindings } from '../engine/api/schema/strict.ts';
import type { KObject } from '../engine/api/types.ts';
import { addSourceToErr, errorMessage } from '../commands/kubectl/errors.ts';
import { decodeObjects, splitYamlDocuments } from '../commands/kubectl/manifests.ts';
import { CommandError } from '../commands/types.ts';
import type { ManifestDiagnostic } from './protocol.ts';
import { admissionFindings, type Admit } from './validate-admission.ts';

/** The source name kubectl gives standard input. */
const STDIN = 'STDIN';

/** Diagnostics for a YAML stream, in document order; lines are 1-based in the whole text. */
export function validateManifest(text: string, admit?: Admit): ManifestDiagnostic[] {
  let docs: { text: string; startLine: number }[];
  try {
    docs = splitYamlDocuments(text);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('---') && l.slice(3).trim() !== '' && !l.slice(3).trim().startsWith('#'));
    return [{ line: at + 1, severity: 'error', message: e.message }];
  }
  return docs.flatMap((d) => validateDocument(d.text, d.startLine, admit));
}

function validateDocument(text: string, startLine: number, admit: Admit | undefined): ManifestDiagnostic[] {
  if (text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) return [];
  const at = (line: number): number => startLine + line - 1;
  let decoded;
  try {
    decoded = decodeObjects(STDIN, text);
  } catch (e) {
    if (!(e instanceof CommandError)) throw e;
    // `... yaml: line 5: ...` counts lines within the document.
    const m = /yaml: line (\d+):/.exec(e.message);
    return [{ line: at(m ? Number(m[1]) : firstContentLine(text)), severity: 'error', message: e.message }];
  }
  const tree = new YamlTree(text);
  const out: ManifestDiagnostic[] = [];
  // Objects of unknown kinds are reported, the others still decoded (as apply goes on with them).
  for (const e of decoded.errors) out.push({ line: at(tree.lineOf(tree.objects()[0], ['kind']) ?? firstContentLine(text)), severity: 'error', message: e.message });
  const nodes = tree.objects();
  decoded.objects.forEach((m, i) => {
    const node = nodes[i];
    const found = decodeFindings(m.object);
    if (found.typeError !== undefined) {
      const path = typeErrorPath(found.typeError);
      out.push({ line: at(tree.lineOf(node, path) ?? tree.lineOf(node, []) ?? 1), severity: 'error', message: serverMessage(m.object, found.typeError) });
      return;
    }
    for (const f of found.unknownFields) {
      const path = unknownFieldPath(f);
      out.push({ line: at(tree.lineOf(node, path) ?? tree.lineOf(node, []) ?? 1), severity: 'error', message: serverMessage(m.object, `strict decoding error: ${f}`) });
    }
    // The body decoded: the API server's validation and admission come next.
    const refused = found.unknownFields.length === 0 && admit ? admit(m) : undefined;
    if (refused === undefined) return;
    for (const f of admissionFindings(refused)) {
      out.push({ line: at(tree.lineOf(node, f.path) ?? tree.lineOf(node, []) ?? 1), severity: 'error', message: f.message });
    }
  });
  return out.sort((a, b) => a.line - b.line);
}

/** What kubectl prints when the API server refuses the object's body on create. */
function serverMessage(obj: KObject, why: string): string {
  return errorMessage(addSourceToErr('creating', STDIN, decodeError(obj, why)));
}

function firstContentLine(text: string): number {
  const i = text.split('\n').findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return i < 0 ? 1 : i + 1;
}

/** A path step: a field name, or an index in a list. */
export type PathStep = string | number;

/** `unknown field "spec.containers[0].imagez"` → `['spec', 'containers', 0, 'imagez']`. */
export function unknownFieldPath(finding: string): PathStep[] {
  const m = /^unknown field "(.*)"$/.exec(finding);
  return m ? parsePath(m[1]) : [];
}

/**
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`
 * → `['spec', 'replicas']`: encoding/json names the JSON path without list indices.
 */
export function typeErrorPath(message: string): PathStep[] {
  const m = /Go struct field \S+?\.(\S+) of type/.exec(message);
  return m ? parsePath(m[1]) : [];
}

export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      steps.push(part);
      continue;
    }
    if (m[1] !== '') steps.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(idx[1]));
  }
  return steps;
}

/** One YAML document's nodes with their lines, walked the way manifests.ts expands `kind: List`. */
class YamlTree {
  private readonly counter = new LineCounter();
  private readonly root: YamlNode | null;

  constructor(text: string) {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, lineCounter: this.counter });
    this.root = doc.contents as YamlNode | null;
  }

  /** The object nodes in decoding order: the document, or the items of a `kind: List` (recursively). */
  objects(): (YamlNode | null)[] {
    const out: (YamlNode | null)[] = [];
    const visit = (n: YamlNode | null): void => {
      if (isMap(n)) {
        const kind = n.get('kind');
        const items = n.get('items', true);
        if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) {
          for (const item of items.items) visit(item as YamlNode);
          return;
        }
      }
      out.push(n);
    };
    visit(this.root);
    return out;
  }

  /**
   * The line of the deepest node of `path` found under `node` (the key's line for a field). A
   * name step met at a list (a type error's path has no indices) looks in every item in turn.
   */
  lineOf(node: YamlNode | null | undefined, path: readonly PathStep[]): number | undefined {
    if (!node) return undefined;
    const own = this.line(node);
    if (path.length === 0) return own;
    const [step, ...rest] = path;
    if (isSeq(node)) {
      if (typeof step === 'number') {
        const item = node.items[step] as YamlNode | undefined;
        return item ? (this.lineOf(item, rest) ?? this.line(item)) : own;
      }
      for (const item of node.items) {
        const found = isMap(item) ? item.items.find((p) => isScalar(p.key) && p.key.value === step) : undefined;
        if (found) return this.lineOf(item as YamlNode, path);
      }
      return own;
    }
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return own;
      const keyLine = this.line(pair.key as YamlNode);
      if (rest.length === 0) return keyLine;
      return this.lineOf(pair.value as YamlNode | null, rest) ?? keyLine;
    }
    return own;
  }

  private line(node: YamlNode): number | undefined {
    const start = node.range?.[0];
    return start === undefined ? undefined : this.counter.linePos(start).line;
  }
}
