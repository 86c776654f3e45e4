/**
 * `kubectl get -o jsonpath=<template>`: client-go's JSONPath engine as cli-runtime's
 * JSONPathPrinter drives it (missing keys allowed by default, as `--allow-missing-template-keys`
 * defaults to true), with kubectl's error text.
 *
 * Output rules: text outside `{}` is literal; each action prints its results separated by single
 * spaces; strings print raw, numbers plainly (floats as Go's `%v`), null as `null`, maps and lists
 * as compact JSON with sorted keys. Nothing is printed if any part of the template fails.
 */
import { goQuote, goSharpV } from './gofmt.ts';
import { formatFloatG, formatGoNumber } from './gofloat.ts';
import { goJsonCompact, toJson } from './json.ts';
import { GoFloat } from './jsonpath-compare.ts';
import { JpEvaluator, JpExecError, NO_VALUE } from './jsonpath-eval.ts';
import { JpParseError, parseJsonPath } from './jsonpath-parser.ts';

/**
 * A template that kubectl rejects. `message` is the exact text kubectl writes to stderr
 * (starting with `error: `, ending with a newline); kubectl exits with code 1.
 */
export class JsonPathError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

/** Options of {@link renderJsonPath}. */
export interface JsonPathOptions {
  /** `--allow-missing-template-keys` (default true): a missing key prints nothing instead of failing. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: print each action's results as an indented JSON array. */
  asJson?: boolean;
}

function plainValue(v: unknown): unknown {
  if (v instanceof GoFloat) return v.value;
  return v === NO_VALUE ? null : v;
}

function textOf(v: unknown): string {
  if (v === NO_VALUE) return '<no value>';
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoFloat) return formatFloatG(v.value);
  if (typeof v === 'number') return formatGoNumber(v);
  if (typeof v === 'object') return goJsonCompact(v);
  return String(v);
}

function printResults(results: unknown[], asJson: boolean): string {
  if (asJson) return toJson(results.map(plainValue));
  return results.map(textOf).join(' ');
}

function executionError(template: string, data: unknown, reason: string): JsonPathError {
  const details =
    `Error executing template: ${reason}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`;
  // Go's Errorf adds a newline after the report's own blank line (recorded: three newlines).
  return new JsonPathError(`error: error executing jsonpath ${goQuote(template)}: ${details}\n`);
}

/**
 * Renders a JSONPath template against data (one object, or the List kubectl builds for several —
 * see `listWrapper`). Throws {@link JsonPathError} with kubectl's message on parse or evaluation
 * errors, e.g. `error: error parsing jsonpath {.items[}, unterminated array`.
 * @param template the template as kubectl receives it (shell quotes already removed)
 */
export function renderJsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  let root;
  try {
    root = parseJsonPath(template);
  } catch (e) {
    if (e instanceof JpParseError) throw new JsonPathError(`error: error parsing jsonpath ${template}, ${e.message}\n`);
    throw e;
  }
  const evaluator = new JpEvaluator(opts.allowMissingKeys ?? true);
  let lists: unknown[][];
  try {
    lists = evaluator.findResults(data, root.nodes);
  } catch (e) {
    if (e instanceof JpExecError) throw executionError(template, data, e.message);
    throw e;
  }
  return lists.map((list) => printResults(list, opts.asJson ?? false)).join('');
}
