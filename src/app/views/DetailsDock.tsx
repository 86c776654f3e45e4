import { useState } from 'react';
import { selectSelected } from '../state/ui.ts';
import { EventsPanel } from './EventsPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { NO_EVENT_FILTER, type EventFilter } from './inspect.ts';
import { PendingTray, selectPendingTotal } from './PendingTray.tsx';
import { useAppStore } from './use-app-store.ts';

type DockTab = 'events' | 'pending' | 'inspector';

/**
 * One panel with three tabs: the events list, the pending-pods tray and the object inspector.
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
    if (selected) setTab('inspector');
  }
  const tabs: { id: DockTab; label: string; count?: number }[] = [
    { id: 'events', label: 'Events' },
    { id: 'pending', label: 'Pending', count: pendingTotal },
    { id: 'inspector', label: 'Inspector' },
  ];
  return (
    <section className={`panel dock${expanded ? ' is-expanded' : ''}`} aria-label="Details">
      <div className="dock-tabs" role="tablist" aria-label="Details">
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
          >
            {t.label}
            {t.count ? (
              <span className="dock-count">
                {t.count}
              </span>
            ) : null}
          </button>
        ))}
        <button type="button" className="btn btn-small dock-expand" aria-pressed={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Shrink details' : 'Expand details'}
        </button>
      </div>
      <div className="dock-body" id="dock-body" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
        {tab === 'events' && <EventsPanel filter={filter} onFilter={setFilter} />}
        {tab === 'pending' && <PendingTray />}
        {tab === 'inspector' && <Inspector />}
      </div>
    </section>
  );
}
