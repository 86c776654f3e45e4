import { memo, useMemo, useRef } from 'react';
import type { EventView } from '../protocol.ts';
import { appStore, type AppState } from '../state/store.ts';
import { selectSelected } from '../state/ui.ts';
import { filterEvents, sameRef, type EventFilter } from './inspect.ts';
import { useAppStore } from './use-app-store.ts';
import { useRowWindow } from './use-row-window.ts';

const NO_EVENTS: EventView[] = [];
const selectEvents = (s: AppState): EventView[] => s.view?.events ?? NO_EVENTS;

/** kubectl's default `get events` columns. */
const COLUMNS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
/** A row's height before it is measured (one line; messages may wrap to more). */
const ROW_ESTIMATE_PX = 27;

/**
 * The cluster's recent Events, newest first, with the cells `kubectl get events` prints, filtered
 * by type, namespace and free text. Clicking a row inspects the object the event is about.
 * A long list is windowed (use-row-window.ts): every view changes the LAST SEEN of every row.
 */
export function EventsPanel({ filter, onFilter }: { filter: EventFilter; onFilter(f: EventFilter): void }) {
  const events = useAppStore(selectEvents);
  const selected = useAppStore(selectSelected);
  const namespaces = useMemo(() => [...new Set(events.map((e) => e.namespace))].sort(), [events]);
  const options = filter.namespace !== '' && !namespaces.includes(filter.namespace) ? [...namespaces, filter.namespace].sort() : namespaces;
  const shown = useMemo(() => filterEvents(events, filter), [events, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const w = useRowWindow(scrollRef, shown.length, ROW_ESTIMATE_PX);
  const windowed = w.before > 0 || w.after > 0;
  return (
    <section className="events-panel" aria-label="Events">
      <div className="events-filters" role="group" aria-label="Event filters">
        <label className="ns-filter">
          <span>Type</span>
          <select value={filter.type} onChange={(e) => onFilter({ ...filter, type: e.target.value as EventFilter['type'] })}>
            <option value="">All types</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label className="ns-filter">
          <span>Namespace</span>
          <select value={filter.namespace} onChange={(e) => onFilter({ ...filter, namespace: e.target.value })}>
            <option value="">All namespaces</option>
            {options.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <input
          className="events-search"
          type="search"
          placeholder="Filter events…"
          aria-label="Filter events"
          value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
        />
        <span className="panel-count" aria-live="polite">
          {shown.length === events.length ? events.length : `${shown.length} of ${events.length}`}
        </span>
      </div>
      <div className="table-scroll" ref={scrollRef}>
        <table className="events-table" aria-rowcount={windowed ? shown.length + 1 : undefined}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.before > 0 && <SpacerRow height={w.before} />}
            {shown.slice(w.start, w.end).map((e, j) => (
              <EventRow key={e.id} event={e} selected={sameRef(selected, e.involved)} rowIndex={windowed ? w.start + j + 2 : undefined} />
            ))}
            {w.after > 0 && <SpacerRow height={w.after} />}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty">{events.length === 0 ? 'No events yet.' : 'No events match the filters.'}</p>}
      </div>
    </section>
  );
}

/** Rows are compared by their cells: each view brings new objects, but most rows read the same. */
const EventRow = memo(EventRowView, (a, b) => a.selected === b.selected && a.rowIndex === b.rowIndex && sameEvent(a.event, b.event));

/** Stands for rows not drawn (above or below the visible part of a windowed list). */
function SpacerRow({ height }: { height: number }) {
  return (
    <tr className="row-spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS.length} />
    </tr>
  );
}

function sameEvent(a: EventView, b: EventView): boolean {
  return a.id === b.id && a.lastSeen === b.lastSeen && a.type === b.type && a.reason === b.reason && a.object === b.object && a.message === b.message;
}

function EventRowView({ event: e, selected, rowIndex }: { event: EventView; selected: boolean; rowIndex: number | undefined }) {
  const inspect = () => appStore.getState().select(e.involved);
  return (
    <tr className={`events-row${selected ? ' is-selected' : ''}`} data-type={e.type} aria-rowindex={rowIndex} onClick={inspect}>
      <td className="nowrap">{e.lastSeen}</td>
      <td>
        <span className={`event-type ${e.type === 'Warning' ? 'tone-bad' : 'tone-done'}`}>{e.type}</span>
      </td>
      <td className="event-reason">{e.reason}</td>
      <td className="event-object">
        <button type="button" className="link-button" title={`Inspect ${e.object}`} onClick={(ev) => (ev.stopPropagation(), inspect())}>
          {e.object}
        </button>
      </td>
      <td className="event-message">{e.message}</td>
    </tr>
  );
}
