/**
 * The resource metrics API (metrics.k8s.io, served by metrics-server) as the engine's controllers
 * see it: per-pod cpu and memory usage scraped from the kubelets that answer. `kubectl top` reads
 * the same kubelet endpoint through the command layer; the HPA reads it through this interface so
 * the engine never depends on the command layer.
 */
import type { ApiStore } from '../../api/store.ts';
import type { Node } from '../../api/types.ts';
import type { NodeAgentApi } from '../../node/types.ts';

/**
 * metrics-server's window: usage is the rate between its two latest scrapes, taken every
 * --metric-resolution (15 s).
 */
export const METRICS_WINDOW_MS = 15_000;

/** One pod's usage, summed over its running containers. */
export interface PodResourceMetrics {
  cpuMilli: number;
  memoryBytes: number;
  timestampMs: number;
  windowMs: number;
}

/** What the HPA reads: the pods of a namespace that have fresh metrics, by name. */
export interface ResourceMetricsSource {
  podMetrics(namespace: string): Map<string, PodResourceMetrics>;
}

/**
 * metrics-server over the kubelets: a failed node's pods have no metrics. CPU is reported in
 * whole millicores rounded up (Quantity.MilliValue of the nanocores metrics-server serves).
 */
export function kubeletMetricsSource(store: ApiStore, agent: (node: string) => NodeAgentApi | undefined, now: () => number): ResourceMetricsSource {
  return {
    podMetrics(namespace) {
      const out = new Map<string, PodResourceMetrics>();
      for (const node of store.list<Node>('nodes').items) {
        const a = agent(node.metadata.name ?? '');
        if (!a?.up) continue;
        for (const p of a.podUsage()) {
          if (p.namespace !== namespace) continue;
          const cpu = p.containers.reduce((n, c) => n + c.cpuMilli, 0);
          const memory = p.containers.reduce((n, c) => n + c.memoryBytes, 0);
          out.set(p.name, { cpuMilli: Math.ceil(cpu - 1e-6), memoryBytes: memory, timestampMs: now(), windowMs: METRICS_WINDOW_MS });
        }
      }
      return out;
    },
  };
}
