import { lazy, Suspense, useState } from 'react';
import { selectSelected } from '../state/ui.ts';
import { EventsPanel } from './EventsPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { NO_EVENT_FILTER, type EventFilter } from './inspect.ts';
import { PendingTray, selectPendingTotal } from './PendingTray.tsx';
import { SchedulingPanel } from './scheduling/SchedulingPanel.tsx';
import { rovingTabProps } from './tabs.ts';
import { useAppStore } from './use-app-store.ts';

type DockTab = 'events' | 'pending' | 'inspector' | 'scheduling' | 'pod' | 'workloads';

/** Replica history, rollout lanes and the controller flow (views/workloads/), loaded when first opened. */
const WorkloadsPanel = lazy(() => import('./workloads/WorkloadsPanel.tsx'));
/** Inside the selected pod (views/pod/), loaded when first opened. */
const PodView = lazy(() => import('./pod/PodView.tsx').then((m) => ({ default: m.PodView })));
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet']);

/**
 * One panel with tabs: the events list, the pending-pods tray, the object inspector, the
 * selected pod's scheduling decision (views/scheduling/), inside the pod and the workloads; the
 * tab list works by arrow keys, Home and End (views/tabs.ts).
 * Selecting an object anywhere (map, Pods table, tray, events) opens the inspector on it. Only
 * the open tab renders, so a hidden list costs nothing per tick.
 */
export function DetailsDock() {
  const selected = useAppStore(selectSelected);
  const pendingTotal = useAppStore(selectPendingTotal);
  const [tab, setTab] = useState<DockTab>('events');
  const [filter, setFilter] = useState<EventFilter>(NO_EVENT_FILTER);
  const [expanded, setExpanded] = useState(false);
  const [shownSelection, setShownSelection] = useState(selected);
  // A new selection brings the inspector forward (set during render: React's pattern for state derived from props).
  if (selected !== shownSelection) {
    setShownSelection(selected);
    // A pod selected while its Scheduling tab is open keeps it (to compare decisions pod by pod);
    // one picked in the pending tray opens its scheduling decision: the tray's "why", in full.
    if (selected) {
      setTab((t) =>
        (t === 'scheduling' || t === 'pending') && selected.kind === 'Pod'
          ? 'scheduling'
          : (t === 'workloads' && WORKLOAD_KINDS.has(selected.kind)) || (t === 'pod' && selected.kind === 'Pod')
            ? t
            : 'inspector',
      );
    }
  }
  const tabs: { id: DockTab; label: string; count?: number }[] = [
    { id: 'events', label: 'Events' },
    { id: 'pending', label: 'Pending', count: pendingTotal },
    { id: 'inspector', label: 'Inspector' },
    { id: 'scheduling', label: 'Scheduling' },
    { id: 'pod', label: 'Inside pod' },
    { id: 'workloads', label: 'Workloads' },
  ];
  const ids = tabs.map((t) => t.id);
  return (
    <section className={`panel dock${expanded ? ' is-expanded' : ''}`} aria-label="Details">
      <div className="dock-tabs">
        <div className="dock-tablist" role="tablist" aria-label="Details">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="dock-body"
              className={`dock-tab${t.count ? ' has-count' : ''}`}
              onClick={() => setTab(t.id)}
              {...rovingTabProps(ids, t.id, tab, setTab)}
            >
              {t.label}
              {t.count ? (
                <span className="dock-count">
                  {t.count}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-small dock-expand" aria-pressed={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Shrink details' : 'Expand details'}
        </button>
      </div>
      <div className="dock-body" id="dock-body" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
        {tab === 'events' && <EventsPanel filter={filter} onFilter={setFilter} />}
        {tab === 'pending' && <PendingTray />}
        {tab === 'inspector' && <Inspector />}
        {tab === 'scheduling' && <SchedulingPanel />}
        {tab === 'pod' && (
          <Suspense fallback={<p className="empty">Loading the pod view…</p>}>
            <PodView />
          </Suspense>
        )}
        {tab === 'workloads' && (
          <Suspense fallback={<p className="wl-empty">Loading workloads…</p>}>
            <WorkloadsPanel />
          </Suspense>
        )}
      </div>
    </section>
  );
}
