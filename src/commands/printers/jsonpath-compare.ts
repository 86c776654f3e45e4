/**
 * Filter comparisons (`==`, `!=`, `<`, `>`, `<=`, `>=`) with the rules of client-go's forked
 * text/template functions: both sides must be of the same basic kind (bool, int, float, string);
 * mixing int and float, or comparing maps, lists or null, is an error.
 */

/** A float literal from the template (`1.0` is a float64, never an int). */
export class GoFloat {
  constructor(readonly value: number) {}
}

type Kind = 'bool' | 'int' | 'float' | 'string';

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';

/** A comparison that Go rejects; `message` is Go's error text. */
export class CompareError extends Error {}

function basicKind(v: unknown): Kind {
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  throw new CompareError(BAD_TYPE);
}

function raw(v: unknown): number | string | boolean {
  return v instanceof GoFloat ? v.value : (v as number | string | boolean);
}

function compareStrings(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function eq(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new CompareError(INCOMPATIBLE);
  return raw(a) === raw(b);
}

function lt(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new CompareError(INCOMPATIBLE);
  if (ka === 'bool') throw new CompareError(BAD_TYPE);
  if (ka === 'string') return compareStrings(a as string, b as string) < 0;
  return (raw(a) as number) < (raw(b) as number);
}

/**
 * Applies a filter operator; throws {@link CompareError} for Go's comparison errors and for an
 * unknown operator (`unrecognized filter operator =`).
 */
export function compareValues(operator: string, left: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return eq(left, right);
    case '!=':
      return !eq(left, right);
    case '<':
      return lt(left, right);
    case '>':
      return !(lt(left, right) || eq(left, right));
    case '<=':
      return lt(left, right) || eq(left, right);
    case '>=':
      return !lt(left, right);
    default:
      throw new CompareError(`unrecognized filter operator ${operator}`);
  }
}
