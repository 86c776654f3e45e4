import { memo } from 'react';
import { groupPods, resourceBar, taintLabels } from '../../map-layout.ts';
import { flowChips, presenterBadges, PRESENTER_CHIP_SCALE, PRESENTER_CHIPS_WIDTH_PX } from '../../map-presenter-layout.ts';
import type { PodView } from '../../protocol.ts';
import { appStore } from '../../state/store.ts';
import { bytesLabel, cpuLabel } from '../format.ts';
import { Chip, type MapPod } from './PodChips.tsx';
import { EvictionCountdown, type MapNodeCardProps } from './MapNodeCard.tsx';

/**
 * A node on the map in presenter mode, readable from the back of a room: the name, Ready or
 * NotReady (with the eviction countdown of a lost node), CPU and memory bars, a short badge when the node is tainted or cordoned, and the pods
 * as large chips grouped by owner. The small print of the normal card (agents, pod counts, taint
 * text, bar numbers) is left to tooltips, accessible names and the inspector.
 */
export const PresenterNodeCard = memo(function PresenterNodeCard({ node, pods, nodeSelected, selectedPod }: MapNodeCardProps) {
  const taints = taintLabels(node.taints);
  const classes = ['pcm-node', node.ready ? '' : 'is-notready', nodeSelected ? 'is-selected' : ''];
  return (
    <article className={classes.join(' ')} aria-label={node.name} data-node={node.name}>
      <div className="pcm-head">
        <button type="button" className="pcm-name" aria-pressed={nodeSelected} title={node.name} onClick={() => appStore.getState().select({ kind: 'Node', namespace: '', name: node.name })}>
          {node.name}
        </button>
        {presenterBadges(node, taints.length).map((b) => (
          <span key={b} className={`badge pcm-badge ${BADGE_CLASS[b] ?? 'pcm-taint'}`} {...badgeInfo(b, node.unschedulable, taints)}>
            {b}
          </span>
        ))}
      </div>
      {!node.ready && node.evictionAtMs !== undefined && <EvictionCountdown atMs={node.evictionAtMs} short />}
      <div className="pcm-bars">
        <PresenterBar label="CPU" requested={node.cpuMilliRequested} allocatable={node.cpuMilliAllocatable} used={node.cpuMilliUsage} format={cpuLabel} />
        <PresenterBar label="Mem" fullLabel="Memory" requested={node.memoryBytesRequested} allocatable={node.memoryBytesAllocatable} used={node.memoryBytesUsage} format={bytesLabel} />
      </div>
      <PresenterChips pods={pods} selectedPod={selectedPod} />
    </article>
  );
}, sameCard);

const BADGE_CLASS: Record<string, string> = { Ready: 'badge-ok', NotReady: 'badge-bad', Cordoned: 'badge-wait' };

/** The full story behind a short badge, as its tooltip and accessible name. */
function badgeInfo(badge: string, unschedulable: boolean, taints: readonly string[]): { title?: string; 'aria-label'?: string } {
  if (badge === 'Cordoned' && unschedulable) return { title: 'SchedulingDisabled' };
  if (badge in BADGE_CLASS) return {};
  return { title: taints.join('\n'), 'aria-label': `Taints: ${taints.join('; ')}` };
}

function sameCard(a: MapNodeCardProps, b: MapNodeCardProps): boolean {
  return a.nodeSig === b.nodeSig && a.podsSig === b.podsSig && a.nodeSelected === b.nodeSelected && a.selectedPod === b.selectedPod;
}

function PresenterBar({ label, fullLabel = label, requested, allocatable, used, format }: { label: string; fullLabel?: string; requested: number; allocatable: number; used: number | undefined; format: (n: number) => string }) {
  const bar = resourceBar(requested, allocatable, used);
  const text = `${format(requested)} / ${format(allocatable)}`;
  const usedText = used === undefined ? 'usage unknown' : `${format(used)} used`;
  return (
    <>
      <span className="pcm-bar-label">{label}</span>
      <div
        className="cm-bar pcm-bar"
        role="meter"
        aria-label={`${fullLabel} requested`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(bar.requested * 100)}
        aria-valuetext={`${text} requested, ${usedText}`}
        title={`${fullLabel}: ${text} requested · ${usedText}`}
      >
        <div className={`cm-bar-fill ${bar.over ? 'is-over' : ''}`} style={{ width: `${bar.requested * 100}%` }} />
        {bar.used !== undefined && <div className="cm-bar-used" style={{ width: `${bar.used * 100}%` }} />}
      </div>
    </>
  );
}

/** The node's pods as one drawing of large chips, owner groups a gap apart. */
function PresenterChips({ pods, selectedPod }: { pods: readonly PodView[]; selectedPod: string | undefined }) {
  const groups = groupPods(pods);
  if (groups.length === 0) return null;
  const { places, width, height } = flowChips(
    groups.map((g) => g.pods.length),
    PRESENTER_CHIPS_WIDTH_PX / PRESENTER_CHIP_SCALE,
  );
  return (
    <svg className="cm-chips pcm-chips" width={width * PRESENTER_CHIP_SCALE} height={height * PRESENTER_CHIP_SCALE} viewBox={`0 0 ${width} ${height}`}>
      {places.map(({ group, index, x, y }) => {
        const g = groups[group];
        const pod = g.pods[index];
        const key = `${pod.namespace}/${pod.name}`;
        return <Chip key={key} pod={pod as MapPod} x={x} y={y} old={g.revisions.indexOf(pod.revision) > 0} selected={selectedPod === key} />;
      })}
    </svg>
  );
}

