/**
 * Helpers for the scheduler scenarios: playing script text through a Lab (the command layer, as
 * `npx podlab run` does), small manifest builders, reading the cluster back through kubectl, the
 * score table of `sim explain`, and an independent model of kube-scheduler v1.31's default score
 * plugins written out from the reference's formulas (k8s-reference.md §1–§5) — it shares no code
 * with src/, so a test comparing the two checks the scheduler rather than itself.
 */
import { formatEntry, type TranscriptEntry } from '../../../src/commands/runner.ts';
import { parseScript } from '../../../src/commands/shell/script.ts';
import { Lab, simMs } from '../../support/manifests.ts';

// ---- playing scripts ---------------------------------------------------------------------------

/** Plays script text (comments, heredocs) command by command; fails on a script error. */
export function play(lab: Lab, script: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const cmd of parseScript(script)) {
    const time = lab.now;
    const r = lab.session.exec(cmd.words, cmd.stdin);
    if (r.scriptError !== undefined) throw new Error(`${cmd.text}: ${r.scriptError}`);
    entries.push({ line: cmd.text, output: r.output, exitCode: r.exitCode, time });
  }
  return entries;
}

export const transcript = (entries: readonly TranscriptEntry[]): string => entries.map(formatEntry).join('');

/** A heredoc apply line for a script. */
export const applyDoc = (yaml: string): string => `kubectl apply -f - <<EOF\n${yaml.replace(/\n$/, '')}\nEOF`;

// ---- manifests ---------------------------------------------------------------------------------

export interface PodSpecOpts {
  name?: string;
  generateName?: string;
  node?: string;
  image?: string;
  command?: string[];
  requests?: Record<string, string>;
  labels?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  tolerations?: Record<string, unknown>[];
  priorityClassName?: string;
  ownerReferences?: Record<string, unknown>[];
}

