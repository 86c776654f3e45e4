/**
 * `kubectl get -o go-template=...` (also `go-template-file`, `template`, `templatefile`): Go's
 * text/template executed as cli-runtime's GoTemplatePrinter runs it — over the object decoded by
 * apimachinery's json (whole numbers become int64, others float64), with `missingkey=default`
 * unless `--allow-missing-template-keys=false`, text/template's builtins and kubectl's
 * `exists`/`base64decode` (go-template-funcs.ts). Error texts are Go's (`template: output:1:2:
 * executing "output" at <eq .x 3>: error calling eq: incompatible types for comparison`).
 * Not supported: `define`/`block` (a parse error); `{{template "x"}}` fails as in kubectl, where
 * no other template exists.
 *
 * Values: `undefined` is Go's invalid value (a missing key), `null` a nil interface (JSON null),
 * `bigint` a Go int or int64 (object numbers, literals, `len`), `number` a float64.
 */
import { goQuote } from './gofmt.ts';
import { goJsonCompact } from './json.ts';
import { compareGoStrings } from './selector.ts';
import { FUNCS, FuncError, callFunc, fmtSprint, isTrue } from './go-template-funcs.ts';
import { GoTemplateParseError, parseGoTemplate, pipeText, type Arg, type Cmd, type ParsedTemplate, type BlockNode, type Pipe, type TNode } from './go-template-parse.ts';

export { GoTemplateParseError, type ParsedTemplate };

/** A template kubectl rejects: `message` is its stderr line, `stdout` what it printed first. */
export class GoTemplateError extends Error {
  constructor(
    message: string,
    readonly stdout = '',
  ) {
    super(message);
  }
}

/** Options of {@link renderGoTemplate}. */
export interface GoTemplateOptions {
  /** `--allow-missing-template-keys` (default true): a missing map key prints `<no value>`. */
  allowMissingKeys?: boolean;
}

/** Parses a template, throwing kubectl's `error parsing template ...` error. */
export function compileGoTemplate(text: string): ParsedTemplate {
  try {
    return parseGoTemplate(text, new Set(Object.keys(FUNCS).concat(['and', 'or'])));
  } catch (e) {
    if (e instanceof GoTemplateParseError) throw new GoTemplateError(`error parsing template ${text}, ${e.message}`);
    throw e;
  }
}

/**
 * Renders a template against an object (or kubectl's List of several). On an execution error
 * kubectl prints the partial output and a debugging report on stdout, then fails; the thrown
 * {@link GoTemplateError} carries both.
 */
