/**
 * The Labs drawer: the course (14 labs, level and title; a seed; Start lab; the Sandbox), the
 * running lab (story, steps, timed events, goals checked live against the cluster, hints one at
 * a time, Check my work, Share), and the lab builder. Everything shown comes from the worker's
 * replies (labs-client.ts) and is rendered as text.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { loadSeed, saveSeed } from '../../labs/autosave.ts';
import {
  checkMyWork,
  exportProgress,
  importProgress,
  labsStore,
  loadCatalog,
  refreshStatus,
  resume,
  revealHint,
  setLabsOpen,
  setLabsTab,
  share,
  startLab,
  startSandbox,
  type LabsUi,
} from '../../labs/labs-client.ts';
import type { LabState, SavedProgress } from '../../labs/lab-protocol.ts';
import type { Lab } from '../../../labs/types.ts';
import { rovingTabProps } from '../tabs.ts';
import { LabBuilder } from './LabBuilder.tsx';
import { useScrollIntoView } from './scroll.ts';

export default function LabsPanel() {
  const tab = useStore(labsStore, (s) => s.tab);
  const error = useStore(labsStore, (s) => s.error);
  const notice = useStore(labsStore, (s) => s.notice);
  const busy = useStore(labsStore, (s) => s.busy);
  const mode = useStore(labsStore, (s) => s.state?.mode);
  const draftsVersion = useStore(labsStore, (s) => s.draftsVersion);
  useEffect(() => {
    void loadCatalog();
    // The session the app opened on (the sandbox) is not asked for until something is done: ask now, to show it.
    if (labsStore.getState().state === undefined) void refreshStatus();
  }, []);
  const tabs: [LabsUi['tab'], string][] = [
    ['course', 'Course'],
    ['lab', mode === 'sandbox' ? 'Sandbox' : 'Lab'],
    ['builder', 'Builder'],
  ];
  const tabIds = tabs.map(([id]) => id);
  return (
    <section id="labs-drawer" className="labs-drawer" aria-label="Labs" aria-busy={busy !== undefined}>
      <header className="labs-head">
        <h2 className="labs-title">Labs</h2>
        <div className="labs-tabs" role="tablist" aria-label="Labs sections">
          {tabs.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className="labs-tab" onClick={() => setLabsTab(id)} {...rovingTabProps(tabIds, id, tab, setLabsTab)}>
              {label}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-small labs-close" aria-label="Close labs" onClick={() => setLabsOpen(false)}>
          ×
        </button>
      </header>
      {error !== undefined && (
        <pre className="labs-error" role="alert">
          {error}
        </pre>
      )}
      {notice !== undefined && (
        <p className="labs-notice" role="status">
          {notice}
        </p>
      )}
      {busy !== undefined && <p className="labs-busy">{busy}…</p>}
      <div className="labs-body">
        {tab === 'course' && <Course />}
        {tab === 'lab' && <Running />}
        {tab === 'builder' && <LabBuilder key={draftsVersion} />}
      </div>
    </section>
  );
}

function Course() {
  const catalog = useStore(labsStore, (s) => s.catalog);
  const runningId = useStore(labsStore, (s) => s.state?.lab?.id);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const chosen = selected ?? runningId ?? catalog[0]?.id;
  const chosenLab = catalog.find((l) => l.id === chosen);
  const [seedText, setSeedText] = useState(() => String(loadSeed(1)));
  const seedId = useId();
  const seedOk = /^\d{1,10}$/.test(seedText) && Number(seedText) <= 0xffffffff;
  return (
    <div className="labs-course">
      <ol className="labs-list" aria-label="Course">
        {catalog.map((l) => (
          <li key={l.id}>
            <button type="button" className="labs-item" aria-pressed={l.id === chosen} onClick={() => setSelected(l.id)}>
              <span className="labs-num">{l.number}</span>
              <span className="labs-item-title">{l.title}</span>
              <span className={`labs-level labs-level-${l.level}`}>{l.level}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="labs-start">
        <label htmlFor={seedId}>Seed</label>
        <input
          id={seedId}
          className="labs-seed"
          inputMode="numeric"
          value={seedText}
          aria-invalid={!seedOk}
          onChange={(e) => setSeedText(e.target.value.trim())}
        />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!seedOk || chosenLab === undefined}
          onClick={() => {
            saveSeed(Number(seedText));
            void startLab(chosen!, Number(seedText));
          }}
        >
          Start lab
        </button>
        <button type="button" className="btn" onClick={() => void startSandbox()}>
          Sandbox
        </button>
      </div>
      <p className="labs-help">
        Your seed picks your variant of each lab (names and numbers) and seeds the simulation: the same seed gives the same lab for you and your teacher. Starting a lab replaces the
        cluster with the lab&apos;s start (paused); the Sandbox is the default cluster with no goals.
      </p>
      <YourProgress chosen={chosen} />
    </div>
  );
}

/** Commands in a saved log (its lines, less the `sim advance` between them and heredoc bodies). */
function commandCount(script: string): number {
  let n = 0;
  let heredoc: string | undefined;
  for (const line of script.split('\n')) {
    if (heredoc !== undefined) {
      if (line === heredoc) heredoc = undefined;
      continue;
    }
    if (line.trim() === '' || line.startsWith('sim advance ')) continue;
    n++;
    heredoc = /<<-?\s*'?"?([A-Za-z0-9_]+)/.exec(line)?.[1];
  }
  return n;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Saved progress: resume a lab or the sandbox, export everything as a file, import one. */
function YourProgress({ chosen }: { chosen: string | undefined }) {
  const archive = useStore(labsStore, (s) => s.archive);
  const busy = useStore(labsStore, (s) => s.busy);
  const saved = archive.labs.find((l) => l.lab === chosen);
  // Labs that came as a whole (a shared link or the builder) are not in the course list: each gets its own button.
  const inline = archive.labs.filter((l): l is SavedProgress & { lab: Lab } => typeof l.lab !== 'string');
  const sandbox = archive.sandbox;
  return (
    <section className="labs-progress" aria-label="Your progress">
      <h3 className="labs-sub">Your progress</h3>
      <p className="labs-help">
        Saved in this browser after every command: every lab you started and the sandbox. Export it as a file to keep it or move it to another browser; importing a file adds its
        labs, sandbox and builder drafts to yours (the file&apos;s win) and opens the session it was on.
      </p>
      <div className="labs-start">
        <button type="button" className="btn" disabled={saved === undefined || busy !== undefined} onClick={() => saved && void resume(saved)}>
          Resume lab
        </button>
        <span className="labs-muted">{saved ? `seed ${saved.seed}, ${plural(commandCount(saved.script), 'command')}` : 'no saved progress for this lab'}</span>
      </div>
      {inline.map((l) => (
        <div className="labs-start" key={l.lab.id}>
          <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void resume(l)}>
            Resume “{l.lab.title}”
          </button>
          <span className="labs-muted">{`from a link or the builder, seed ${l.seed}, ${plural(commandCount(l.script), 'command')}`}</span>
        </div>
      ))}
      <div className="labs-start">
        <button type="button" className="btn" disabled={sandbox === null || busy !== undefined} onClick={() => sandbox && void resume(sandbox)}>
          Resume sandbox
        </button>
        <span className="labs-muted">{sandbox ? plural(commandCount(sandbox.script), 'command') : 'no saved sandbox session'}</span>
      </div>
      <div className="labs-start">
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void exportProgress()}>
          Export progress
        </button>
        <label className="btn labs-import">
          Import progress
          <input
            type="file"
            className="sr-only"
            accept=".json,application/json"
            disabled={busy !== undefined}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importProgress(file);
            }}
          />
        </label>
      </div>
    </section>
  );
}

