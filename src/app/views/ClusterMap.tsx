import { useEffect, useMemo, useRef, useState } from 'react';
import { CARD_BASE_HEIGHT_PX, CARD_WIDTH_PX, chipsPerRow, CHIP_GAP_PX, CHIP_PX, conditionLabels, FIT_PADDING_PX, FIT_SCALE_MAX, gridColumnsFor, groupPods, podsByNode, podsSignature, taintLabels } from '../map-layout.ts';
import type { ControlPlaneComponentView, NodeView, PodView } from '../protocol.ts';
import { selectNodes, selectPods, selectView } from '../state/cluster.ts';
import { appStore, type AppState } from '../state/store.ts';
import { ALL_NAMESPACES, selectNamespace, selectPresenter } from '../state/ui.ts';
import { PRESENTER_CARD_WIDTH_PX, presenterBadges, presenterCardHeight } from '../map-presenter-layout.ts';
import { ControlPlaneStrip } from './map/ControlPlaneStrip.tsx';
import { MapLegend } from './map/MapLegend.tsx';
import { MapNodeCard } from './map/MapNodeCard.tsx';
import { PresenterNodeCard } from './map/PresenterNodeCard.tsx';
import { CHIPS_WIDTH_PX, PodChips } from './map/PodChips.tsx';
import { useMapZoom } from './map/use-map-zoom.ts';
import { ReplayLayer } from './scheduling/ReplayMarks.tsx';
import { useAppStore } from './use-app-store.ts';

const NO_COMPONENTS: ControlPlaneComponentView[] = [];
const selectControlPlane = (s: AppState): ControlPlaneComponentView[] => selectView(s)?.controlPlane ?? NO_COMPONENTS;
/** The selection as one string, so only the cards it enters or leaves re-render. */
const selectSelectedKey = (s: AppState): string => (s.selected ? `${s.selected.kind}:${s.selected.namespace}/${s.selected.name}` : '');

/**
 * The cluster map: the control plane as a strip, every node as a card with its agents,
 * resources, conditions, taints and pods (chips grouped by owner), pods waiting for a node in
 * a lane above them. Zoom and pan with d3-zoom; a namespace filter; click to select.
 * Cards are memoised on a content key, so a tick that changes one pod re-renders one card.
 */
