import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { resumeLive, seek } from '../bridge.ts';
import type { HistoryView } from '../protocol.ts';
import { selectNow } from '../state/cluster.ts';
import type { AppState } from '../state/store.ts';
import { clockElapsed } from './format.ts';
import { durationLabel, groupMarkers, keyTarget, MARKER_KIND_NAMES, MARKER_KINDS, positionPercent } from './timeline-layout.ts';
import { useAppStore } from './use-app-store.ts';

const selectHistory = (s: AppState): HistoryView | undefined => s.view?.history;

/** How long the "forked" notice stays up (real ms); the fork mark on the track stays for good. */
const FORK_NOTICE_MS = 12_000;

/**
 * The time-travel bar: a slider over the recorded history with markers for what happened (node
 * failures, rollouts, OOM kills, evictions, commands, forks). Dragging it shows any earlier moment
 * exactly (the worker restores a snapshot and replays); a command that changes the cluster while
 * the past is shown forks a new future.
 */
export function Timeline() {
  const history = useAppStore(selectHistory);
  const now = useAppStore(selectNow);
  const [drag, setDrag] = useState<number | undefined>(undefined);
  const pointerDown = useRef(false);
  const forkNotice = useForkNotice(history?.lastForkAt);

  // Once the pointer is up, the thumb follows the worker's clock again.
  useEffect(() => {
    if (!pointerDown.current) setDrag(undefined);
  }, [now]);

  const start = history?.start ?? 0;
  const end = history?.end ?? now ?? 0;
  const markers = history?.markers;
  const groups = useMemo(() => groupMarkers(markers ?? [], start, end), [markers, start, end]);
  if (history === undefined || now === undefined) return null;

  const past = history.past;
  const shown = drag ?? now;
  const nowPercent = positionPercent(shown, start, end);
  const behind = end - now;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const target = keyTarget(e.key, e.shiftKey, now, start, end, history.markers);
    if (target === undefined) return;
    e.preventDefault();
    if (target !== now) seek(target);
  };

  return (
    <section className={`timeline ${past ? 'is-past' : ''}`} aria-label="Time travel">
      <div className="tl-row">
        <span className={`tl-badge ${past ? 'tl-badge-past' : 'tl-badge-live'}`} data-testid="timeline-state">
          {past ? `Past · −${durationLabel(behind)}` : 'Live'}
        </span>
        <span className="tl-edge">{clockElapsed(start)}</span>
        <div className="tl-track">
          <div className="tl-lane">
            {groups
              .filter((g) => g.kind !== 'command' && g.kind !== 'fork')
              .map((g) => (
                <span
                  key={`${g.kind}-${g.at}`}
                  className={`tl-mark tl-mark-${g.kind}`}
                  style={{ left: `${g.percent}%` }}
                  data-kind={g.kind}
                  data-at={g.at}
                  title={g.title}
                  onClick={() => seek(g.at)}
                />
              ))}
          </div>
          <div className="tl-bar">
            <div className="tl-fill" style={{ width: `${nowPercent}%` }} />
            {past && <div className="tl-future" style={{ left: `${nowPercent}%` }} />}
          </div>
          <div className="tl-cmds">
            {groups
              .filter((g) => g.kind === 'command')
              .map((g) => (
                <span key={g.at} className="tl-mark tl-mark-command" style={{ left: `${g.percent}%` }} data-kind="command" data-at={g.at} title={g.title} />
              ))}
          </div>
          <div className="tl-forks">
            {groups
              .filter((g) => g.kind === 'fork')
              .map((g) => (
                <span key={g.at} className="tl-mark tl-mark-fork" style={{ left: `${g.percent}%` }} data-kind="fork" data-at={g.at} title={g.title} />
              ))}
          </div>
          <input
            type="range"
            className="tl-range"
            aria-label="Timeline"
            aria-valuetext={`${clockElapsed(shown)}${past ? `, ${durationLabel(end - shown)} before live` : ', live'}`}
            min={start}
            max={Math.max(start, end)}
            step="any"
            value={shown}
            onPointerDown={() => {
              pointerDown.current = true;
            }}
            onPointerUp={() => {
              pointerDown.current = false;
            }}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              setDrag(v);
              seek(v);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <span className="tl-edge">{clockElapsed(end)}</span>
        <button type="button" className="btn tl-live" onClick={resumeLive} disabled={!past}>
          Back to live
        </button>
      </div>
      <div className="tl-row tl-info">
        <p className="tl-message" role="status">
          {past ? (
            <>
              <strong>Viewing the past.</strong> Play replays what happened; a command that changes the cluster <strong>forks a new future</strong> from here and discards
              everything after it.
            </>
          ) : forkNotice !== undefined ? (
            <>
              <strong>Forked at {clockElapsed(forkNotice)}.</strong> The history after it was discarded: this is a new future.
            </>
          ) : (
            <>Drag the timeline to see any earlier moment exactly.</>
          )}
        </p>
        <ul className="tl-legend" aria-label="Timeline markers">
          {MARKER_KINDS.map((k) => (
            <li key={k}>
              <span className={`tl-mark tl-mark-${k} tl-legend-mark`} aria-hidden="true" />
              {MARKER_KIND_NAMES[k]}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The latest fork's time while its notice is up (it clears itself after FORK_NOTICE_MS). */
function useForkNotice(lastForkAt: number | undefined): number | undefined {
  const [shown, setShown] = useState<number | undefined>(undefined);
  const first = useRef(true);
  useEffect(() => {
    // A fork that happened before this view mounted is on the track, not news.
    if (first.current) {
      first.current = false;
      return;
    }
    if (lastForkAt === undefined) return;
    setShown(lastForkAt);
    const timer = setTimeout(() => setShown(undefined), FORK_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [lastForkAt]);
  return shown;
}
