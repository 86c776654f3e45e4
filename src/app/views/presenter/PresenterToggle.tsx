import { appStore } from '../../state/store.ts';
import { selectPresenter } from '../../state/ui.ts';
import { useAppStore } from '../use-app-store.ts';

/** The header's switch for presenter mode (also the `p` key). */
export function PresenterToggle() {
  const on = useAppStore(selectPresenter);
  return (
    <button
      type="button"
      className={`btn pres-toggle${on ? ' is-on' : ''}`}
      aria-pressed={on}
      title="Large type, the map and one details view, hotkeys for live demos (p)"
      onClick={() => appStore.getState().setPresenter(!on)}
    >
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
        <rect x="1.5" y="2" width="13" height="9" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 11v3M5 14.5h6" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <span>Presenter mode</span>
    </button>
  );
}
