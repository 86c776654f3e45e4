import { memo, useEffect, useRef, useState } from 'react';
import { CHIP_PX, GLYPHS, glyphAt, groupPods, layoutChips, ownerShort, podKind, podLabel, POD_KINDS, type ChipPlace, type PodGroup } from '../../map-layout.ts';
import type { PodView } from '../../protocol.ts';
import { appStore } from '../../state/store.ts';

/** How long a deleted pod's chip stays to animate out (styles.css `cm-pop-out` lasts as long). */
export const LEAVE_MS = 350;
/** Width of a group's chip area, in px: the card's inner width less the label column (styles.css `.cm-group`). */
export const CHIPS_WIDTH_PX = 137;

/** Namespaces a group label need not name: the student's default one and the system's. */
const COMMON_NAMESPACES = new Set(['default', 'kube-system']);

/** A pod on the map, with whether it is animating out after its deletion. */
export interface MapPod extends PodView {
  leaving?: boolean;
}

/** Width of a group's label column and the gap after it, in px (the label text is cut to fit). */
export const LABEL_WIDTH_PX = 96;
const LABEL_GAP_PX = 6;
/** A group's row is at least as tall as its two-line label; rows are this far apart. */
const LABEL_HEIGHT_PX = 25;
const ROW_GAP_PX = 5;
/** Where the chips start, and the whole drawing's width. */
const CHIPS_X_PX = LABEL_WIDTH_PX + LABEL_GAP_PX;
export const GROUPS_WIDTH_PX = CHIPS_X_PX + CHIPS_WIDTH_PX;

/**
 * A node's pods as chips, grouped by owner, all in one SVG with the group labels as SVG text.
 * One drawing per card, not one per group, and no clipping element per label: at 3,000 pods the
 * browser's layerizing cost grows with the number of clipped or transformed boxes (each an SVG
 * root or an `overflow: hidden` label), which dominated every frame. Pods that disappear from the
 * view stay a moment, marked leaving, so they can shrink away (skipped for reduced motion).
 */
export function PodChips({ pods, selectedPod }: { pods: readonly PodView[]; selectedPod: string | undefined }) {
  const shown = useWithLeaving(pods);
  const groups = groupPods(shown);
  if (groups.length === 0) return null;
  let y = 0;
  const rows = groups.map((g) => {
    const layout = layoutChips(g, CHIPS_WIDTH_PX);
    const row = { group: g, layout, y };
    y += Math.max(layout.heightPx, LABEL_HEIGHT_PX) + ROW_GAP_PX;
    return row;
  });
  const height = y - ROW_GAP_PX;
  return (
    <div className="cm-groups">
      <svg className="cm-chips" width={GROUPS_WIDTH_PX} height={height} viewBox={`0 0 ${GROUPS_WIDTH_PX} ${height}`}>
        {rows.map(({ group, layout, y: top }) => (
          <ChipGroup key={group.key} group={group} chips={layout.chips} top={top} selectedPod={selectedPod} />
        ))}
      </svg>
    </div>
  );
}

function ChipGroup({ group, chips, top, selectedPod }: { group: PodGroup; chips: ChipPlace[]; top: number; selectedPod: string | undefined }) {
  // Deployment revisions oldest first, as a rollout goes: `rev 1 → 2`.
  const rev = group.ownerKind === 'Deployment' && group.revisions.some((r) => r) ? `rev ${group.revisions.filter((r) => r).reverse().join(' → ')}` : '';
  const name = group.ownerName || group.namespace;
  const kind = [ownerShort(group.ownerKind), group.ownerName && !COMMON_NAMESPACES.has(group.namespace) ? group.namespace : '', rev].filter((s) => s).join(' · ');
  return (
    <g className="cm-group">
      <g className="cm-group-label">
        <title>{`${group.ownerKind === 'Pod' ? 'pods without a controller' : `${group.ownerKind} ${group.ownerName}`} in ${group.namespace}`}</title>
        <text className="cm-group-name" x={0} y={top + 10}>
          {fitLabel(name, NAME_FONT)}
        </text>
        <text className="cm-group-kind" x={0} y={top + 22}>
          {fitLabel(kind, KIND_FONT)}
        </text>
      </g>
      {chips.map((c) => (
        <Chip
          key={`${c.pod.namespace}/${c.pod.name}`}
          pod={c.pod as MapPod}
          x={CHIPS_X_PX + c.x}
          y={top + c.y}
          old={c.revisionRank > 0}
          selected={selectedPod === `${c.pod.namespace}/${c.pod.name}`}
        />
      ))}
    </g>
  );
}

/** The label column's fonts (styles.css: `.cm-group-name`, `.cm-group-kind`). */
const NAME_FONT = { weight: 700, sizePx: 11, family: '--font-mono' };
const KIND_FONT = { weight: 400, sizePx: 10, family: '--font-ui' };

