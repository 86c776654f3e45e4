import { memo, useEffect, useRef, useState } from 'react';
import { CHIP_PX, GLYPHS, glyphAt, groupPods, layoutChips, ownerShort, podKind, podLabel, POD_KINDS, type PodGroup } from '../../map-layout.ts';
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

/**
 * A node's pods as chips, grouped by owner. Pods that disappear from the view stay a moment,
 * marked leaving, so they can shrink away (skipped when the user prefers reduced motion).
 */
export function PodChips({ pods, selectedPod }: { pods: readonly PodView[]; selectedPod: string | undefined }) {
  const shown = useWithLeaving(pods);
  const groups = groupPods(shown);
  if (groups.length === 0) return null;
  return (
    <div className="cm-groups">
      {groups.map((g) => (
        <ChipGroup key={g.key} group={g} selectedPod={selectedPod} />
      ))}
    </div>
  );
}

function ChipGroup({ group, selectedPod }: { group: PodGroup; selectedPod: string | undefined }) {
  const { chips, heightPx } = layoutChips(group, CHIPS_WIDTH_PX);
  // Deployment revisions oldest first, as a rollout goes: `rev 1 → 2`.
  const rev = group.ownerKind === 'Deployment' && group.revisions.some((r) => r) ? `rev ${group.revisions.filter((r) => r).reverse().join(' → ')}` : '';
  return (
    <div className="cm-group">
      <div className="cm-group-label" title={`${group.ownerKind === 'Pod' ? 'pods without a controller' : `${group.ownerKind} ${group.ownerName}`} in ${group.namespace}`}>
        <span className="cm-group-name">{group.ownerName || group.namespace}</span>
        <span className="cm-group-kind">{[ownerShort(group.ownerKind), group.ownerName && !COMMON_NAMESPACES.has(group.namespace) ? group.namespace : '', rev].filter((s) => s).join(' · ')}</span>
      </div>
      <svg className="cm-chips" width={CHIPS_WIDTH_PX} height={heightPx} viewBox={`0 0 ${CHIPS_WIDTH_PX} ${heightPx}`}>
        {chips.map((c) => (
          <Chip key={`${c.pod.namespace}/${c.pod.name}`} pod={c.pod as MapPod} x={c.x} y={c.y} old={c.revisionRank > 0} selected={selectedPod === `${c.pod.namespace}/${c.pod.name}`} />
        ))}
      </svg>
    </div>
  );
}

/**
 * One pod. Positions are absolute (rect x/y, glyph path data placed by glyphAt), with no
 * transform or opacity per chip: see glyphAt for why. Only a chip animating in or out gets a
 * transform, for the length of its animation.
 */
interface ChipProps {
  pod: MapPod;
  x: number;
  y: number;
  old: boolean;
  selected: boolean;
}

const Chip = memo(function Chip({ pod, x, y, old, selected }: ChipProps) {
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
