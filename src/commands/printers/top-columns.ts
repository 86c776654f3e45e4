/**
 * `kubectl top` tables, following kubectl v1.31 pkg/metricsutil/metrics_printer.go: every cell
 * (the last one too) is tab-terminated, so the tabwriter pads every column and lines end in
 * spaces; CPU prints as millicores (`250m`, Quantity.MilliValue rounds up), memory as whole MiB
 * (`Value()/(1024*1024)`, truncated), percentages as `int64(used/available*100)` (truncated).
 */
import { alignTabs } from './tabwriter.ts';

/** v1.31 spells the percentage headers `CPU%` / `MEMORY%` (v1.32 renamed them `CPU(%)` / `MEMORY(%)`). */
export const NODE_METRICS_COLUMNS = ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'];
export const POD_METRICS_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];

export type TopSortBy = '' | 'cpu' | 'memory';

/** Usage of a node or a container, in the metrics API's units. */
export interface Usage {
  cpuMilli: number;
  memoryBytes: number;
}

export interface NodeMetricsRow extends Usage {
  name: string;
}

export interface PodMetricsRow {
  namespace: string;
  name: string;
  containers: (Usage & { name: string })[];
}

/** Quantity.MilliValue() of a CPU usage, Value() of a memory usage (both round up). */
const cpuOf = (u: Usage) => Math.ceil(u.cpuMilli);
const memOf = (u: Usage) => Math.ceil(u.memoryBytes);

export function formatCpu(u: Usage): string {
  return `${cpuOf(u)}m`;
}

export function formatMemory(u: Usage): string {
  return `${Math.floor(memOf(u) / (1024 * 1024))}Mi`;
}

/** `int64(float64(used.MilliValue()) / float64(available.MilliValue()) * 100)`. */
export function percent(usedMilli: number, availableMilli: number): string {
  return `${Math.trunc((usedMilli / availableMilli) * 100)}%`;
}

/** NodeMetricsSorter / ContainerMetricsSorter: biggest first for cpu and memory, else by name. */
function usageOrder<T extends Usage & { name: string }>(sortBy: TopSortBy): (a: T, b: T) => number {
  if (sortBy === 'cpu') return (a, b) => cpuOf(b) - cpuOf(a);
  if (sortBy === 'memory') return (a, b) => memOf(b) - memOf(a);
  return (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

const line = (cells: string[]) => cells.map((c) => `${c}\t`).join('') + '\n';

export interface NodeMetricsOptions {
  noHeaders?: boolean;
  sortBy?: TopSortBy;
}

/**
 * PrintNodeMetrics: one line per node with metrics (percentages against `available`, allocatable
 * or capacity, in milli-units), then `<unknown>` lines for the listed nodes without metrics.
 * Prints nothing when no node has metrics (the caller reports that).
 */
export function renderNodeMetrics(metrics: NodeMetricsRow[], available: ReadonlyMap<string, Usage>, opts: NodeMetricsOptions = {}): string {
  if (metrics.length === 0) return '';
  let text = opts.noHeaders ? '' : line(NODE_METRICS_COLUMNS);
  for (const m of [...metrics].sort(usageOrder(opts.sortBy ?? ''))) {
    const avail = available.get(m.name);
    const cells = [m.name, formatCpu(m)];
    if (avail) cells.push(percent(cpuOf(m), avail.cpuMilli));
    cells.push(formatMemory(m));
    if (avail) cells.push(percent(memOf(m) * 1000, avail.memoryBytes * 1000));
    text += line(cells);
  }
  // kubectl ranges over a map here (random order); Podlab lists the missing nodes by name.
  const seen = new Set(metrics.map((m) => m.name));
  const missing = [...available.keys()].filter((n) => !seen.has(n)).sort();
  for (const name of missing) text += line([name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  return alignTabs(text);
}

export interface PodMetricsOptions {
  containers?: boolean;
  withNamespace?: boolean;
  noHeaders?: boolean;
  sortBy?: TopSortBy;
  sum?: boolean;
}

function podTotal(p: PodMetricsRow): Usage {
  return {
    cpuMilli: p.containers.reduce((n, c) => n + c.cpuMilli, 0),
    memoryBytes: p.containers.reduce((n, c) => n + c.memoryBytes, 0),
  };
}

function podOrder(sortBy: TopSortBy, withNamespace: boolean): (a: PodMetricsRow, b: PodMetricsRow) => number {
  if (sortBy === 'cpu') return (a, b) => cpuOf(podTotal(b)) - cpuOf(podTotal(a));
  if (sortBy === 'memory') return (a, b) => memOf(podTotal(b)) - memOf(podTotal(a));
  const key = (p: PodMetricsRow) => (withNamespace ? [p.namespace, p.name] : [p.name]);
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  };
}

/** PrintPodMetrics: `[NAMESPACE] [POD] NAME CPU(cores) MEMORY(bytes)`, and with `--sum` a total under a rule. */
export function renderPodMetrics(metrics: PodMetricsRow[], opts: PodMetricsOptions = {}): string {
  if (metrics.length === 0) return '';
  const sortBy = opts.sortBy ?? '';
  const ns = opts.withNamespace === true;
  let text = '';
  // The sum rows line up with a column count that, as in kubectl, only grows when headers print.
  let columnWidth = POD_METRICS_COLUMNS.length;
  if (!opts.noHeaders) {
    const head: string[] = [];
    if (ns) head.push('NAMESPACE');
    if (opts.containers) head.push('POD');
    columnWidth += head.length;
    text += line([...head, ...POD_METRICS_COLUMNS]);
  }
  for (const p of [...metrics].sort(podOrder(sortBy, ns))) {
    const lead = ns ? [p.namespace] : [];
    if (opts.containers) {
      for (const c of [...p.containers].sort(usageOrder(sortBy))) text += line([...lead, p.name, c.name, formatCpu(c), formatMemory(c)]);
    } else {
      const total = podTotal(p);
      text += line([...lead, p.name, formatCpu(total), formatMemory(total)]);
    }
  }
  if (opts.sum) {
    const total = metrics.map(podTotal).reduce((a, b) => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes }), { cpuMilli: 0, memoryBytes: 0 });
    text += line([...Array<string>(Math.max(0, columnWidth - 2)).fill(''), '________', '________']);
    text += line([...Array<string>(Math.max(0, columnWidth - 3)).fill(''), '', formatCpu(total), formatMemory(total)]);
  }
  return alignTabs(text);
}