/** A Pod manifest as a YAML document (JSON is YAML). `sleep` as PID 1 ignores SIGTERM: 30 s to stop. */
export function podDoc(o: PodSpecOpts): string {
  const metadata: Record<string, unknown> = {};
  if (o.name) metadata.name = o.name;
  if (o.generateName) metadata.generateName = o.generateName;
  if (o.labels) metadata.labels = o.labels;
  if (o.ownerReferences) metadata.ownerReferences = o.ownerReferences;
  const spec: Record<string, unknown> = {};
  if (o.node) spec.nodeName = o.node;
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  if (o.tolerations) spec.tolerations = o.tolerations;
  if (o.priorityClassName) spec.priorityClassName = o.priorityClassName;
  spec.containers = [
    {
      name: 'app',
      image: o.image ?? 'busybox:1.36',
      command: o.command ?? ['sleep', '3600'],
      ...(o.requests ? { resources: { requests: o.requests } } : {}),
    },
  ];
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata, spec })}\n`;
}

export const docs = (...d: string[]): string => d.join('---\n');

// ---- reading the cluster -------------------------------------------------------------------------

/** Node of each pod in a namespace, from `kubectl get pods -o jsonpath`. */
export function podNodes(lab: Lab, namespace = 'default'): Map<string, string> {
  const out = lab.out(`kubectl get pods -n ${namespace} -o jsonpath='{range .items[*]}{.metadata.name}={.spec.nodeName}{"\\n"}{end}'`);
  const m = new Map<string, string>();
  for (const line of out.split('\n').filter((l) => l !== '')) {
    const [name, node] = line.split('=');
    m.set(name, node);
  }
  return m;
}

/** Rows of `kubectl get pods -o wide` as column name → cell. */
export function wideRows(lab: Lab, args = ''): Record<string, string>[] {
  const text = lab.out(`kubectl get pods -o wide ${args}`.trimEnd());
  const [header, ...rows] = text.trimEnd().split('\n');
  const starts: number[] = [];
  const names: string[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    starts.push(m.index);
    names.push(m[0]);
  }
  return rows.map((row) => {
    const r: Record<string, string> = {};
    names.forEach((n, i) => (r[n] = row.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim()));
    return r;
  });
}

export interface EventInfo {
  type: string;
  reason: string;
  message: string;
  count: number;
  source: string;
  firstMs: number;
  lastMs: number;
  object: string;
}

/** Events as kubectl returns them (`-o json`), with extra selectors (e.g. reason=FailedScheduling). */
export function events(lab: Lab, fieldSelector: string, namespace = 'default'): EventInfo[] {
  const out = lab.out(`kubectl get events -n ${namespace} --field-selector ${fieldSelector} -o json`);
  const list = JSON.parse(out) as {
    items: {
      type: string;
      reason: string;
      message: string;
      count: number;
      source?: { component?: string };
      firstTimestamp: string;
      lastTimestamp: string;
      involvedObject: { name: string };
    }[];
  };
  return list.items.map((e) => ({
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    source: e.source?.component ?? '',
    firstMs: simMs(e.firstTimestamp),
    lastMs: simMs(e.lastTimestamp),
    object: e.involvedObject.name,
  }));
}

/** The Events section of `kubectl describe`, one line per event, without the header. */
export function describeEvents(lab: Lab, target: string): string[] {
  const text = lab.out(`kubectl describe ${target}`);
  const i = text.indexOf('\nEvents:');
  if (i < 0) throw new Error(`no Events section in:\n${text}`);
  return text
    .slice(i + 1)
    .trimEnd()
    .split('\n')
    .slice(3);
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function conditions(lab: Lab, pod: string): Condition[] {
  const out = lab.jsonpath(pod, '.status.conditions');
  return out === '' ? [] : (JSON.parse(out) as Condition[]);
}

// ---- sim explain -------------------------------------------------------------------------------

export interface ExplainRow {
  node: string;
  chosen: boolean;
  /** Plugin name → normalized score (before the weight). */
  scores: Record<string, number>;
  /** Plugin name → weight, from the header. */
  weights: Record<string, number>;
  total: number;
}

/** The score table of `sim explain pod/NAME`. */
export function explainScores(text: string): ExplainRow[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Scores ('));
  if (at < 0) throw new Error(`no score table in:\n${text}`);
  const split = (l: string) => l.trim().split(/\s{2,}/);
  const header = split(lines[at + 1]);
  if (header[0] !== 'NODE' || header.at(-1) !== 'TOTAL') throw new Error(`unexpected header: ${lines[at + 1]}`);
  const plugins = header.slice(1, -1).map((h) => {
    const [name, weight] = h.split('×');
    return { name, weight: Number(weight) };
  });
  const rows: ExplainRow[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('  ') || line.startsWith('  (')) break;
    const cells = split(line);
    const chosen = cells[0].endsWith(' *');
    const row: ExplainRow = { node: cells[0].replace(/ \*$/, ''), chosen, scores: {}, weights: {}, total: Number(cells.at(-1)) };
    plugins.forEach((p, i) => {
      const cell = cells[i + 1];
      row.scores[p.name] = Number(cell.includes('→') ? cell.split('→')[1] : cell);
      row.weights[p.name] = p.weight;
    });
    rows.push(row);
  }
  return rows;
}

// ---- quantities --------------------------------------------------------------------------------

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** A resource quantity in base units (cores, bytes), for the sizes these tests use. */
export function quantity(q: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)$/.exec(q);
  if (!m || SUFFIX[m[2]] === undefined) throw new Error(`quantity ${q}`);
  return Number(m[1]) * SUFFIX[m[2]];
}

export const milliCPU = (q: string): number => Math.round(quantity(q) * 1000);
export const bytes = (q: string): number => Math.round(quantity(q));

// ---- an independent model of the default score plugins -------------------------------------------

export const MiB = 1024 * 1024;
/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest (reference §2.2). */
const NON_ZERO_CPU = 100;
const NON_ZERO_MEMORY = 200 * MiB;

export interface ModelContainer {
  image: string;
  /** undefined: the container has no such request key. */
  cpu?: number;
  memory?: number;
}

export interface ModelPod {
  name: string;
  nodeName?: string;
  containers: ModelContainer[];
  tolerations: { key?: string; operator?: string; value?: string; effect?: string }[];
}

export interface ModelNode {
  name: string;
  cpu: number;
  memory: number;
  taints: { key: string; value?: string; effect: string }[];
  /** Every name in node.status.images → that image's size. */
  images: Map<string, number>;
}

interface RawPod {
  metadata: { name: string; deletionTimestamp?: string };
  spec: {
    nodeName?: string;
    containers: { image: string; resources?: { requests?: Record<string, string> } }[];
    tolerations?: ModelPod['tolerations'];
  };
  status?: { phase?: string };
}

interface RawNode {
  metadata: { name: string };
  spec?: { taints?: ModelNode['taints'] };
  status: { allocatable: Record<string, string>; images?: { names: string[]; sizeBytes: number }[] };
}

export function modelPod(p: RawPod): ModelPod {
  return {
    name: p.metadata.name,
    nodeName: p.spec.nodeName,
    containers: p.spec.containers.map((c) => {
      const r = c.resources?.requests ?? {};
      return {
        image: c.image,
        ...(r.cpu !== undefined ? { cpu: milliCPU(r.cpu) } : {}),
        ...(r.memory !== undefined ? { memory: bytes(r.memory) } : {}),
      };
    }),
    tolerations: p.spec.tolerations ?? [],
  };
}

/** Every node and every assigned, non-terminal pod, read back with `kubectl get -o json`. */
export function readCluster(lab: Lab): { nodes: ModelNode[]; pods: ModelPod[] } {
  const nodes = (JSON.parse(lab.out('kubectl get nodes -o json')) as { items: RawNode[] }).items.map((n) => ({
    name: n.metadata.name,
    cpu: milliCPU(n.status.allocatable.cpu),
    memory: bytes(n.status.allocatable.memory),
    taints: n.spec?.taints ?? [],
    images: new Map((n.status.images ?? []).flatMap((img) => img.names.map((name) => [name, img.sizeBytes] as [string, number]))),
  }));
  const pods = (JSON.parse(lab.out('kubectl get pods -A -o json')) as { items: RawPod[] }).items
    .filter((p) => p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .map(modelPod);
  return { nodes, pods };
}

export function podOf(lab: Lab, name: string): ModelPod {
  return modelPod(JSON.parse(lab.out(`kubectl get pod ${name} -o json`)) as RawPod);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
/** Go int64 division. */
const div = (a: number, b: number): number => Math.trunc(a / b);

/** Actual requests (Filter, BalancedAllocation): a missing request is 0. */
export const actualRequests = (p: ModelPod) => ({ cpu: sum(p.containers.map((c) => c.cpu ?? 0)), memory: sum(p.containers.map((c) => c.memory ?? 0)) });
/** Non-zero requests (NodeResourcesFit scoring): a missing request counts as 100m / 200Mi. */
export const nonZeroRequests = (p: ModelPod) => ({
  cpu: sum(p.containers.map((c) => c.cpu ?? NON_ZERO_CPU)),
  memory: sum(p.containers.map((c) => c.memory ?? NON_ZERO_MEMORY)),
});

const onNode = (pods: readonly ModelPod[], node: string) => pods.filter((p) => p.nodeName === node);

/** Free cpu (m) and memory (bytes) by actual requests: what a "most free" rule would look at. */
export function free(node: ModelNode, pods: readonly ModelPod[]): { cpu: number; memory: number } {
  const used = onNode(pods, node.name).map(actualRequests);
  return { cpu: node.cpu - sum(used.map((u) => u.cpu)), memory: node.memory - sum(used.map((u) => u.memory)) };
}

/** NodeResourcesFit score, LeastAllocated or MostAllocated, cpu and memory weight 1 (§2.3, §2.4). */
export function fitScore(node: ModelNode, pods: readonly ModelPod[], pod: ModelPod, strategy: 'LeastAllocated' | 'MostAllocated' = 'LeastAllocated'): number {
  const reqs = [...onNode(pods, node.name), pod].map(nonZeroRequests);
  const per = (requested: number, capacity: number): number => {
    if (capacity === 0) return 0;
    if (strategy === 'LeastAllocated') return requested > capacity ? 0 : div((capacity - requested) * 100, capacity);
    return div(Math.min(requested, capacity) * 100, capacity);
  };
  const cpu = per(sum(reqs.map((r) => r.cpu)), node.cpu);
  const memory = per(sum(reqs.map((r) => r.memory)), node.memory);
  return div(cpu * 1 + memory * 1, 2);
}

/** NodeResourcesBalancedAllocation on actual requests: int64((1 − |f_cpu − f_mem| / 2) × 100) (§3). */
export function balancedScore(node: ModelNode, pods: readonly ModelPod[], pod: ModelPod): number {
  const reqs = [...onNode(pods, node.name), pod].map(actualRequests);
  const fcpu = Math.min(1, sum(reqs.map((r) => r.cpu)) / node.cpu);
  const fmem = Math.min(1, sum(reqs.map((r) => r.memory)) / node.memory);
  const std = Math.abs((fcpu - fmem) / 2);
  return Math.trunc((1 - std) * 100);
}

/** ImageLocality (§4): image names get `:latest` only when untagged and are matched verbatim. */
export function imageScore(node: ModelNode, nodes: readonly ModelNode[], pod: ModelPod): number {
  const normalized = (n: string) => (n.lastIndexOf(':') <= n.lastIndexOf('/') ? `${n}:latest` : n);
  let total = 0;
  for (const c of pod.containers) {
    const name = normalized(c.image);
    const size = node.images.get(name);
    if (size === undefined) continue;
    const spread = nodes.filter((n) => n.images.has(name)).length / nodes.length;
    total += Math.trunc(size * spread);
  }
  const min = 23 * MiB;
  const max = 1000 * MiB * pod.containers.length;
  const clamped = Math.min(max, Math.max(min, total));
  return div(100 * (clamped - min), max - min);
}

/** TaintToleration scores for the feasible nodes: untolerated PreferNoSchedule taints, reversed (§5.1). */
export function taintScores(nodes: readonly ModelNode[], pod: ModelPod): number[] {
  const tolerates = (t: ModelNode['taints'][number]) =>
    pod.tolerations.some((x) => {
      if (x.effect && x.effect !== 'PreferNoSchedule') return false;
      if (x.key && x.key !== t.key) return false;
      if (x.operator === 'Exists') return true;
      return (x.value ?? '') === (t.value ?? '');
    });
  const counts = nodes.map((n) => n.taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(t)).length);
  const max = Math.max(...counts);
  return counts.map((c) => (max === 0 ? 100 : 100 - div(c * 100, max)));
}

export interface ModelScores {
  node: string;
  TaintToleration: number;
  NodeResourcesFit: number;
  NodeResourcesBalancedAllocation: number;
  ImageLocality: number;
  total: number;
}

/**
 * The totals of a pod without affinity, spread constraints or owners, over the feasible nodes:
 * TaintToleration×3 + NodeResourcesFit×1 + BalancedAllocation×1 + ImageLocality×1 (NodeAffinity,
 * PodTopologySpread and InterPodAffinity have nothing to score, §1.1).
 */
export function modelScores(
  feasible: readonly ModelNode[],
  all: readonly ModelNode[],
  pods: readonly ModelPod[],
  pod: ModelPod,
  strategy: 'LeastAllocated' | 'MostAllocated' = 'LeastAllocated',
): ModelScores[] {
  const taints = taintScores(feasible, pod);
  return feasible.map((n, i) => {
    const s = {
      node: n.name,
      TaintToleration: taints[i],
      NodeResourcesFit: fitScore(n, pods, pod, strategy),
      NodeResourcesBalancedAllocation: balancedScore(n, pods, pod),
      ImageLocality: imageScore(n, all, pod),
    };
    return { ...s, total: 3 * s.TaintToleration + s.NodeResourcesFit + s.NodeResourcesBalancedAllocation + s.ImageLocality };
  });
}

export const CONTROL_PLANE_TAINT_MSG = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

/**
 * FitError.Error() of v1.31 written out (reference §6): "0/N nodes are available:", the sorted
 * "<count> <reason>" list, then " preemption: <inner>." — plain byte-order sort of the strings.
 */
export function fitError(numNodes: number, reasons: Record<string, number>, postFilter?: string): string {
  const parts = Object.entries(reasons)
    .map(([r, n]) => `${n} ${r}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let msg = `0/${numNodes} nodes are available: ${parts.join(', ')}.`;
  if (postFilter !== undefined) msg += ` ${postFilter}.`;
  return msg;
}

export const preemptionFitError = (numNodes: number, reasons: Record<string, number>): string => `preemption: ${fitError(numNodes, reasons)}`;