function fitLabel(text: string, font: typeof NAME_FONT): string {
  return fitText(text, LABEL_WIDTH_PX, (t) => textWidth(t, font));
}

/**
 * `text` cut with an ellipsis to fit `maxPx` as `width` measures it (the full text is in the
 * group's tooltip). SVG text does not clip, and a clipping box per label is what we avoid.
 */
export function fitText(text: string, maxPx: number, width: (t: string) => number): string {
  if (width(text) <= maxPx) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(`${text.slice(0, mid)}…`) <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, Math.max(1, lo))}…`;
}

let measure: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** A text's width in a font, measured once (a canvas measures without layout); 0.6em a character without one. */
function textWidth(text: string, font: typeof NAME_FONT): number {
  const key = `${font.family}|${font.weight}|${text}`;
  let w = widths.get(key);
  if (w !== undefined) return w;
  if (measure === undefined) measure = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (measure) {
    const family = getComputedStyle(document.documentElement).getPropertyValue(font.family).trim() || 'monospace';
    measure.font = `${font.weight} ${font.sizePx}px ${family}`;
    w = measure.measureText(text).width;
  } else {
    w = text.length * font.sizePx * 0.6;
  }
  if (widths.size > 5000) widths.clear();
  widths.set(key, w);
  return w;
}

/**
 * One pod. Positions are absolute (rect x/y, glyph path data placed by glyphAt), with no
 * transform or opacity per chip: see glyphAt for why. Only a chip animating in or out gets a
 * transform, for the length of its animation.
 */
export interface ChipProps {
  pod: MapPod;
  x: number;
  y: number;
  old: boolean;
  selected: boolean;
}

export const Chip = memo(function Chip({ pod, x, y, old, selected }: ChipProps) {
  const kind = podKind(pod.status);
  const classes = ['cm-chip', `tone-${POD_KINDS[kind].tone}`, `kind-${kind}`, old ? 'rev-old' : 'rev-new', pod.leaving ? 'is-leaving' : '', selected ? 'is-selected' : ''];
  return (
    <g
      className={classes.join(' ')}
      role="button"
      tabIndex={-1}
      aria-label={podLabel(pod)}
      aria-pressed={selected}
      data-pod={pod.name}
      onClick={(e) => {
        e.stopPropagation();
        appStore.getState().select({ kind: 'Pod', namespace: pod.namespace, name: pod.name });
      }}
    >
      <title>{`${podLabel(pod)}${pod.revision ? ` (revision ${pod.revision})` : ''}`}</title>
      <g className="cm-chip-inner">
        <rect className="cm-chip-bg" x={x + 1} y={y + 1} width={CHIP_PX - 2} height={CHIP_PX - 2} rx={4} />
        <path className={GLYPHS[kind].filled ? 'cm-glyph is-filled' : 'cm-glyph'} d={glyphAt(kind, x + CHIP_PX / 2, y + CHIP_PX / 2)} />
      </g>
    </g>
  );
}, sameChip);

/** A chip redraws only when something it shows changed (not on every new view object). */
function sameChip(a: ChipProps, b: ChipProps): boolean {
  return (
    a.x === b.x &&
    a.y === b.y &&
    a.old === b.old &&
    a.selected === b.selected &&
    a.pod.name === b.pod.name &&
    a.pod.namespace === b.pod.namespace &&
    a.pod.status === b.pod.status &&
    a.pod.revision === b.pod.revision &&
    a.pod.leaving === b.pod.leaving
  );
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** `pods` plus the ones that just left it, marked leaving for LEAVE_MS. */
function useWithLeaving(pods: readonly PodView[]): MapPod[] {
  const previous = useRef<readonly PodView[]>(pods);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const [leaving, setLeaving] = useState<readonly MapPod[]>([]);
  useEffect(() => {
    const keep = new Set(pods.map(podKey));
    const gone = previous.current.filter((p) => !keep.has(podKey(p)));
    previous.current = pods;
    if (gone.length === 0 || prefersReducedMotion()) return;
    const goneKeys = new Set(gone.map(podKey));
    setLeaving((l) => [...l.filter((p) => !goneKeys.has(podKey(p))), ...gone.map((p) => ({ ...p, leaving: true }))]);
    const t = setTimeout(() => {
      timers.current.delete(t);
      setLeaving((l) => l.filter((p) => !goneKeys.has(podKey(p))));
    }, LEAVE_MS);
    timers.current.add(t);
  }, [pods]);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);
  if (leaving.length === 0) return pods as PodView[];
  const present = new Set(pods.map(podKey));
  return [...pods, ...leaving.filter((p) => !present.has(podKey(p)))];
}

function podKey(p: PodView): string {
  return `${p.namespace}/${p.name}`;
}
