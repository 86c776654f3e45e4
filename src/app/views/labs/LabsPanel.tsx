/**
 * The Labs drawer: the course (14 labs, level and title; a seed; Start lab; the Sandbox), the
 * running lab (story, steps, timed events, goals checked live against the cluster, hints one at
 * a time, Check my work, Share), and the lab builder. Everything shown comes from the worker's
 * replies (labs-client.ts) and is rendered as text.
 */
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { loadSeed, saveSeed } from '../../labs/autosave.ts';
import { checkMyWork, labsStore, loadCatalog, revealHint, setLabsOpen, setLabsTab, share, startLab, startSandbox, type LabsUi } from '../../labs/labs-client.ts';
import type { LabState } from '../../labs/lab-protocol.ts';
import { LabBuilder } from './LabBuilder.tsx';
import { useScrollIntoView } from './scroll.ts';

export default function LabsPanel() {
  const tab = useStore(labsStore, (s) => s.tab);
  const error = useStore(labsStore, (s) => s.error);
  const notice = useStore(labsStore, (s) => s.notice);
  const busy = useStore(labsStore, (s) => s.busy);
  const mode = useStore(labsStore, (s) => s.state?.mode);
  useEffect(() => {
    void loadCatalog();
  }, []);
  const tabs: [LabsUi['tab'], string][] = [
    ['course', 'Course'],
    ['lab', mode === 'sandbox' ? 'Sandbox' : 'Lab'],
    ['builder', 'Builder'],
  ];
  return (
    <section id="labs-drawer" className="labs-drawer" aria-label="Labs" aria-busy={busy !== undefined}>
      <header className="labs-head">
        <h2 className="labs-title">Labs</h2>
        <div className="labs-tabs" role="tablist" aria-label="Labs sections">
          {tabs.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className="labs-tab" onClick={() => setLabsTab(id)}>
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
        {tab === 'builder' && <LabBuilder />}
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
    </div>
  );
}

function Running() {
  const state = useStore(labsStore, (s) => s.state);
  if (state === undefined || state.mode === 'none') return <p className="labs-help">No lab is running. Pick one in the Course tab, or start the Sandbox.</p>;
  if (state.mode === 'sandbox')
    return (
      <p className="labs-help">
        Sandbox: the default cluster, no goals. Use the terminal freely; the Builder tab turns what you set up into a lab.
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
