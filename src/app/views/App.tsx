import { useEffect } from 'react';
import { selectTheme } from '../state/ui.ts';
import { applyTheme } from '../theme.ts';
import { ClusterMap } from './ClusterMap.tsx';
import { DetailsDock } from './DetailsDock.tsx';
import { Header } from './Header.tsx';
import { LabsDrawer } from './labs/LabsMount.tsx';
import { LiveAnnouncer } from './LiveAnnouncer.tsx';
import { PodsPanel } from './PodsPanel.tsx';
import { PresenterLayer } from './presenter/Presenter.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { Terminal } from './Terminal.tsx';
import { Timeline } from './Timeline.tsx';
import { Tour } from './Tour.tsx';
import { useAppStore } from './use-app-store.ts';

/**
 * The page: the top bar; the cluster map on the left, where the eye goes first; the terminal over
 * the Pods table on the right.
 */
export function App() {
  const theme = useAppStore(selectTheme);
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <div className="app">
      <SkipLinks />
      <Header />
      <PresenterLayer />
      <main className="layout">
        <ClusterMap />
        <div className="side-column">
          <Terminal />
          <PodsPanel />
        </div>
        <DetailsDock />
      </main>
      <Timeline />
      <LabsDrawer />
      <LiveAnnouncer />
      <Tour />
    </div>
  );
}
