/** Entry point: starts the simulation worker, restores the theme and mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startBridge } from './bridge.ts';
import { appStore } from './state/store.ts';
import { applyTheme, loadTheme } from './theme.ts';
import { App } from './views/App.tsx';
import './styles.css';

startBridge();
const theme = loadTheme();
applyTheme(theme);
appStore.getState().setTheme(theme);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
