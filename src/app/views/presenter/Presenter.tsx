import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { pauseWhen } from '../../bridge.ts';
import { nextDemoStep } from '../../presenter/actions.ts';
import { currentCaption, DEMOS, startDemo } from '../../presenter/demo-script.ts';
import { HOTKEYS } from '../../presenter/hotkeys.ts';
import { presenterStore, type PresenterState } from '../../presenter/presenter-state.ts';
import { runVisible } from '../../presenter/run-visible.ts';
import { PAUSE_TRIGGERS, type ClusterView, type PauseReason, type PauseTrigger } from '../../protocol.ts';
import { appStore, type AppState } from '../../state/store.ts';
import { selectEntries, selectPresenter } from '../../state/ui.ts';
import { clockElapsed } from '../format.ts';
import { useAppStore } from '../use-app-store.ts';
import { useHotkeys } from './use-hotkeys.ts';

const usePresenter = <T,>(selector: (s: PresenterState) => T): T => useStore(presenterStore, selector);

const NO_TRIGGERS: PauseTrigger[] = [];
const selectPauseWhen = (s: AppState): PauseTrigger[] => s.view?.pauseWhen ?? NO_TRIGGERS;
const selectPausedBy = (s: AppState): PauseReason | undefined => s.view?.pausedBy;
const selectViewReady = (s: AppState): boolean => (s.view as ClusterView | undefined) !== undefined;

const TRIGGER_LABELS: Record<PauseTrigger, string> = {
  eviction: 'pod evicted',
  nodeNotReady: 'node NotReady',
  rolloutComplete: 'rollout complete',
};

/**
 * Presenter mode's layer: the hotkeys (always listening: `p` and `?` work outside presenter mode
 * too), the Hotkeys dialog, and while presenter mode is on the Presenter region and the page's
 * large, high-contrast type (the `data-presenter` attribute on the root element, styles.css `pres-`).
 */
export function PresenterLayer() {
  const on = useAppStore(selectPresenter);
  useHotkeys();
  useEffect(() => {
    const root = document.documentElement;
    if (on) root.dataset.presenter = 'on';
    else delete root.dataset.presenter;
    // Triggers belong to presenter mode: outside it nothing would say why the clock stopped.
    if (!on && (appStore.getState().view?.pauseWhen?.length ?? 0) > 0) pauseWhen([]);
  }, [on]);
  return (
    <>
      {on && <PresenterBar />}
      <HotkeysDialog />
    </>
  );
}

function PresenterBar() {
  return (
    <section className="pres-bar" aria-label="Presenter">
      <PauseBanner />
      <div className="pres-row">
        <DemoControls />
        <button type="button" className="btn btn-small pres-keys" onClick={() => presenterStore.getState().setHotkeysOpen(true)}>
          Hotkeys (?)
        </button>
      </div>
      <div className="pres-row">
        <CommandBar />
        <TriggerPicker />
      </div>
    </section>
  );
}

function PauseBanner() {
  const by = useAppStore(selectPausedBy);
  if (!by) return null;
  return (
    <p className="pres-banner" role="alert">
      <strong>Paused:</strong> {by.message} at {clockElapsed(by.at)}
    </p>
  );
}

function TriggerPicker() {
  const fromView = useAppStore(selectPauseWhen);
  const ready = useAppStore(selectViewReady);
  // What was asked for shows at once; the next view (which echoes it) takes over.
  const [asked, setAsked] = useState<{ list: PauseTrigger[]; over: PauseTrigger[] } | undefined>(undefined);
  if (asked && asked.over !== fromView) setAsked(undefined);
  const armed = asked?.list ?? fromView;
  const toggle = (t: PauseTrigger, on: boolean) => {
    const list = PAUSE_TRIGGERS.filter((x) => (x === t ? on : armed.includes(x)));
    setAsked({ list, over: fromView });
    pauseWhen(list);
  };
  return (
    <fieldset className="pres-triggers" disabled={!ready}>
      <legend>Pause when</legend>
      {PAUSE_TRIGGERS.map((t) => (
        <label key={t} className="pres-trigger">
          <input type="checkbox" checked={armed.includes(t)} onChange={(e) => toggle(t, e.target.checked)} />
          <span>{TRIGGER_LABELS[t]}</span>
        </label>
      ))}
    </fieldset>
  );
}

