/**
 * Label and field selectors, parsed and matched as apimachinery's `labels.Parse` and
 * `fields.ParseSelector` do: equality-based (`a=b`, `a==b`, `a!=b`) and set-based
 * (`a in (x,y)`, `a notin (x)`, `a`, `!a`, and the numeric `a>1` / `a<1`).
 */
import type { LabelSelector } from './types.ts';
import { deepFreeze } from '../kernel/objects.ts';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  op: LabelOperator;
  values: string[];
}

/** A parsed label selector: requirements ANDed. An empty selector matches everything. */
export type LabelRequirements = readonly LabelRequirement[];

export class SelectorParseError extends Error {}

type Token = { kind: 'id' | 'op' | 'end'; text: string };

const OPERATOR_TOKENS = ['==', '!=', '=', '!', '(', ')', ',', '>', '<'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const op = OPERATOR_TOKENS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < text.length && !' \t\n\r=!(),<>'.includes(text[j])) j++;
    tokens.push({ kind: 'id', text: text.slice(i, j) });
    i = j;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

/** Parses `kubectl -l` / `labelSelector=` text into requirements. Throws SelectorParseError. */
export function parseLabelSelector(text: string): LabelRequirements {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const fail = (t: Token, expected: string): never => {
    throw new SelectorParseError(`unable to parse requirement: found '${t.text}', expected: ${expected}`);
  };
  const requirements: LabelRequirement[] = [];
  if (peek().kind === 'end') return requirements;
  for (;;) {
    let t = next();
    let negated = false;
    if (t.kind === 'op' && t.text === '!') {
      negated = true;
      t = next();
    }
    if (t.kind !== 'id') fail(t, 'identifier');
    const key = t.text;
    if (negated) {
      requirements.push({ key, op: '!', values: [] });
    } else {
      requirements.push(parseOperatorAndValues(key, peek, next, fail));
    }
    const sep = next();
    if (sep.kind === 'end') break;
    if (sep.text !== ',') fail(sep, "',' or 'end of string'");
  }
  return requirements;
}

function parseOperatorAndValues(
  key: string,
  peek: () => Token,
  next: () => Token,
  fail: (t: Token, expected: string) => never,
): LabelRequirement {
  const t = peek();
  if (t.kind === 'end' || (t.kind === 'op' && t.text === ',')) return { key, op: 'exists', values: [] };
  next();
  if (t.kind === 'id' && (t.text === 'in' || t.text === 'notin')) {
    const open = next();
    if (open.text !== '(') fail(open, "'('");
    const values: string[] = [];
    for (;;) {
      const v = next();
      if (v.kind === 'op' && v.text === ')' && values.length === 0) break;
      if (v.kind !== 'id') fail(v, 'identifier');
      values.push(v.text);
      const sep = next();
      if (sep.text === ')') break;
      if (sep.text !== ',') fail(sep, "',' or ')'");
    }
    return { key, op: t.text, values };
  }
  if (t.kind === 'op' && ['=', '==', '!='].includes(t.text)) {
    const v = peek();
    // `a=` selects the empty value.
    const value = v.kind === 'id' ? next().text : '';
    return { key, op: t.text as LabelOperator, values: [value] };
  }
  if (t.kind === 'op' && (t.text === '>' || t.text === '<')) {
    const v = next();
    if (v.kind !== 'id' || !/^-?\d+$/.test(v.text)) fail(v, 'integer');
    return { key, op: t.text === '>' ? 'gt' : 'lt', values: [v.text] };
  }
  return fail(t, "'=', '!=', '==', 'in', notin'");
}

/** True when the labels satisfy every requirement. */
export function matchesLabels(req: LabelRequirements, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of req) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels![r.key] : undefined;
    switch (r.op) {
      case '=':
      case '==':
      case 'in':
        if (!has || !r.values.includes(value!)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value!)) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** Converts a `metav1.LabelSelector` (matchLabels + matchExpressions) to requirements. */
export function labelSelectorRequirements(sel: LabelSelector | undefined): LabelRequirements {
  if (!sel) return [];
  // A stored object's selector is frozen: its requirements are worked out once, not per pod matched.
  if (!Object.isFrozen(sel)) return selectorToRequirements(sel);
  let reqs = requirementsOfFrozen.get(sel);
  if (reqs === undefined) requirementsOfFrozen.set(sel, (reqs = deepFreeze(selectorToRequirements(sel))));
  return reqs;
}

const requirementsOfFrozen = new WeakMap<LabelSelector, LabelRequirements>();

function selectorToRequirements(sel: LabelSelector): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) {
    out.push({ key, op: '=', values: [sel.matchLabels![key]] });
  }
  for (const e of sel.matchExpressions ?? []) {
    const op: LabelOperator =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    out.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  return out;
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const reqs = labelSelectorRequirements(sel);
  if (reqs.length === 0) return '<none>';
  return reqs.map(formatRequirement).join(',');
}

function formatRequirement(r: LabelRequirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${[...r.values].sort().join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.op}${r.values[0]}`;
  }
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parses `--field-selector` text (`a=b,c!=d`, `==` allowed; `\,` `\=` `\\` escapes). */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (text.trim() === '') return out;
  for (const part of splitUnescaped(text, ',')) {
    const m = /^(.*?)(==|!=|=)(.*)$/s.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${part}'`);
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: unescapeField(m[3]) });
  }
  return out;
}

function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      cur += text[i] + text[i + 1];
      i++;
    } else if (text[i] === sep) {
      parts.push(cur);
      cur = '';
    } else cur += text[i];
  }
  parts.push(cur);
  return parts;
}

function unescapeField(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

/** Matches field requirements against the kind's field-label values. */
export function matchesFields(reqs: readonly FieldRequirement[], fieldValue: (field: string) => string): boolean {
  for (const r of reqs) {
    const v = fieldValue(r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
