/**
 * The cluster map's layout: pure functions of the view data that turn nodes and pods into
 * numbers (status kinds and their glyphs, owner groups, chip positions, bar widths, grid columns,
 * the zoom that fits the map in its viewport). d3 computes, React renders: nothing here touches
 * the DOM, so all of it is unit-tested in Node.
 */
import { path, scaleLinear, symbol, symbolCircle, symbolDiamond2, symbolSquare2, symbolTriangle, symbolX, type SymbolType } from 'd3';
import type { NodeView, PodView } from './protocol.ts';

/** What a pod chip says about its pod, coarser than STATUS: one colour and one glyph each. */
export type PodKind = 'running' | 'pending' | 'creating' | 'terminating' | 'failed' | 'completed';

/** Tone (colour family in styles.css) and legend label of each pod kind. */
export const POD_KINDS: Record<PodKind, { label: string; tone: 'ok' | 'wait' | 'bad' | 'done' }> = {
  running: { label: 'Running', tone: 'ok' },
  pending: { label: 'Pending', tone: 'wait' },
  creating: { label: 'Creating', tone: 'wait' },
  terminating: { label: 'Terminating', tone: 'done' },
  failed: { label: 'Failing', tone: 'bad' },
  completed: { label: 'Completed', tone: 'done' },
};

export const POD_KIND_ORDER: readonly PodKind[] = ['running', 'pending', 'creating', 'terminating', 'failed', 'completed'];

const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const COMPLETED = new Set(['Completed', 'Succeeded']);

