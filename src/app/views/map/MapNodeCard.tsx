import { Fragment, memo, type KeyboardEvent } from 'react';
import { conditionLabels, countdownLabel, resourceBar, taintLabels } from '../../map-layout.ts';
import type { NodeView, PodView } from '../../protocol.ts';
import { selectNow } from '../../state/cluster.ts';
import { appStore } from '../../state/store.ts';
import { bytesLabel, cpuLabel } from '../format.ts';
import { useAppStore } from '../use-app-store.ts';
import { PodChips } from './PodChips.tsx';
import { ReplayNodeMark } from '../scheduling/ReplayMarks.tsx';

export interface MapNodeCardProps {
  node: NodeView;
  pods: readonly PodView[];
  /** Content keys: the card re-renders only when one of them changes. */
  nodeSig: string;
  podsSig: string;
  nodeSelected: boolean;
  /** `namespace/name` of the selected pod when it is on this node. */
  selectedPod: string | undefined;
}

/**
 * A node on the map: its name and readiness, its agents (kubelet, kube-proxy, container
 * runtime), CPU and memory requested against allocatable with live usage overlaid, conditions
 * and taints, the eviction countdown of a lost node, and its pods as chips grouped by owner.
 */
export const MapNodeCard = memo(function MapNodeCard({ node, pods, podsSig, nodeSelected, selectedPod }: MapNodeCardProps) {
  const conditions = conditionLabels(node);
  const taints = taintLabels(node.taints);
  const classes = ['cm-node', node.ready ? '' : 'is-notready', nodeSelected ? 'is-selected' : ''];
  return (
    <article className={classes.join(' ')} aria-label={node.name} onKeyDown={moveAmongChips} data-node={node.name}>
      <div className="cm-node-head">
        <button type="button" className="cm-node-name" aria-pressed={nodeSelected} onClick={() => appStore.getState().select({ kind: 'Node', namespace: '', name: node.name })}>
          {node.name}
        </button>
        <span className={`badge ${node.ready ? 'badge-ok' : 'badge-bad'}`}>{node.ready ? 'Ready' : 'NotReady'}</span>
        {node.unschedulable && <span className="badge badge-wait">SchedulingDisabled</span>}
      </div>
      <ReplayNodeMark node={node.name} />
      {!node.ready && node.evictionAtMs !== undefined && <EvictionCountdown atMs={node.evictionAtMs} />}
      <div className="cm-node-body">
        <div className="cm-node-meta">
          <span className="cm-role">{node.roles.length > 0 ? node.roles.join(', ') : 'worker'}</span>
          <span className="cm-pods-count">
            {node.pods}/{node.podsCapacity} pods
          </span>
        </div>
        <ul className="cm-agents" aria-label="Node agents">
          <Agent name="kubelet" ok={node.kubeletUp} state={node.kubeletUp ? 'running' : 'down'} />
          <Agent name="kube-proxy" ok={node.kubeProxy === 'Running'} state={node.kubeProxy || 'none'} />
          <Agent name={runtimeName(node.containerRuntime)} ok={node.kubeletUp} state={`${node.containerRuntime || 'container runtime'}, ${node.kubeletUp ? 'running' : 'down'}`} />
        </ul>
        <ResourceBar label="CPU" requested={node.cpuMilliRequested} allocatable={node.cpuMilliAllocatable} used={node.cpuMilliUsage} format={cpuLabel} />
        <ResourceBar label="Memory" requested={node.memoryBytesRequested} allocatable={node.memoryBytesAllocatable} used={node.memoryBytesUsage} format={bytesLabel} />
        {(conditions.length > 0 || taints.length > 0) && (
          <ul className="cm-flags" aria-label="Conditions and taints">
            {conditions.map((c) => (
              <li key={c} className="cm-condition">
                {c}
              </li>
            ))}
            {taints.map((t) => (
              <li key={t} className="cm-taint" title={t}>
                <BreakableTaint taint={t} />
              </li>
            ))}
          </ul>
        )}
        <CardChips pods={pods} podsSig={podsSig} selectedPod={selectedPod} />
      </div>
    </article>
  );
}, sameCard);

