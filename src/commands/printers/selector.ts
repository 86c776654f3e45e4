/**
 * Label and label-selector formatting as apimachinery prints them in tables:
 * `labels.FormatLabels`, `metav1.FormatLabelSelector` and `LabelSelectorAsSelector(...).String()`.
 */
import type { LabelSelector } from '../../engine/api/types.ts';

/** Byte-wise (code point) string order, as Go's `sort.Strings`. */
export function compareGoStrings(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** `labels.Set(m).String()`: `k=v` pairs sorted by key, comma-joined; `''` when empty. */
export function labelsString(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareGoStrings);
  return keys.map((k) => `${k}=${(labels ?? {})[k]}`).join(',');
}

/** `labels.FormatLabels`: like {@link labelsString} but `<none>` when there are no labels. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  return labelsString(labels) || '<none>';
}

interface Requirement {
  key: string;
  text: string;
}

function requirementText(key: string, operator: string, values: string[]): string | undefined {
  const sorted = [...values].sort(compareGoStrings).join(',');
  switch (operator) {
    case 'In':
      return values.length === 0 ? undefined : `${key} in (${sorted})`;
    case 'NotIn':
      return values.length === 0 ? undefined : `${key} notin (${sorted})`;
    case 'Exists':
      return values.length > 0 ? undefined : key;
    case 'DoesNotExist':
      return values.length > 0 ? undefined : `!${key}`;
    default:
      return undefined;
  }
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key, comma-joined
 * (`app=web,tier in (a,b),!legacy`). Empty or missing selectors give `''`.
 * @returns the selector string, or undefined when the selector is invalid (bad operator/values)
 */
export function labelSelectorString(selector: LabelSelector | null | undefined): string | undefined {
  if (!selector) return '';
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const text = requirementText(expr.key, expr.operator, expr.values ?? []);
    if (text === undefined) return undefined;
    reqs.push({ key: expr.key, text });
  }
  reqs.sort((a, b) => compareGoStrings(a.key, b.key));
  return reqs.map((r) => r.text).join(',');
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s || '<none>';
}
