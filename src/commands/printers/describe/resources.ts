/**
 * Resource arithmetic as kubectl describe does it with apimachinery Quantities: a pod's requests
 * and limits (kubectl/pkg/util/resource PodRequestsAndLimits: app containers summed, init
 * containers as a maximum, restartable (sidecar) init containers added, overhead on top), sums
 * over pods, `MilliValue` / `Value`, and `String()` — a quantity copied unchanged keeps its text,
 * a sum prints canonically in the format of its first non-zero addend (Quantity.Add).
 */
import { canonicalQuantity, parseExactQuantity, QuantityError, type QuantityFormat } from '../../../engine/api/quantity.ts';
import type { Container, Pod, ResourceList } from '../../../engine/api/types.ts';

/** A quantity as Go holds it: exact nano-units, format, and the text String() would reuse. */
export interface Q {
  nano: bigint;
  format: QuantityFormat;
  text?: string;
}

export type QList = Map<string, Q>;

const ZERO: Q = { nano: 0n, format: 'DecimalSI' };
const NANO_PER_MILLI = 1_000_000n;
const NANO_PER_UNIT = 1_000_000_000n;

/** Parses a stored quantity; an unparsable one (the API refuses those) counts as zero. */
export function parseQ(text: string): Q {
  try {
    const q = parseExactQuantity(text);
    return q.text !== undefined ? { nano: q.nano, format: q.format, text: q.text } : { nano: q.nano, format: q.format };
  } catch (e) {
    if (e instanceof QuantityError) return ZERO;
    throw e;
  }
}

/** Quantity.String(). */
export function qString(q: Q | undefined): string {
  if (!q) return '0';
  return q.text ?? canonicalQuantity(q.nano, q.format);
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n < 0n ? q - 1n : q + 1n;
}

/** Quantity.MilliValue(). */
export function milliValue(q: Q | undefined): number {
  return q ? Number(ceilDiv(q.nano, NANO_PER_MILLI)) : 0;
}

/** Quantity.Value(). */
export function value(q: Q | undefined): number {
  return q ? Number(ceilDiv(q.nano, NANO_PER_UNIT)) : 0;
}

export function toQList(list: ResourceList | undefined): QList {
  const out: QList = new Map();
  for (const [name, text] of Object.entries(list ?? {})) out.set(name, parseQ(text));
  return out;
}

/** Quantity.Add: the sum drops the cached text; a zero receiver takes the addend's format. */
function add(a: Q, b: Q): Q {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** addResourceList: copies new names, adds to existing ones. */
export function addResourceList(into: QList, from: QList): void {
  for (const [name, q] of from) {
    const cur = into.get(name);
    into.set(name, cur ? add(cur, q) : { ...q });
  }
}

/** maxResourceList: keeps the larger of each. */
export function maxResourceList(into: QList, from: QList): void {
  for (const [name, q] of from) {
    const cur = into.get(name);
    if (!cur || q.nano > cur.nano) into.set(name, { ...q });
  }
}

function isRestartable(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

type Kind = 'requests' | 'limits';

function containerList(c: Container, kind: Kind): QList {
  return toQList(c.resources?.[kind]);
}

function podTotals(pod: Pod, kind: Kind): QList {
  const total: QList = new Map();
  for (const c of pod.spec.containers ?? []) addResourceList(total, containerList(c, kind));
  const restartable: QList = new Map();
  const initMax: QList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    let effective = containerList(c, kind);
    if (isRestartable(c)) {
      addResourceList(total, effective);
      addResourceList(restartable, effective);
      effective = restartable;
    } else {
      const tmp: QList = new Map();
      addResourceList(tmp, effective);
      addResourceList(tmp, restartable);
      effective = tmp;
    }
    maxResourceList(initMax, effective);
  }
  maxResourceList(total, initMax);
  const overhead = toQList(pod.spec.overhead as ResourceList | undefined);
  if (kind === 'requests') addResourceList(total, overhead);
  else for (const [name, q] of overhead) if (total.has(name)) total.set(name, add(total.get(name)!, q));
  return total;
}

/** PodRequestsAndLimits. */
export function podRequestsAndLimits(pod: Pod): { requests: QList; limits: QList } {
  return { requests: podTotals(pod, 'requests'), limits: podTotals(pod, 'limits') };
}

/** The percentage describe prints: `int64(float64(part) / float64(whole) * 100)`. */
export function percent(part: number, whole: number): string {
  const f = (part / whole) * 100;
  // Go's int64 conversion of NaN or ±Inf (a zero allocatable) on amd64.
  if (!Number.isFinite(f)) return '-9223372036854775808';
  return String(Math.trunc(f));
}