/** The chips redraw only when the pods changed: live usage moves every card's bars on every tick. */
const CardChips = memo(
  function CardChips({ pods, selectedPod }: { pods: readonly PodView[]; podsSig: string; selectedPod: string | undefined }) {
    return <PodChips pods={pods} selectedPod={selectedPod} />;
  },
  (a, b) => a.podsSig === b.podsSig && a.selectedPod === b.selectedPod,
);

function sameCard(a: MapNodeCardProps, b: MapNodeCardProps): boolean {
  return a.nodeSig === b.nodeSig && a.podsSig === b.podsSig && a.nodeSelected === b.nodeSelected && a.selectedPod === b.selectedPod;
}

/** `containerd://1.7.18` → `containerd` (the version is in the agent's tooltip). */
function runtimeName(version: string): string {
  return version ? version.split('://')[0] : 'runtime';
}

function Agent({ name, ok, state }: { name: string; ok: boolean; state: string }) {
  return (
    <li className={`cm-agent ${ok ? 'is-ok' : 'is-bad'}`} title={`${name}: ${state}`} aria-label={`${name}: ${state}`}>
      <span className="cm-agent-dot" aria-hidden="true" />
      {name}
    </li>
  );
}

/** Requested share as the bar, live usage as a mark over it; the text says both. */
function ResourceBar({ label, requested, allocatable, used, format }: { label: string; requested: number; allocatable: number; used: number | undefined; format: (n: number) => string }) {
  const bar = resourceBar(requested, allocatable, used);
  const text = `${format(requested)} / ${format(allocatable)}`;
  const usedText = used === undefined ? 'usage unknown' : `${format(used)} used`;
  return (
    <div className="cm-bar-row">
      <span className="cm-bar-label">{label}</span>
      <div
        className="cm-bar"
        role="meter"
        aria-label={`${label} requested`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(bar.requested * 100)}
        aria-valuetext={`${text} requested, ${usedText}`}
        title={`${text} requested · ${usedText}`}
      >
        <div className={`cm-bar-fill ${bar.over ? 'is-over' : ''}`} style={{ width: `${bar.requested * 100}%` }} />
        {bar.used !== undefined && <div className="cm-bar-used" style={{ width: `${bar.used * 100}%` }} />}
      </div>
      <span className="cm-bar-text">{text}</span>
    </div>
  );
}

/** Lets a long taint wrap only after `/` or before `:`, never inside a word like `node-role`. */
function BreakableTaint({ taint }: { taint: string }) {
  const parts = taint.split(/(?<=\/)|(?=:)/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      <span className="nowrap">{part}</span>
    </Fragment>
  ));
}

/** Time left until the taint eviction controller deletes this node's pods; ticks with the sim clock. */
export function EvictionCountdown({ atMs, short = false }: { atMs: number; short?: boolean }) {
  const now = useAppStore(selectNow) ?? 0;
  const due = now >= atMs;
  return (
    <p
      className="cm-evict"
      role="timer"
      aria-label="Eviction countdown"
      title="The node lost contact, so it is tainted NoExecute; the taint eviction controller deletes its pods when their toleration (300 s by default) runs out, and their controllers replace them elsewhere."
    >
      {short ? (due ? 'Evicting now' : `Evicts in ${countdownLabel(atMs, now)}`) : due ? 'Evicting pods now' : `Evicting pods in ${countdownLabel(atMs, now)}`}
    </p>
  );
}

/** Arrow keys move focus among a card's chips (they are not tab stops: there can be thousands). */
function moveAmongChips(e: KeyboardEvent<HTMLElement>): void {
  if (!['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Enter', ' '].includes(e.key)) return;
  const chips = [...e.currentTarget.querySelectorAll<SVGGElement>('.cm-chip:not(.is-leaving)')];
  const at = chips.indexOf(document.activeElement as SVGGElement);
  if (e.key === 'Enter' || e.key === ' ') {
    if (at < 0) return;
    e.preventDefault();
    chips[at].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return;
  }
  if (chips.length === 0) return;
  e.preventDefault();
  const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1;
  const next = at < 0 ? (step > 0 ? 0 : chips.length - 1) : (at + step + chips.length) % chips.length;
  chips[next].focus();
}
