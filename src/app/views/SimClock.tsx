import { selectNow, selectPlaying } from '../state/cluster.ts';
import { clockElapsed, clockIso } from './format.ts';
import { useAppStore } from './use-app-store.ts';

/** Simulated time: the cluster's wall clock and the time elapsed since it started. */
export function SimClock() {
  const now = useAppStore(selectNow);
  const playing = useAppStore(selectPlaying);
  if (now === undefined) {
    return (
      <div className="clock" role="timer" aria-label="Simulated time">
        <span className="clock-iso">starting…</span>
      </div>
    );
  }
  const iso = clockIso(now);
  return (
    <div className="clock" role="timer" aria-label="Simulated time" data-now={now}>
      <span className={`clock-dot ${playing ? 'is-playing' : ''}`} aria-hidden="true" />
      <time className="clock-iso" dateTime={iso}>
        {iso}
      </time>
      <span className="clock-elapsed">{clockElapsed(now)}</span>
    </div>
  );
}