function Running() {
  const state = useStore(labsStore, (s) => s.state);
  if (state === undefined || state.mode === 'none') return <p className="labs-help">No lab is running. Pick one in the Course tab, or start the Sandbox.</p>;
  if (state.mode === 'sandbox')
    return (
      <p className="labs-help">
        Sandbox: the cluster the app opens on, no goals. Use the terminal freely: every command is saved in this browser and replayed on reload. The Builder tab turns what
        you set up into a lab; the Course tab&apos;s Sandbox button starts a fresh default cluster.
      </p>
    );
  return <ActiveLabView state={state} />;
}

function ActiveLabView({ state }: { state: LabState }) {
  const lab = state.lab!;
  const hintsShown = useStore(labsStore, (s) => s.hintsShown);
  const grade = useStore(labsStore, (s) => s.grade);
  const link = useStore(labsStore, (s) => s.link);
  const busy = useStore(labsStore, (s) => s.busy);
  const passed = state.goals.filter((g) => g.pass).length;
  const gradeRef = useScrollIntoView<HTMLDivElement>(grade);
  return (
    <article className="labs-active">
      <h3 className="labs-lab-title">{lab.title}</h3>
      <p className="labs-meta">
        <span className={`labs-level labs-level-${lab.level}`}>{lab.level}</span> lab {lab.id} · seed {lab.seed}
      </p>
      <p className="labs-intro">{lab.intro}</p>
      <ol className="labs-steps" aria-label="Steps">
        {lab.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      {lab.events.length > 0 && (
        <ul className="labs-events" aria-label="Timed events">
          {lab.events.map((e, i) => (
            <li key={i}>
              <span className="labs-events-at">Timed event:</span> {e}
            </li>
          ))}
        </ul>
      )}
      <h4 className="labs-sub">
        Goals <span className="labs-score">{passed}/{state.goals.length} now</span>
      </h4>
      <ul className="labs-goals" aria-label="Goals">
        {state.goals.map((g) => (
          <li key={g.id} className={g.pass ? 'is-pass' : 'is-fail'} data-pass={g.pass}>
            <span className="labs-mark" aria-label={g.pass ? 'passed' : 'not yet'}>
              {g.pass ? '✓' : '✗'}
            </span>
            <span>
              <span className="labs-goal-title">{g.title}</span>
              <span className="labs-reason">{g.reason}</span>
            </span>
          </li>
        ))}
      </ul>
      <div className="labs-hints">
        {lab.hints.slice(0, hintsShown).map((h, i) => (
          <p key={i} className="labs-hint">
            Hint {i + 1}: {h}
          </p>
        ))}
        <button type="button" className="btn btn-small" disabled={hintsShown >= lab.hints.length} onClick={revealHint}>
          Show a hint
        </button>
        <span className="labs-muted">
          {hintsShown}/{lab.hints.length} shown
        </span>
      </div>
      <div className="labs-actions">
        <button type="button" className="btn btn-primary" disabled={busy !== undefined} onClick={() => void checkMyWork()}>
          Check my work
        </button>
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void share()}>
          Share
        </button>
      </div>
      <p className="labs-muted">
        Check my work grades as <code>podlab lab check</code> does: your commands are replayed in a fresh copy of the lab, the cluster runs {lab.settle} more (settle time), then
        the goals are checked. Your cluster is not changed.
      </p>
      {state.logNote !== undefined && <p className="labs-muted">{state.logNote}</p>}
      {grade !== undefined && (
        <div ref={gradeRef} className={`labs-grade ${grade.ok ? 'is-pass' : 'is-fail'}`} role="status" aria-label="Grade">
          <p className="labs-grade-head">
            {grade.ok ? 'All goals passed' : 'Not yet'}: {grade.passed}/{grade.total} goals (after {grade.settle} settle)
          </p>
          <pre className="labs-report" data-trace-hash={grade.traceHash}>
            {grade.text}
          </pre>
        </div>
      )}
      {link !== undefined && (
        <label className="labs-link">
          Share link
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <details className="labs-log">
        <summary>Your command log (what a link and the grader replay)</summary>
        <pre>{state.script === '' ? '(nothing yet)' : state.script}</pre>
      </details>
    </article>
  );
}
