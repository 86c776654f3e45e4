/**
 * Cluster slice: the latest view posted by the simulation worker. It is the only sim-derived
 * state in zustand and is replaced wholesale per view message; the simulation itself never
 * enters the store.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterView, NodeView, PodView } from '../protocol.ts';
import type { AppState } from './store.ts';

export interface ClusterSlice {
  /** Undefined until the worker's first view arrives. */
  view: ClusterView | undefined;
  setView(view: ClusterView): void;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set) => ({
  view: undefined,
  setView: (next) => set((s) => ({ view: s.view ? keepUnchanged(s.view, next) : next })),
});

/**
 * The next view, reusing the previous node and pod lists when their content is unchanged, so a
 * tick that only moves the clock does not re-render the Nodes and Pods panels.
 */
function keepUnchanged(prev: ClusterView, next: ClusterView): ClusterView {
  return {
    ...next,
    nodes: sameContent(prev.nodes, next.nodes) ? prev.nodes : next.nodes,
    pods: sameContent(prev.pods, next.pods) ? prev.pods : next.pods,
  };
}

/**
 * Whether two lists of view records hold the same values: flat fields compared directly, nested
 * ones (a node's taints and conditions) as JSON. Cheaper than stringifying 3,000 pods per view.
 */
export function sameContent<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameRecord(a[i] as Record<string, unknown>, b[i] as Record<string, unknown>)) return false;
  return true;
}

function sameRecord(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  let fields = 0;
  for (const k in x) {
    fields++;
    const u = x[k];
    const v = y[k];
    if (u === v) continue;
    if (typeof u !== 'object' || typeof v !== 'object' || u === null || v === null || JSON.stringify(u) !== JSON.stringify(v)) return false;
  }
  return fields === Object.keys(y).length;
}

const NO_NODES: NodeView[] = [];
const NO_PODS: PodView[] = [];

export const selectView = (s: AppState): ClusterView | undefined => s.view;
export const selectNow = (s: AppState): number | undefined => s.view?.now;
export const selectPlaying = (s: AppState): boolean => s.view?.playing ?? false;
export const selectSpeed = (s: AppState): number => s.view?.speed ?? 1;
export const selectNodes = (s: AppState): NodeView[] => s.view?.nodes ?? NO_NODES;
export const selectPods = (s: AppState): PodView[] => s.view?.pods ?? NO_PODS;
export const selectTraceHash = (s: AppState): string => s.view?.traceHash ?? '';
