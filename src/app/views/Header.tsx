import { PlaybackControls } from './PlaybackControls.tsx';
import { SimClock } from './SimClock.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

/** The top bar: brand, the simulated clock, playback controls and the theme switch. */
export function Header() {
  return (
    <header className="topbar">
      <div className="brand">
        <img className="brand-logo" src="/favicon.svg" alt="" width={28} height={28} />
        <span className="brand-name">Podlab</span>
      </div>
      <SimClock />
      <PlaybackControls />
      <ThemeToggle />
    </header>
  );
}