export function renderGoTemplate(tmpl: ParsedTemplate, data: unknown, opts: GoTemplateOptions = {}): string {
  const root = withGoInts(data);
  const state = new State(tmpl.source, root, opts.allowMissingKeys ?? true);
  try {
    state.walkList(root, tmpl.nodes);
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    const report =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${tmpl.source}\n` +
      `\traw data was:\n\t\t${goJsonCompact(data)}\n` +
      `\tobject given to template engine was:\n\t\t${fmtSprint([root])}\n\n`;
    throw new GoTemplateError(`error: error executing template ${goQuote(tmpl.source)}: ${e.message}`, state.out + report);
  }
  return state.out;
}

/** The object as apimachinery's json.Unmarshal hands it over: whole numbers as int64 (bigint). */
function withGoInts(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(withGoInts);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = withGoInts(x);
    return out;
  }
  return v;
}

class ExecError extends Error {}
class BreakSignal {}
class ContinueSignal {}

/** Marks "no final value" in a pipeline stage (Go's `missingVal`). */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown | typeof MISSING;

interface At {
  pos: number;
  text: string;
}

class State {
  out = '';
  private vars: { name: string; value: unknown }[] = [];

  constructor(
    private readonly source: string,
    root: unknown,
    private readonly allowMissing: boolean,
  ) {
    this.vars.push({ name: '$', value: root });
  }

  errorf(at: At, msg: string): never {
    const before = this.source.slice(0, at.pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? utf8Len(before) : utf8Len(before.slice(nl + 1));
    throw new ExecError(`template: output:${line}:${col}: executing "output" at <${at.text}>: ${msg}`);
  }

  walkList(dot: unknown, nodes: TNode[]): void {
    for (const n of nodes) this.walk(dot, n);
  }

  private walk(dot: unknown, node: TNode): void {
    switch (node.t) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += v === undefined || v === null ? '<no value>' : fmtSprint([v]);
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'template':
        return this.errorf(node, `template ${goQuote(node.name)} not defined`);
    }
  }

  private scoped(fn: () => void): void {
    const mark = this.vars.length;
    try {
      fn();
    } finally {
      this.vars.length = mark;
    }
  }

  private walkIfOrWith(dot: unknown, node: BlockNode): void {
    this.scoped(() => {
      const v = this.evalPipeline(dot, node.pipe);
      if (isTrue(v)) this.walkList(node.t === 'with' ? v : dot, node.list);
      else if (node.elseList) this.walkList(dot, node.elseList);
    });
  }

  private walkRange(dot: unknown, node: BlockNode): void {
    this.scoped(() => {
      const v = this.evalPipeline(dot, { ...node.pipe, decl: [] });
      const entries = rangeEntries(v, (msg) => this.errorf({ pos: node.pipe.pos, text: pipeText(node.pipe) }, msg));
      if (entries.length === 0) {
        if (node.elseList) this.walkList(dot, node.elseList);
        return;
      }
      const mark = this.vars.length;
      for (const [key, elem] of entries) {
        this.setRangeVars(node.pipe, key, elem, mark);
        try {
          this.walkList(elem, node.list);
        } catch (e) {
          if (e instanceof BreakSignal) break;
          if (!(e instanceof ContinueSignal)) throw e;
        }
      }
    });
  }

  private setRangeVars(pipe: Pipe, key: unknown, elem: unknown, mark: number): void {
    this.vars.length = mark;
    const d = pipe.decl;
    const values = d.length === 1 ? [elem] : [key, elem];
    d.forEach((name, i) => (pipe.isAssign ? this.setVar(name, values[i]) : this.vars.push({ name, value: values[i] })));
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
  }

  private varValue(at: At, name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.errorf(at, `undefined variable: ${name}`);
  }

  evalPipeline(dot: unknown, pipe: Pipe): unknown {
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const v = value === MISSING ? undefined : value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, v);
      else this.vars.push({ name, value: v });
    }
    return v;
  }

  private evalCommand(dot: unknown, cmd: Cmd, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.names, cmd.args, final);
      case 'variable': {
        const v = this.varValue(first, first.names[0]);
        if (first.names.length === 1) {
          this.notAFunction(cmd.args, final);
          return v;
        }
        return this.evalFieldChain(dot, v, first, first.names.slice(1), cmd.args, final);
      }
      case 'chain': {
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first, first.fields, cmd.args, final);
      }
      case 'ident':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first.pipe);
      case 'nil':
        return this.errorf(first, 'nil is not a command');
      default:
        this.notAFunction(cmd.args, final);
        return this.evalArg(dot, first);
    }
  }

  private notAFunction(args: Arg[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(args[0], `can't give argument to non-function ${args[0].text}`);
  }

  private evalFieldChain(_dot: unknown, receiver: unknown, at: At, names: string[], args: Arg[], final: Final): unknown {
    let r = receiver;
    for (let i = 0; i < names.length - 1; i++) r = this.evalField(at, names[i], r, false);
    const hasArgs = args.length > 1 || final !== MISSING;
    return this.evalField(at, names[names.length - 1], r, hasArgs);
  }

  private evalField(at: At, name: string, receiver: unknown, hasArgs: boolean): unknown {
    if (receiver === undefined) {
      if (!this.allowMissing) this.errorf(at, `nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(at, `nil pointer evaluating interface {}.${name}`);
    if (typeof receiver === 'object' && !Array.isArray(receiver)) {
      if (hasArgs) this.errorf(at, `${name} is not a method but has arguments`);
      const m = receiver as Record<string, unknown>;
      if (Object.hasOwn(m, name) && m[name] !== undefined) return m[name];
      if (!this.allowMissing) this.errorf(at, `map has no entry for key ${goQuote(name)}`);
      return undefined;
    }
    return this.errorf(at, `can't evaluate field ${name} in type ${typeof receiver === 'bigint' ? 'int' : 'interface {}'}`);
  }

  evalArg(dot: unknown, n: Arg): unknown {
    switch (n.t) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, n, n.names, [n], MISSING);
      case 'variable': {
        const v = this.varValue(n, n.names[0]);
        return n.names.length === 1 ? v : this.evalFieldChain(dot, v, n, n.names.slice(1), [n], MISSING);
      }
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, n.node), n, n.fields, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n.pipe);
      case 'ident':
        return this.evalFunction(dot, n, { args: [n], pos: n.pos, text: n.text }, [n], MISSING);
      case 'bool':
      case 'number':
      case 'string':
        return n.value;
    }
  }

  private evalFunction(dot: unknown, ident: Extract<Arg, { t: 'ident' }>, cmd: Cmd, args: Arg[], final: Final): unknown {
    const rest = args.slice(1);
    const name = ident.name;
    if (name === 'and' || name === 'or') return this.evalAndOr(dot, ident, rest, final);
    for (const i of FUNCS[name].strings ?? []) {
      const a = rest[i];
      if (a && (a.t === 'number' || a.t === 'bool')) this.errorf(a, `expected string; found ${a.text}`);
    }
    const values = rest.map((a) => this.evalArg(dot, a));
    if (final !== MISSING) values.push(final);
    try {
      return callFunc(name, values);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      if (e.argIndex !== undefined && e.argIndex < rest.length) this.errorf(rest[e.argIndex], e.message);
      if (e.arity) this.errorf(ident, e.message);
      return this.errorf(cmd, `error calling ${name}: ${e.message}`);
    }
  }

  /** `and`/`or` evaluate their arguments lazily and return one of them (Go 1.18+). */
  private evalAndOr(dot: unknown, ident: Extract<Arg, { t: 'ident' }>, rest: Arg[], final: Final): unknown {
    const n = rest.length + (final !== MISSING ? 1 : 0);
    if (n === 0) this.errorf(ident, `wrong number of args for ${ident.name}: want at least 1 got 0`);
    let v: unknown;
    for (let i = 0; i < n; i++) {
      v = i < rest.length ? this.evalArg(dot, rest[i]) : final;
      if (isTrue(v) === (ident.name === 'or')) return v;
    }
    return v;
  }
}

function utf8Len(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** What `range` iterates: list items by index, map values by sorted key (Go before 1.22: no ints). */
function rangeEntries(v: unknown, fail: (msg: string) => never): [unknown, unknown][] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((e, i) => [BigInt(i), e]);
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    return Object.keys(m)
      .filter((k) => m[k] !== undefined)
      .sort(compareGoStrings)
      .map((k) => [k, m[k]]);
  }
  return fail(`range can't iterate over ${fmtSprint([v])}`);
}
