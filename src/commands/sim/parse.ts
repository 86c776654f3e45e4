/** Validation of `sim` directive arguments; every failure is a ScriptError naming the flag. */
import { parseQuantity, QuantityError } from '../../engine/api/quantity.ts';
import type { Taint } from '../../engine/api/types.ts';
import { DEFAULT_MAX_PODS, DEFAULT_NODE_CPU, DEFAULT_NODE_MEMORY } from '../../engine/cluster/nodes.ts';
import type { FlagSpec } from '../flags.ts';
import { ScriptError } from '../types.ts';

/** `--cpu`, `--memory`, `--pods`: a node's capacity, shared by `sim cluster` and `sim node add`. */
export const NODE_SIZE_FLAGS: readonly FlagSpec[] = [
  { name: 'cpu', type: 'string', default: DEFAULT_NODE_CPU, usage: 'CPU capacity of each node' },
  { name: 'memory', type: 'string', default: DEFAULT_NODE_MEMORY, usage: 'memory capacity (allocatable is 100Mi less)' },
  { name: 'pods', type: 'string', default: String(DEFAULT_MAX_PODS), usage: 'pod capacity' },
];

export function nonNegativeInt(verb: string, flag: string, v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ScriptError(`${verb}: --${flag} must be a whole number ≥ 0, got "${v}"`);
  return n;
}

export function positiveQuantity(verb: string, flag: string, v: unknown): string {
  const s = String(v);
  try {
    const q = parseQuantity(s);
    if (q.milli <= 0) throw new ScriptError(`${verb}: --${flag} must be greater than zero, got "${s}"`);
  } catch (e) {
    if (e instanceof QuantityError) throw new ScriptError(`${verb}: --${flag} "${s}" is not a quantity (e.g. 2, 500m, 4Gi)`);
    throw e;
  }
  return s;
}

/** `k=v,k2=v2` → labels. */
export function labelList(verb: string, text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const m = /^([^=]+)=(.*)$/.exec(part);
    if (!m) throw new ScriptError(`${verb}: --labels wants key=value pairs, got "${part}"`);
    labels[m[1]] = m[2];
  }
  return labels;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** `key=value:Effect,key:Effect` → taints (kubectl taint syntax). */
export function taintList(verb: string, text: string): Taint[] {
  return text
    .split(',')
    .filter((p) => p !== '')
    .map((part) => {
      const m = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(part);
      if (!m || !EFFECTS.includes(m[3])) {
        throw new ScriptError(`${verb}: --taints wants key[=value]:Effect with Effect one of ${EFFECTS.join(', ')}, got "${part}"`);
      }
      const taint: Taint = { key: m[1], effect: m[3] as Taint['effect'] };
      if (m[2] !== undefined && m[2] !== '') taint.value = m[2];
      return taint;
    });
}

/**
 * `--extended-resources domain/name=N,...` and `--gpus N` → a node's device-plugin resources.
 * Names are extended resource names (a domain outside kubernetes.io, then a name); counts are
 * whole numbers, as device plugins advertise them.
 */
export function extendedResourceList(verb: string, text: string, gpus: number): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)=(\d+)$/.exec(part);
    if (!m || m[1].includes('kubernetes.io/')) {
      throw new ScriptError(`${verb}: --extended-resources wants domain/name=N with a domain outside kubernetes.io and N a whole number, got "${part}"`);
    }
    out[m[1]] = String(Number(m[4]));
  }
  if (gpus > 0) out['nvidia.com/gpu'] = String(gpus);
  return Object.keys(out).length > 0 ? out : undefined;
}
