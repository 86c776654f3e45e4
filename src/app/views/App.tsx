import { useEffect } from 'react';
import { selectTheme } from '../state/ui.ts';
import { applyTheme } from '../theme.ts';
import { Header } from './Header.tsx';
import { NodesPanel } from './NodesPanel.tsx';
import { PodsPanel } from './PodsPanel.tsx';
import { Terminal } from './Terminal.tsx';
import { useAppStore } from './use-app-store.ts';

/** The page: the top bar, the cluster (nodes over pods) on the left, the terminal on the right. */
export function App() {
  const theme = useAppStore(selectTheme);
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <div className="app">
      <Header />
      <main className="layout">
        <div className="cluster-column">
          <NodesPanel />
          <PodsPanel />
        </div>
        <Terminal />
      </main>
    </div>
  );
}
