/**
 * Evaluation of a parsed JSONPath template over an unstructured value, following client-go
 * `util/jsonpath/jsonpath.go` (`FindResults` and the `eval*` functions), including its range/end
 * bookkeeping. Map iteration (wildcards, recursive descent) uses sorted keys where Go's order
 * is random.
 */
import { CompareError, GoFloat, compareValues } from './jsonpath-compare.ts';
import type { JpList, JpNode } from './jsonpath-parser.ts';
import { goV } from './gofmt.ts';
import { compareGoStrings } from './selector.ts';

/** The invalid `reflect.Value` Go uses for "no data" (a range over nothing, a null range item). */
export const NO_VALUE: unique symbol = Symbol('no value');

/**
 * An evaluation error; `message` is client-go's text (e.g. `array index out of bounds: ...`).
 * `partial` is the value list Go returns alongside the error, which an existence filter
 * (`[?(@.x)]`) still inspects.
 */
export class JpExecError extends Error {
  constructor(
    message: string,
    readonly partial: unknown[] = [],
  ) {
    super(message);
  }
}

type Values = unknown[];

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
}

/** Go's reflect type name of an unstructured value, as `%v` of `value.Type()` prints it. */
function goTypeName(v: unknown): string {
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** Children as Go iterates them: map values (sorted keys), list items, or a string's bytes. */
function children(v: unknown): Values {
  if (isMap(v)) {
    return Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort(compareGoStrings)
      .map((k) => v[k]);
  }
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return utf8Bytes(v);
  return [];
}

/** Skipped by field/array/wildcard evaluation: Go's nil interfaces and invalid values. */
function isNil(v: unknown): boolean {
  return v === null || v === undefined || v === NO_VALUE;
}

/** Evaluates a template against data, producing one result list per printed node. */
export class JpEvaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JpNode | undefined;

  constructor(private readonly allowMissingKeys: boolean) {}

  /** client-go `FindResults`. */
  findResults(data: unknown, nodes: JpNode[]): Values[] {
    const cur: Values = [data];
    const full: Values[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const body = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value === null ? NO_VALUE : value, body));
        } else {
          this.findResults(NO_VALUE, body);
        }
        this.inRange--;
        const k = nodes.indexOf(this.lastEndNode as JpNode, i + 1);
        if (k >= 0) i = k;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Values, node: JpNode): Values {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'wildcard':
        return input.filter((v) => !isNil(v)).flatMap(children);
      case 'recursive':
        return evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.nodes);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  evalList(input: Values, list: JpList): Values {
    let cur = input;
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalUnion(input: Values, lists: JpList[]): Values {
    try {
      return lists.flatMap((list) => this.evalList(input, list));
    } catch (e) {
      throw e instanceof JpExecError ? new JpExecError(e.message, input) : e;
    }
  }

  private evalIdentifier(input: Values, name: string): Values {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new JpExecError('not in range, nothing to end');
      this.endRange++;
      return [];
    }
    throw new JpExecError(`unrecognized identifier ${name}`, input);
  }

  private evalField(input: Values, key: string): Values {
    if (input.length === 0) return [];
    const results = input
      .filter((v): v is Record<string, unknown> => isMap(v) && Object.hasOwn(v, key) && v[key] !== undefined)
      .map((v) => v[key]);
    if (results.length === 0 && !this.allowMissingKeys) throw new JpExecError(`${key} is not found`);
    return results;
  }

  private evalFilter(input: Values, node: Extract<JpNode, { type: 'filter' }>): Values {
    const results: Values = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === NO_VALUE ? '<invalid reflect.Value>' : goV(value);
        throw new JpExecError(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value) {
        let matches: boolean;
        try {
          matches = this.filterMatches(item, node);
        } catch (e) {
          if (e instanceof CompareError) throw new JpExecError(e.message, results);
          throw e instanceof JpExecError ? new JpExecError(e.message, input) : e;
        }
        if (matches) results.push(item);
      }
    }
    return results;
  }

  private filterMatches(item: unknown, node: Extract<JpNode, { type: 'filter' }>): boolean {
    if (node.operator === 'exists') {
      try {
        return this.evalList([item], node.left).length > 0;
      } catch (e) {
        // Go ignores the error here but still counts the values returned alongside it.
        if (e instanceof JpExecError) return e.partial.length > 0;
        throw e;
      }
    }
    const lefts = this.evalList([item], node.left);
    if (lefts.length === 0) return false;
    if (lefts.length > 1) throw new JpExecError('can only compare one element at a time');
    const rights = this.evalList([item], node.right);
    if (rights.length === 0) return false;
    if (rights.length > 1) throw new JpExecError('can only compare one element at a time');
    return compareValues(node.operator, lefts[0], rights[0]);
  }
}

function evalRecursive(input: Values): Values {
  const result: Values = [];
  for (const value of input) {
    if (isNil(value)) continue;
    const kids = children(value);
    if (kids.length === 0) continue;
    result.push(value, ...evalRecursive(kids));
  }
  return result;
}

function evalArray(input: Values, params: Extract<JpNode, { type: 'array' }>['params']): Values {
  const result: Values = [];
  for (const value of input) {
    if (isNil(value)) continue;
    if (!Array.isArray(value)) throw new JpExecError(`${goTypeName(value)} is not array or slice`, input);
    const len = value.length;
    let start = params[0].known ? params[0].value : 0;
    if (start < 0) start += len;
    let end = params[1].known ? params[1].value : len;
    if (end < 0 || (end === 0 && params[1].derived)) end += len;
    if (end === start) return result;
    if (start >= len || start < 0) throw new JpExecError(`array index out of bounds: index ${start}, length ${len}`, input);
    if (end > len || end < 0) throw new JpExecError(`array index out of bounds: index ${end - 1}, length ${len}`, input);
    if (start > end) throw new JpExecError(`starting index ${start} is greater than ending index ${end}`, input);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new JpExecError('step must be > 0', input);
      step = params[2].value;
    }
    for (let i = start; i < end; i += step) result.push(value[i]);
  }
  return result;
}
