import { pause, play, setSpeed, step } from '../bridge.ts';
import { SPEEDS } from '../protocol.ts';
import { selectPlaying, selectSpeed } from '../state/cluster.ts';
import { speedLabel } from './format.ts';
import { useAppStore } from './use-app-store.ts';

/** Play/Pause, Step (one simulated second) and the speed (simulated seconds per real second). */
export function PlaybackControls() {
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const speeds: number[] = SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? [...SPEEDS] : [...SPEEDS, speed].sort((a, b) => a - b);
  return (
    <div className="controls" role="group" aria-label="Playback">
      <button type="button" className="btn btn-primary" onClick={playing ? pause : play}>
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button type="button" className="btn" onClick={step} title="Advance one simulated second">
        <StepIcon />
        <span>Step</span>
      </button>
      <label className="speed">
        <span>Speed</span>
        <select value={String(speed)} onChange={(e) => setSpeed(Number(e.target.value))}>
          {speeds.map((s) => (
            <option key={s} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
    </svg>
  );
}

function StepIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3 2.5v11l7-5.5z" fill="currentColor" />
      <rect x="11" y="2.5" width="2.5" height="11" rx="0.5" fill="currentColor" />
    </svg>
  );
}