export function ClusterMap() {
  const nodes = useAppStore(selectNodes);
  const pods = useAppStore(selectMapPods);
  const namespace = useAppStore(selectNamespace);
  const controlPlane = useAppStore(selectControlPlane);
  const selectedKey = useAppStore(selectSelectedKey);
  const viewportRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const presenter = useAppStore(selectPresenter);
  const zoom = useMapZoom(viewportRef, stageRef, presenter ? 1 : 0);
  const viewport = useViewportSize(viewportRef);

  const { bound, unbound } = useMemo(() => podsByNode(pods, namespace), [pods, namespace]);
  const namespaces = useMemo(() => [...new Set(pods.map((p) => p.namespace))].sort(), [pods]);
  const options = namespace !== ALL_NAMESPACES && !namespaces.includes(namespace) ? [...namespaces, namespace].sort() : namespaces;
  const ready = nodes.filter((n) => n.ready).length;
  // Presenter cards are never drawn below zoom 1, so their columns are chosen for the largest fit up to FIT_SCALE_MAX.
  const cardWidth = presenter ? PRESENTER_CARD_WIDTH_PX : CARD_WIDTH_PX;
  const heights = useMemo(() => (presenter ? nodes.map((n) => presenterCardEstimate(n, bound.get(n.name) ?? NO_PODS)) : nodes.map((n) => cardEstimate(n, bound.get(n.name) ?? NO_PODS))), [presenter, nodes, bound]);
  const { columns } = gridColumnsFor(heights, viewport, cardWidth, presenter ? FIT_SCALE_MAX : 1, FIT_PADDING_PX);
  const Card = presenter ? PresenterNodeCard : MapNodeCard;

  return (
    <section className="panel cm" aria-labelledby="cm-title" onKeyDown={clearOnEscape}>
      <div className="panel-head cm-head">
        <h2 id="cm-title">Cluster map</h2>
        <span className="panel-count">
          {ready}/{nodes.length} nodes ready
        </span>
        <label className="ns-filter">
          <span>Namespace</span>
          <select aria-label="Namespace" value={namespace} onChange={(e) => appStore.getState().setNamespace(e.target.value)}>
            <option value={ALL_NAMESPACES}>All namespaces</option>
            {options.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <div className="cm-zoom" role="group" aria-label="Zoom">
          <button type="button" className="btn btn-icon" aria-label="Zoom out" title="Zoom out (Ctrl + wheel)" onClick={zoom.zoomOut}>
            −
          </button>
          <button type="button" className="btn btn-icon" aria-label="Zoom in" title="Zoom in (Ctrl + wheel)" onClick={zoom.zoomIn}>
            +
          </button>
          <button type="button" className="btn btn-icon" aria-label="Fit to view" title="Fit the whole cluster" onClick={zoom.fit}>
            Fit
          </button>
        </div>
      </div>
      <ControlPlaneStrip components={controlPlane} compact={presenter} />
      <div className="cm-viewport" ref={viewportRef} onClick={(e) => e.target === e.currentTarget && appStore.getState().select(undefined)}>
        <div className="cm-stage" ref={stageRef}>
          {unbound.length > 0 && <UnscheduledLane pods={unbound} selectedKey={selectedKey} />}
          {nodes.length === 0 ? (
            <p className="empty">
              No nodes. Add one with <code>sim node add node-1</code>.
            </p>
          ) : (
            <div className="cm-grid" style={{ gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)` }}>
              {nodes.map((n) => {
                const nodePods = bound.get(n.name) ?? NO_PODS;
                return (
                  <Card
                    key={n.name}
                    node={n}
                    pods={nodePods}
                    nodeSig={nodeSignature(n)}
                    podsSig={podsSignature(nodePods)}
                    nodeSelected={selectedKey === `Node:/${n.name}`}
                    selectedPod={selectedPodOn(selectedKey, nodePods)}
                  />
                );
              })}
            </div>
          )}
        </div>
        <ReplayLayer viewportRef={viewportRef} />
      </div>
      <MapLegend />
    </section>
  );
}

const NO_PODS: PodView[] = [];

/** Whether the map would draw two pod rows the same: it shows neither AGE nor RESTARTS nor READY. */
function sameOnMap(a: PodView, b: PodView): boolean {
  return (
    a === b ||
    (a.name === b.name && a.namespace === b.namespace && a.status === b.status && a.node === b.node && a.revision === b.revision && a.ownerKind === b.ownerKind && a.ownerName === b.ownerName)
  );
}

let mapPodsFrom: PodView[] | undefined;
let mapPods: PodView[] = NO_PODS;

/**
 * The view's pods, or the list the map drew last while nothing it draws changed. Running pods'
 * ages move on nearly every tick at speed (a new pod list each time), and regrouping 3,000 pods
 * by node and comparing 100 cards for that was a good share of each view's work on the page.
 */
export function selectMapPods(s: AppState): PodView[] {
  const pods = selectPods(s);
  if (pods === mapPodsFrom) return mapPods;
  mapPodsFrom = pods;
  const prev = mapPods;
  let same = pods.length === prev.length;
  for (let i = 0; same && i < pods.length; i++) same = sameOnMap(pods[i], prev[i]);
  if (!same) mapPods = pods;
  return mapPods;
}

/** Escape anywhere in the map clears the selection (keyboard users' counterpart of clicking empty space). */
function clearOnEscape(e: React.KeyboardEvent): void {
  if (e.key !== 'Escape' || !appStore.getState().selected) return;
  e.preventDefault();
  appStore.getState().select(undefined);
}

/** Node views are replaced only when a node changed, so their content keys are cached per object. */
const nodeSignatures = new WeakMap<NodeView, string>();

function nodeSignature(node: NodeView): string {
  let sig = nodeSignatures.get(node);
  if (sig === undefined) nodeSignatures.set(node, (sig = JSON.stringify(node)));
  return sig;
}

function selectedPodOn(selectedKey: string, pods: readonly PodView[]): string | undefined {
  if (!selectedKey.startsWith('Pod:')) return undefined;
  const key = selectedKey.slice('Pod:'.length);
  return pods.some((p) => `${p.namespace}/${p.name}` === key) ? key : undefined;
}

/** Pods the scheduler has not placed yet, as chips on their way to a node. */
function UnscheduledLane({ pods, selectedKey }: { pods: readonly PodView[]; selectedKey: string }) {
  return (
    <section className="cm-unscheduled" aria-label="Waiting for a node">
      <h3 className="cm-lane-title">Waiting for a node · {pods.length}</h3>
      <PodChips pods={pods} selectedPod={selectedPodOn(selectedKey, pods)} />
    </section>
  );
}

/** A presenter card's height from what it will show, for choosing columns. */
function presenterCardEstimate(node: NodeView, pods: readonly PodView[]): number {
  const head = { name: node.name, badges: presenterBadges(node, taintLabels(node.taints).length), countdown: !node.ready && node.evictionAtMs !== undefined };
  return presenterCardHeight(head, groupPods(pods).map((g) => g.pods.length));
}

/** A normal card's likely height: the base card, a line per condition and taint, a row per owner group's chips. */
function cardEstimate(node: NodeView, pods: readonly PodView[]): number {
  const flags = conditionLabels(node).length * 16 + taintLabels(node.taints).length * 30;
  const perRow = chipsPerRow(CHIPS_WIDTH_PX);
  let chips = 0;
  for (const g of groupPods(pods)) chips += Math.max(25, Math.ceil(g.pods.length / perRow) * (CHIP_PX + CHIP_GAP_PX)) + 5;
  return CARD_BASE_HEIGHT_PX + flags + chips;
}

/** The element's content size, kept up to date. */
function useViewportSize(ref: React.RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
