/**
 * Field paths and matchers for goal checks. A path walks an object (`spec.replicas`), indexes
 * lists (`containers[0]`), picks list items by a field (`containers[name=app]`), fans out over
 * every item (`containers[*]`), and quotes keys with dots (`metadata.annotations['a.b/c']`). A path
 * yields every value it reaches; a matcher passes when one of them matches (`exists: false` when
 * none is there).
 */
import { parseExactQuantity } from '../engine/api/quantity.ts';
import type { FieldMatcher } from './types.ts';

type Step = { key: string } | { index: number } | { all: true } | { where: string; is: string };

/** A path that cannot be parsed. */
export class FieldPathError extends Error {}

/** Parses `a.b[0].c[name=x]['d.e']` into steps; throws {@link FieldPathError}. */
export function parseFieldPath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const bad = (why: string) => new FieldPathError(`invalid field path "${path}": ${why}`);
  while (i < path.length) {
    if (path[i] === '.') {
      if (i === 0 || i === path.length - 1 || path[i + 1] === '.') throw bad('a "." must join two names');
      i++;
      continue;
    }
    if (path[i] === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw bad('"[" without "]"');
      steps.push(bracketStep(path.slice(i + 1, end), bad));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    steps.push({ key: path.slice(i, j) });
    i = j;
  }
  if (steps.length === 0) throw bad('empty path');
  return steps;
}

function bracketStep(inner: string, bad: (why: string) => FieldPathError): Step {
  if (inner === '*') return { all: true };
  if (/^\d+$/.test(inner)) return { index: Number(inner) };
  const quoted = /^'([^']*)'$/.exec(inner) ?? /^"([^"]*)"$/.exec(inner);
  if (quoted) return { key: quoted[1] };
  const eq = inner.indexOf('=');
  if (eq > 0) return { where: inner.slice(0, eq), is: inner.slice(eq + 1) };
  throw bad(`"[${inner}]" is not an index, *, 'key' or field=value`);
}

/** Every value the path reaches in `obj`. */
export function readField(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj];
  for (const step of parseFieldPath(path)) {
    const next: unknown[] = [];
    for (const v of current) next.push(...applyStep(v, step));
    current = next;
  }
  return current;
}

function applyStep(v: unknown, step: Step): unknown[] {
  if ('key' in step) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
    const r = (v as Record<string, unknown>)[step.key];
    return Object.prototype.hasOwnProperty.call(v, step.key) && r !== undefined ? [r] : [];
  }
  if (!Array.isArray(v)) return [];
  if ('index' in step) return step.index < v.length ? [v[step.index]] : [];
  if ('all' in step) return [...v];
  return v.filter((item) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[step.where]) === step.is);
}

function quantityNano(v: unknown): bigint | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return parseExactQuantity(String(v)).nano;
  } catch {
    return undefined;
  }
}

/** Whether one value satisfies the matcher (`exists` is decided by the caller). */
function matchesOne(v: unknown, m: FieldMatcher): boolean {
  if (typeof m !== 'object') return v === m;
  if (m.equals !== undefined && v !== m.equals) return false;
  if (m.oneOf !== undefined && !m.oneOf.some((x) => x === v)) return false;
  const n = typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? Number(v) : NaN;
  if (m.gte !== undefined && !(n >= m.gte)) return false;
  if (m.lte !== undefined && !(n <= m.lte)) return false;
  if (m.contains !== undefined && !(typeof v === 'string' && v.includes(m.contains))) return false;
  const q = m.quantity ?? m.quantityGte ?? m.quantityLte;
  if (q !== undefined) {
    const have = quantityNano(v);
    const want = quantityNano(q);
    if (have === undefined || want === undefined) return false;
    if (m.quantity !== undefined && have !== want) return false;
    if (m.quantityGte !== undefined && have < (quantityNano(m.quantityGte) ?? 0n)) return false;
    if (m.quantityLte !== undefined && have > (quantityNano(m.quantityLte) ?? 0n)) return false;
  }
  return true;
}

/** The matcher in words, for reasons: `= 3`, `>= 512Mi`, `present`. */
export function describeMatcher(m: FieldMatcher): string {
  if (typeof m !== 'object') return `= ${JSON.stringify(m)}`;
  const parts: string[] = [];
  if (m.exists !== undefined) parts.push(m.exists ? 'present' : 'absent');
  if (m.equals !== undefined) parts.push(`= ${JSON.stringify(m.equals)}`);
  if (m.oneOf !== undefined) parts.push(`one of ${JSON.stringify(m.oneOf)}`);
  if (m.gte !== undefined) parts.push(`>= ${m.gte}`);
  if (m.lte !== undefined) parts.push(`<= ${m.lte}`);
  if (m.quantity !== undefined) parts.push(`= ${m.quantity}`);
  if (m.quantityGte !== undefined) parts.push(`>= ${m.quantityGte}`);
  if (m.quantityLte !== undefined) parts.push(`<= ${m.quantityLte}`);
  if (m.contains !== undefined) parts.push(`contains ${JSON.stringify(m.contains)}`);
  return parts.join(' and ');
}

/** The first field that does not match, in words; undefined when all match. */
export function firstMismatch(obj: unknown, fields: Readonly<Record<string, FieldMatcher>>): string | undefined {
  for (const [path, m] of Object.entries(fields)) {
    const values = readField(obj, path);
    const shown = values.length === 0 ? 'not set' : values.map((v) => JSON.stringify(v)).join(', ');
    if (typeof m === 'object' && m.exists !== undefined) {
      if (m.exists !== values.length > 0) return `${path} is ${shown}, want ${m.exists ? 'present' : 'absent'}`;
      if (!m.exists) continue;
    }
    const rest = typeof m === 'object' ? { ...m, exists: undefined } : m;
    const onlyExists = typeof rest === 'object' && Object.values(rest).every((x) => x === undefined);
    if (onlyExists) continue;
    if (!values.some((v) => matchesOne(v, rest))) return `${path} is ${shown}, want ${describeMatcher(rest)}`;
  }
  return undefined;
}
