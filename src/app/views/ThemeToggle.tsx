import { useSyncExternalStore } from 'react';
import { selectTheme } from '../state/ui.ts';
import { appStore } from '../state/store.ts';
import { onSystemThemeChange, systemPrefersDark } from '../theme.ts';
import { useAppStore } from './use-app-store.ts';

/** Switches between light and dark; until first used, the system preference decides. */
export function ThemeToggle() {
  const theme = useAppStore(selectTheme);
  const systemDark = useSyncExternalStore(onSystemThemeChange, systemPrefersDark);
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  return (
    <button
      type="button"
      className="btn btn-icon theme-toggle"
      aria-pressed={dark}
      aria-label="Dark theme"
      title={dark ? 'Switch to the light theme' : 'Switch to the dark theme'}
      onClick={() => appStore.getState().setTheme(dark ? 'light' : 'dark')}
    >
      {dark ? (
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M13.5 10.2A6 6 0 0 1 5.8 2.5a6 6 0 1 0 7.7 7.7z" fill="currentColor" />
        </svg>
      ) : (
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="3.2" fill="currentColor" />
          <path
            d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
      )}
    </button>
  );
}