/** The kind of a `kubectl get pods` STATUS: every status not known to be fine or on its way is a failure. */
export function podKind(status: string): PodKind {
  if (status === 'Running') return 'running';
  if (status === 'Pending') return 'pending';
  if (status === 'Terminating') return 'terminating';
  if (COMPLETED.has(status)) return 'completed';
  if (CREATING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'creating';
  return 'failed';
}

/** Chip edge, gap between chips, and glyph size, in px (the SVG's own units). */
export const CHIP_PX = 18;
export const CHIP_GAP_PX = 4;
const GLYPH_AREA = 40;

/**
 * The glyph drawn in a chip: a filled circle (Running), a hollow diamond (Pending), a triangle
 * (Creating), a hollow square (Terminating), a cross (Failing), a tick (Completed). Shapes
 * differ, not only colours, so the map reads in greyscale.
 */
export interface Glyph {
  /** The shape centred on 0,0. */
  d: string;
  /** Filled shapes are painted; outlines are stroked. */
  filled: boolean;
}

/** The Completed tick, drawn the way a d3 symbol type draws. */
const symbolTick: SymbolType = {
  draw(context, size) {
    const s = Math.sqrt(size) / 6.3;
    context.moveTo(-4 * s, 0.5 * s);
    context.lineTo(-1.2 * s, 3.3 * s);
    context.lineTo(4.2 * s, -2.8 * s);
  },
};

const GLYPH_TYPES: Record<PodKind, { type: SymbolType; filled: boolean }> = {
  running: { type: symbolCircle, filled: true },
  pending: { type: symbolDiamond2, filled: false },
  creating: { type: symbolTriangle, filled: true },
  terminating: { type: symbolSquare2, filled: false },
  failed: { type: symbolX, filled: false },
  completed: { type: symbolTick, filled: false },
};

export const GLYPHS = Object.fromEntries(
  POD_KIND_ORDER.map((k) => [k, { d: symbol(GLYPH_TYPES[k].type, GLYPH_AREA)() ?? '', filled: GLYPH_TYPES[k].filled }]),
) as Record<PodKind, Glyph>;

const placedGlyphs = new Map<string, string>();

/**
 * A kind's glyph centred on (cx, cy), as absolute path data. Chips carry no transform of their
 * own: thousands of transformed SVG groups make the browser's layerizing step dominate every
 * frame, while plain paths are painted in one chunk. Memoised: chips sit on a small grid.
 */
export function glyphAt(kind: PodKind, cx: number, cy: number): string {
  const key = `${kind}:${cx}:${cy}`;
  let d = placedGlyphs.get(key);
  if (d === undefined) {
    const p = path();
    // d3 draws a symbol into any object with the canvas path methods; a d3 path is one.
    symbol(GLYPH_TYPES[kind].type, GLYPH_AREA).context(offsetContext(p, cx, cy) as unknown as CanvasRenderingContext2D)();
    d = p.toString();
    placedGlyphs.set(key, d);
  }
  return d;
}

type PathContext = ReturnType<typeof path>;

/** A path context that draws everything shifted by (dx, dy). */
function offsetContext(p: PathContext, dx: number, dy: number): PathContext {
  return {
    ...p,
    moveTo: (x: number, y: number) => p.moveTo(x + dx, y + dy),
    lineTo: (x: number, y: number) => p.lineTo(x + dx, y + dy),
    closePath: () => p.closePath(),
    arc: (x: number, y: number, r: number, a0: number, a1: number, ccw?: boolean) => p.arc(x + dx, y + dy, r, a0, a1, ccw),
    arcTo: (x1: number, y1: number, x2: number, y2: number, r: number) => p.arcTo(x1 + dx, y1 + dy, x2 + dx, y2 + dy, r),
    quadraticCurveTo: (cpx: number, cpy: number, x: number, y: number) => p.quadraticCurveTo(cpx + dx, cpy + dy, x + dx, y + dy),
    bezierCurveTo: (a: number, b: number, c: number, d: number, x: number, y: number) => p.bezierCurveTo(a + dx, b + dy, c + dx, d + dy, x + dx, y + dy),
    rect: (x: number, y: number, w: number, h: number) => p.rect(x + dx, y + dy, w, h),
    toString: () => p.toString(),
  };
}

/** A pod's accessible name on the map: `web-7d4b9c-abcde, Running`. */
export function podLabel(pod: Pick<PodView, 'name' | 'status'>): string {
  return `${pod.name}, ${pod.status}`;
}

/** Pods that share a top owner, on one node. */
export interface PodGroup {
  /** `Deployment/web`, or `Pod/name` for a bare pod. */
  key: string;
  ownerKind: string;
  ownerName: string;
  namespace: string;
  pods: PodView[];
  /** The group's revisions, newest first (numeric revisions numerically). */
  revisions: string[];
}

/**
 * Groups pods by namespace and top owner. The student's workloads come before the cluster's own
 * (kube-system, static pods, DaemonSets), then by name; bare pods form one group per namespace.
 * Within a group, newest revision first, then by name, so a rollout reads left to right.
 */
export function groupPods(pods: readonly PodView[]): PodGroup[] {
  const groups = new Map<string, PodGroup>();
  for (const p of pods) {
    const ownerKind = p.ownerKind || 'Pod';
    const ownerName = p.ownerKind ? p.ownerName : '';
    const key = `${p.namespace}/${ownerKind}/${ownerName}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, ownerKind, ownerName, namespace: p.namespace, pods: [], revisions: [] }));
    g.pods.push(p);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.revisions = [...new Set(g.pods.map((p) => p.revision))].sort(compareRevisionsDesc);
    const rank = new Map(g.revisions.map((r, i) => [r, i]));
    g.pods.sort((a, b) => rank.get(a.revision)! - rank.get(b.revision)! || compareText(a.name, b.name));
  }
  return out.sort((a, b) => systemRank(a) - systemRank(b) || compareText(a.namespace, b.namespace) || compareText(a.ownerName, b.ownerName) || compareText(a.ownerKind, b.ownerKind));
}

function systemRank(g: PodGroup): number {
  return g.namespace === 'kube-system' || g.ownerKind === 'Node' ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first: numeric revisions by number, hashes by text, '' last. */
export function compareRevisionsDesc(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return nb - na;
  return compareText(a, b);
}

/** Short owner kind for the group label: `deploy`, `sts`, `ds`, `job`, `static` (a Node's mirror pods), `bare pods` (a group named by its namespace). */
export function ownerShort(kind: string): string {
  const short: Record<string, string> = { Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', Node: 'static', Pod: 'bare pods' };
  return short[kind] ?? kind.toLowerCase();
}

/** A chip's place in its group's SVG. */
export interface ChipPlace {
  pod: PodView;
  x: number;
  y: number;
  /** 0 for the group's newest revision, 1 for the one before... */
  revisionRank: number;
}

/** Chips of a group laid out in rows of as many as fit `widthPx`. */
export function layoutChips(group: PodGroup, widthPx: number): { chips: ChipPlace[]; heightPx: number; widthPx: number } {
  const perRow = chipsPerRow(widthPx);
  const rank = new Map(group.revisions.map((r, i) => [r, i]));
  const chips = group.pods.map((pod, i) => ({
    pod,
    x: (i % perRow) * (CHIP_PX + CHIP_GAP_PX),
    y: Math.floor(i / perRow) * (CHIP_PX + CHIP_GAP_PX),
    revisionRank: rank.get(pod.revision) ?? 0,
  }));
  const rows = Math.max(1, Math.ceil(group.pods.length / perRow));
  const cols = Math.min(group.pods.length, perRow);
  return { chips, heightPx: rows * CHIP_PX + (rows - 1) * CHIP_GAP_PX, widthPx: Math.max(CHIP_PX, cols * CHIP_PX + (cols - 1) * CHIP_GAP_PX) };
}

export function chipsPerRow(widthPx: number): number {
  return Math.max(1, Math.floor((widthPx + CHIP_GAP_PX) / (CHIP_PX + CHIP_GAP_PX)));
}

/** A resource bar: requested and live usage as shares (0–1, capped) of allocatable. */
export interface Bar {
  requested: number;
  /** Undefined when there is no live usage (the kubelet is down). */
  used: number | undefined;
  /** More requested than allocatable (cannot happen through the scheduler, but static pods can). */
  over: boolean;
}

export function resourceBar(requested: number, allocatable: number, used: number | undefined): Bar {
  const share = scaleLinear().domain([0, Math.max(1, allocatable)]).range([0, 1]).clamp(true);
  return { requested: share(requested), used: used === undefined ? undefined : share(used), over: requested > allocatable };
}

/** The conditions a card should call out, Ready first: Ready when it is not True, pressures when they are not False. */
export function notableConditions(node: Pick<NodeView, 'conditions'>): { type: string; status: string }[] {
  const notable = node.conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status !== 'False'));
  return [...notable.filter((c) => c.type === 'Ready'), ...notable.filter((c) => c.type !== 'Ready')];
}

/**
 * The notable conditions as short labels: Ready on its own, the pressures sharing a status in one
 * (`Memory/Disk/PIDPressure=Unknown`), so a lost node's card says it in two lines, not four.
 */
export function conditionLabels(node: Pick<NodeView, 'conditions'>): string[] {
  const out: string[] = [];
  const byStatus = new Map<string, string[]>();
  for (const c of notableConditions(node)) {
    if (c.type === 'Ready') out.push(`Ready=${c.status}`);
    else byStatus.set(c.status, [...(byStatus.get(c.status) ?? []), c.type]);
  }
  for (const [status, types] of byStatus) {
    const pressures = types.every((t) => t.endsWith('Pressure')) && types.length > 1;
    out.push(`${pressures ? `${types.map((t) => t.slice(0, -'Pressure'.length)).join('/')}Pressure` : types.join(', ')}=${status}`);
  }
  return out;
}

/**
 * Taints as the card lists them: one entry per key and value with its effects joined
 * (`node.kubernetes.io/unreachable:NoSchedule, NoExecute`); a single taint reads as kubectl prints it.
 */
export function taintLabels(taints: readonly string[]): string[] {
  const effects = new Map<string, string[]>();
  for (const t of taints) {
    const i = t.lastIndexOf(':');
    const key = t.slice(0, i);
    effects.set(key, [...(effects.get(key) ?? []), t.slice(i + 1)]);
  }
  return [...effects].map(([key, list]) => `${key}:${list.join(', ')}`);
}

/** `4:32` until the next eviction, `0:00` once due; minutes keep counting past an hour (`75:00`). */
export function countdownLabel(evictionAtMs: number, nowMs: number): string {
  const left = Math.max(0, Math.ceil((evictionAtMs - nowMs) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** Card width of the map's grid, in CSS px at zoom 1 (styles.css sizes `.cm-node` with the same number). */
export const CARD_WIDTH_PX = 264;
export const CARD_GAP_PX = 12;
/** A node card without pods, for choosing columns before anything is measured. */
export const CARD_BASE_HEIGHT_PX = 170;

/**
 * How many card columns suit `count` cards in a viewport: the number whose grid, scaled to fit,
 * comes out largest (ties to fewer columns, which read top-down). Estimated heights are enough:
 * the grid is measured after it renders to fit it exactly.
 */
export function gridColumns(count: number, viewport: { width: number; height: number }, cardHeightPx = CARD_BASE_HEIGHT_PX, cardWidthPx = CARD_WIDTH_PX, maxScale = 1): number {
  return gridColumnsFor(new Array<number>(Math.max(0, count)).fill(cardHeightPx), viewport, cardWidthPx, maxScale).columns;
}

/**
 * The card columns whose grid, fitted into `viewport` less the fit's padding, comes out largest,
 * from each card's (estimated) height in order: a row is as tall as its tallest card, so a tall
 * card sets its row's height. Returns the columns and that fitted scale (capped at `maxScale`).
 * Ties go to fewer columns, which read top-down.
 */
export function gridColumnsFor(cardHeightsPx: readonly number[], viewport: { width: number; height: number }, cardWidthPx = CARD_WIDTH_PX, maxScale = 1, paddingPx = 0): { columns: number; scale: number } {
  const count = cardHeightsPx.length;
  const vw = viewport.width - 2 * paddingPx;
  const vh = viewport.height - 2 * paddingPx;
  if (count <= 1 || vw <= 0 || vh <= 0) return { columns: 1, scale: count === 0 || vw <= 0 || vh <= 0 ? 0 : Math.min(maxScale, vw / cardWidthPx, vh / cardHeightsPx[0]) };
  let best = 1;
  let bestScale = 0;
  for (let cols = 1; cols <= count; cols++) {
    let h = 0;
    for (let start = 0; start < count; start += cols) h += Math.max(...cardHeightsPx.slice(start, start + cols));
    h += (Math.ceil(count / cols) - 1) * CARD_GAP_PX;
    const w = cols * cardWidthPx + (cols - 1) * CARD_GAP_PX;
    const scale = Math.min(maxScale, vw / w, vh / h);
    if (scale > bestScale + 1e-9) {
      best = cols;
      bestScale = scale;
    }
  }
  return { columns: best, scale: bestScale };
}

/** The margin fitTransform leaves around the map, in px. */
export const FIT_PADDING_PX = 12;

/** A small cluster is drawn up to this much larger than its px sizes, so it fills a big screen. */
export const FIT_SCALE_MAX = 1.4;

/** The zoom transform that shows a `content` box whole in a `viewport`, centred horizontally, at most FIT_SCALE_MAX. */
export function fitTransform(content: { width: number; height: number }, viewport: { width: number; height: number }, paddingPx = FIT_PADDING_PX, minK = 0): { k: number; x: number; y: number } {
  const w = viewport.width - 2 * paddingPx;
  const h = viewport.height - 2 * paddingPx;
  if (content.width <= 0 || content.height <= 0 || w <= 0 || h <= 0) return { k: 1, x: 0, y: 0 };
  // minK: presenter mode never draws smaller than its px sizes (its text must stay >= 20 px); a map too big then pans.
  const k = Math.max(minK, Math.min(FIT_SCALE_MAX, w / content.width, h / content.height));
  return { k, x: Math.max(paddingPx, (viewport.width - content.width * k) / 2), y: paddingPx };
}

/** Zoom limits: far enough out for 100 nodes, close enough in to read a chip. */
export const ZOOM_MIN = 0.15;
export const ZOOM_MAX = 3;

/** A cheap content key of a node's pods as the map draws them, so unchanged cards skip rendering. */
export function podsSignature(pods: readonly PodView[]): string {
  let s = '';
  for (const p of pods) s += `${p.namespace}/${p.name}:${p.status}:${p.revision}:${p.ownerKind}/${p.ownerName};`;
  return s;
}

/** Pods by node name (bound pods only), in the view's order, filtered to a namespace ('' = all). */
export function podsByNode(pods: readonly PodView[], namespace: string): { bound: Map<string, PodView[]>; unbound: PodView[] } {
  const bound = new Map<string, PodView[]>();
  const unbound: PodView[] = [];
  for (const p of pods) {
    if (namespace && p.namespace !== namespace) continue;
    if (!p.node) {
      unbound.push(p);
      continue;
    }
    let list = bound.get(p.node);
    if (!list) bound.set(p.node, (list = []));
    list.push(p);
  }
  return { bound, unbound };
}