const PASTE = 'paste';

function DemoControls() {
  const demo = usePresenter((s) => s.demo);
  const notice = usePresenter((s) => s.notice);
  const [choice, setChoice] = useState<string>(DEMOS[0].id);
  const [pasted, setPasted] = useState('');
  const load = () => {
    const builtIn = DEMOS.find((d) => d.id === choice);
    const run = builtIn ? startDemo(builtIn.title, builtIn.text) : startDemo('Pasted script', pasted);
    presenterStore.getState().setDemo(run.steps.length > 0 ? run : undefined);
    presenterStore.getState().setNotice(run.steps.length > 0 ? `Loaded: ${run.title}` : 'The script has no commands');
  };
  const caption = demo ? currentCaption(demo) : '';
  const next = demo?.steps[demo.next];
  return (
    <>
      <label className="pres-demo-pick">
        <span className="pres-sr">Demo</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          {DEMOS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
          <option value={PASTE}>Paste a script…</option>
        </select>
      </label>
      {choice === PASTE && (
        <textarea className="pres-paste" aria-label="Demo script" placeholder="# caption&#10;kubectl …" rows={2} value={pasted} onChange={(e) => setPasted(e.target.value)} />
      )}
      <button type="button" className="btn btn-small" onClick={load}>
        Load
      </button>
      <button type="button" className="btn btn-primary pres-next" disabled={!next} onClick={nextDemoStep} title={next ? `Runs: ${next.command.split('\n')[0]}` : undefined}>
        Next step
      </button>
      <div className="pres-caption" aria-live="polite">
        {demo ? (
          <>
            <span className="pres-step">
              Step {demo.next} of {demo.steps.length}
            </span>
            <span className="pres-caption-text">{caption || demo.title}</span>
          </>
        ) : (
          <span className="pres-caption-text pres-muted">{notice || 'Load a demo, or use the hotkeys (?)'}</span>
        )}
      </div>
    </>
  );
}

/** The terminal collapsed to one line: the last command with the start of its output, and a prompt. */
function CommandBar() {
  const entries = useAppStore(selectEntries);
  const notice = usePresenter((s) => s.notice);
  const last = entries[entries.length - 1];
  const [line, setLine] = useState('');
  const firstOutput = last?.output.split('\n').find((l) => l.trim() !== '') ?? '';
  return (
    <form
      className="pres-command"
      onSubmit={(e) => {
        e.preventDefault();
        if (line.trim() === '') return;
        runVisible(line.trim());
        setLine('');
      }}
    >
      <output className="pres-last" title={last ? `${last.line}\n${last.output}` : notice}>
        {last ? (
          <>
            <code className="pres-last-line">$ {last.line.split('\n')[0]}</code>
            {last.exitCode === undefined ? <span className="pres-muted"> running…</span> : firstOutput && <code className={`pres-last-out${last.exitCode === 0 ? '' : ' is-error'}`}>{firstOutput}</code>}
          </>
        ) : (
          <span className="pres-muted">No commands yet</span>
        )}
      </output>
      <input className="pres-input" aria-label="Presenter command" placeholder="kubectl …" value={line} onChange={(e) => setLine(e.target.value)} spellCheck={false} autoComplete="off" />
    </form>
  );
}

function HotkeysDialog() {
  const open = usePresenter((s) => s.hotkeysOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="pres-dialog" aria-label="Hotkeys" onClose={() => presenterStore.getState().setHotkeysOpen(false)}>
      <h2>Hotkeys</h2>
      <p className="pres-muted">In presenter mode, when focus is not in the terminal, the editor or a text field.</p>
      <table className="pres-keys-table">
        <tbody>
          {HOTKEYS.map((h) => (
            <tr key={h.action}>
              <td>
                {h.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{h.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="btn btn-primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
