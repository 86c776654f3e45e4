/**
 * YAML as `kubectl get -o yaml` prints it. kubectl marshals the unstructured object with
 * sigs.k8s.io/yaml, i.e. JSON first and then go-yaml v2, so the output has go-yaml v2's shape:
 * keys sorted at every level (v2's natural order), 2-space indentation, block sequences not
 * indented under their key (`containers:\n- image: nginx`), `{}`/`[]` for empty collections,
 * strings quoted only when needed, `|`/`|-`/`|+` for multi-line strings, and plain or quoted
 * strings folded at spaces once a line passes 80 columns.
 */
import { formatFloatG, isGoInt } from './gofloat.ts';
import { analyzeScalar, selectScalarStyle, type ScalarStyle } from './yaml-scalar.ts';
import { canUsePlain, compareYamlKeys } from './yaml-resolve.ts';
import { YamlWriter } from './yaml-writer.ts';

/** The longest key (in UTF-8 bytes) go-yaml writes as a simple `key: value` pair. */
const SIMPLE_KEY_MAX_BYTES = 128;

interface NodeContext {
  mapping: boolean;
  simpleKey: boolean;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A non-string scalar as go-yaml writes it (always plain). */
function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'number') return undefined;
  if (Number.isNaN(value)) return 'null'; // JSON has no NaN/Inf; encoding/json would fail first
  if (!Number.isFinite(value)) return 'null';
  if (isGoInt(value)) return Object.is(value, -0) ? '0' : String(value);
  return formatFloatG(value);
}

class YamlEncoder {
  readonly w = new YamlWriter();

  node(value: unknown, ctx: NodeContext): void {
    if (typeof value === 'string') this.string(value, ctx);
    else if (Array.isArray(value)) this.sequence(value, ctx);
    else if (typeof value === 'object' && value !== null) this.mapping(value as Record<string, unknown>);
    else this.scalar(scalarText(value) ?? 'null', 'plain', ctx);
  }

  private string(s: string, ctx: NodeContext): void {
    const requested: ScalarStyle = s.includes('\n') ? 'literal' : canUsePlain(s) ? 'plain' : 'double';
    this.scalar(s, requested, ctx);
  }

  private scalar(s: string, requested: ScalarStyle, ctx: NodeContext): void {
    const style = selectScalarStyle(requested, analyzeScalar(s), ctx.simpleKey, s === '');
    this.w.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === 'plain') this.w.writePlain(s, allowBreaks);
    else if (style === 'single') this.w.writeSingleQuoted(s, allowBreaks);
    else if (style === 'double') this.w.writeDoubleQuoted(s, allowBreaks);
    else this.w.writeLiteral(s);
    this.w.popIndent();
  }

  private emptyCollection(open: string, close: string): void {
    this.w.writeIndicator(open, true, true, false);
    this.w.increaseIndent(true, false);
    this.w.popIndent();
    this.w.writeIndicator(close, false, false, false);
  }

  private mapping(obj: Record<string, unknown>): void {
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
      .sort(compareYamlKeys);
    if (keys.length === 0) return this.emptyCollection('{', '}');
    this.w.increaseIndent(false, false);
    for (const key of keys) {
      this.w.writeIndent();
      const simple = utf8Length(key) <= SIMPLE_KEY_MAX_BYTES && !analyzeScalar(key).multiline;
      if (simple) {
        this.string(key, { mapping: true, simpleKey: true });
        this.w.writeIndicator(':', false, false, false);
      } else {
        this.w.writeIndicator('?', true, false, true);
        this.string(key, { mapping: true, simpleKey: false });
        this.w.writeIndent();
        this.w.writeIndicator(':', true, false, true);
      }
      this.node(obj[key], { mapping: true, simpleKey: false });
    }
    this.w.popIndent();
  }

  private sequence(items: unknown[], ctx: NodeContext): void {
    if (items.length === 0) return this.emptyCollection('[', ']');
    this.w.increaseIndent(false, ctx.mapping && !this.w.indention);
    for (const item of items) {
      this.w.writeIndent();
      this.w.writeIndicator('-', true, false, true);
      this.node(item === undefined ? null : item, { mapping: false, simpleKey: false });
    }
    this.w.popIndent();
  }
}

/**
 * Serialises a value the way `kubectl get -o yaml` does (one document, ending in `\n`).
 * Properties whose value is `undefined` are omitted, as JSON marshalling would.
 */
export function toYaml(value: unknown): string {
  const enc = new YamlEncoder();
  enc.node(value, { mapping: false, simpleKey: false });
  enc.w.indent = -1;
  enc.w.writeIndent();
  return enc.w.text();
}

/** The `v1` List kubectl wraps several objects in for `-o yaml`/`-o json`/`-o jsonpath`. */
export interface KubectlList {
  apiVersion: 'v1';
  items: unknown[];
  kind: 'List';
  metadata: { resourceVersion: string };
}

/**
 * Wraps objects the way `kubectl get` does before printing them with a generic printer:
 * `{apiVersion: v1, items: [...], kind: List, metadata: {resourceVersion: ""}}`.
 */
export function listWrapper(items: unknown[]): KubectlList {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
