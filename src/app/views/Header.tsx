import { LabsButton } from './labs/LabsMount.tsx';
import { PlaybackControls } from './PlaybackControls.tsx';
import { PresenterToggle } from './presenter/PresenterToggle.tsx';
import { SimClock } from './SimClock.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { TourButton } from './Tour.tsx';

/** The top bar: brand, the simulated clock, playback controls and the theme switch. */
export function Header() {
  return (
    <header className="topbar">
      <div className="brand">
        <img className="brand-logo" src="/favicon.svg" alt="" width={28} height={28} />
        <h1 className="brand-name">Podlab</h1>
      </div>
      <SimClock />
      <PlaybackControls />
      <LabsButton />
      <PresenterToggle />
      <TourButton />
      <ThemeToggle />
    </header>
  );
}
