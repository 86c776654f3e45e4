/**
 * The lab builder: a lab that starts where the live cluster is now (its start and the commands
 * since, as the setup), with a title, a story, goals (a form for the common checks, which adds
 * YAML to the goals text, and the YAML for the rest) and hints. "Test goals against the current
 * state" checks the goals on the live cluster; the lab exports as YAML (copy, download) or a link.
 * The form is a draft saved as it is typed (autosave.ts `podlab.lab-drafts`, the first draft is
 * the one shown); "New draft" starts another, and "Saved drafts" opens an earlier one.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { lab as labRequest } from '../../bridge.ts';
import { loadDrafts, saveDrafts } from '../../labs/autosave.ts';
import type { LabDraft } from '../../labs/lab-protocol.ts';
import type { GoalResult } from '../../../labs/types.ts';
import { useScrollIntoView } from './scroll.ts';

type GoalKind = 'deploymentAvailable' | 'pods' | 'serviceReadyEndpoints' | 'noPodOnNode' | 'exists' | 'absent';

const GOAL_FIELDS: Record<GoalKind, { label: string; fields: [string, string][] }> = {
  deploymentAvailable: { label: 'Deployment available', fields: [['name', 'Deployment'], ['replicas', 'Replicas'], ['image', 'Image (optional)']] },
  pods: { label: 'Pods by selector', fields: [['selector', 'Selector'], ['count', 'Count']] },
  serviceReadyEndpoints: { label: 'Service ready endpoints', fields: [['name', 'Service'], ['count', 'Count']] },
  noPodOnNode: { label: 'No pod on a node', fields: [['selector', 'Selector'], ['node', 'Node']] },
  exists: { label: 'Object exists', fields: [['resource', 'Resource'], ['name', 'Name']] },
  absent: { label: 'Object absent', fields: [['resource', 'Resource'], ['name', 'Name']] },
};

const NUMERIC = new Set(['replicas', 'count']);

/** One goal as YAML list text (values JSON-quoted, which YAML reads as they are). */
export function goalYaml(kind: GoalKind, values: Record<string, string>, n: number): string {
  const fields = GOAL_FIELDS[kind].fields.map(([k]) => k).filter((k) => (values[k] ?? '').trim() !== '');
  const parts = fields.map((k) => `${k}: ${NUMERIC.has(k) && /^\d+$/.test(values[k].trim()) ? values[k].trim() : JSON.stringify(values[k].trim())}`);
  const title = `${GOAL_FIELDS[kind].label}: ${fields.map((k) => values[k].trim()).join(', ')}`;
  return `- id: goal-${n}\n  title: ${JSON.stringify(title)}\n  check: {type: ${kind}${parts.length ? ', ' : ''}${parts.join(', ')}}\n`;
}

const lines = (t: string) => t.split('\n').map((s) => s.trim()).filter(Boolean);

const BLANK: LabDraft = { id: 'my-lab', title: 'My lab', level: 'beginner', intro: '', steps: [], hints: [], goalsYaml: '' };

export function LabBuilder() {
  const ids = useId();
  const [others, setOthers] = useState<LabDraft[]>(() => loadDrafts().drafts.slice(1));
  const [draft, setDraft] = useState<LabDraft>(() => loadDrafts().drafts[0] ?? BLANK);
  const [stepsText, setStepsText] = useState(() => draft.steps.join('\n'));
  const [hintsText, setHintsText] = useState(() => draft.hints.join('\n'));
  const [kind, setKind] = useState<GoalKind>('deploymentAvailable');
  const [values, setValues] = useState<Record<string, string>>({});
  const [results, setResults] = useState<GoalResult[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [yaml, setYaml] = useState<string | undefined>(undefined);
  const [link, setLink] = useState<string | undefined>(undefined);
  const resultsRef = useScrollIntoView<HTMLUListElement>(results);
  const full = (): LabDraft => ({ ...draft, steps: lines(stepsText), hints: lines(hintsText) });
  // Saved as it is typed (not on first render: opening the builder writes nothing).
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) {
      typed.current = true;
      return;
    }
    saveDrafts([{ ...draft, steps: lines(stepsText), hints: lines(hintsText) }, ...others]);
  }, [draft, stepsText, hintsText, others]);
  const open = (next: LabDraft, rest: LabDraft[]) => {
    setOthers(rest);
    setDraft(next);
    setStepsText(next.steps.join('\n'));
    setHintsText(next.hints.join('\n'));
    setResults(undefined);
    setYaml(undefined);
    setLink(undefined);
    setError(undefined);
  };
  const field = (k: keyof LabDraft, label: string, multiline = false) => (
    <label className="lb-field">
      {label}
      {multiline ? (
        <textarea rows={3} value={String(draft[k])} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
      ) : (
        <input value={String(draft[k])} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
      )}
    </label>
  );
  const test = async () => {
    setError(undefined);
    const r = await labRequest({ kind: 'testGoals', goalsYaml: draft.goalsYaml });
    if (r.kind === 'goals') setResults(r.goals);
    else if (r.kind === 'error') {
      setResults(undefined);
      setError(r.message);
    }
  };
  const build = async (): Promise<{ yaml: string; link: string } | undefined> => {
    setError(undefined);
    const r = await labRequest({ kind: 'build', draft: full() });
    if (r.kind === 'built') return r;
    if (r.kind === 'error') setError(r.message);
    return undefined;
  };
  const exportYaml = async () => {
    const b = await build();
    if (!b) return;
    setYaml(b.yaml);
    await navigator.clipboard?.writeText(b.yaml).catch(() => undefined);
  };
  const exportLink = async () => {
    const b = await build();
    if (!b) return;
    const url = `${location.origin}${location.pathname}#lab=${b.link}`;
    setLink(url);
    await navigator.clipboard?.writeText(url).catch(() => undefined);
  };
  const download = () => {
    if (yaml === undefined) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    a.download = `${draft.id || 'lab'}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <section className="lab-builder" aria-label="Lab builder">
      <p className="labs-help">
        The lab starts where the cluster is now: its start and every command since become the lab&apos;s setup (a running lab&apos;s timed events are not carried over). Write the
        reference solution into the exported YAML.
      </p>
      <div className="lb-drafts">
        <button type="button" className="btn btn-small" onClick={() => open({ ...BLANK, id: `my-lab-${others.length + 2}` }, [full(), ...others])}>
          New draft
        </button>
        {others.length > 0 && (
          <label className="lb-field">
            Saved drafts
            <select
              value=""
              onChange={(e) => {
                const i = Number(e.target.value);
                if (!Number.isInteger(i) || others[i] === undefined) return;
                open(others[i], [full(), ...others.filter((_, k) => k !== i)]);
              }}
            >
              <option value="">Open a saved draft…</option>
              {others.map((d, i) => (
                <option key={i} value={i}>
                  {d.id} — {d.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="lb-row">
        {field('id', 'Id')}
        {field('title', 'Title')}
        <label className="lb-field">
          Level
          <select value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value as LabDraft['level'] })}>
            <option value="beginner">beginner</option>
            <option value="intermediate">intermediate</option>
            <option value="advanced">advanced</option>
          </select>
        </label>
      </div>
      {field('intro', 'Story', true)}
      <label className="lb-field">
        Steps (one per line)
        <textarea rows={3} value={stepsText} onChange={(e) => setStepsText(e.target.value)} />
      </label>
      <fieldset className="lb-goal-form">
        <legend>Add a goal</legend>
        <label className="lb-field">
          Check
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as GoalKind);
              setValues({});
            }}
          >
            {(Object.keys(GOAL_FIELDS) as GoalKind[]).map((k) => (
              <option key={k} value={k}>
                {GOAL_FIELDS[k].label}
              </option>
            ))}
          </select>
        </label>
        {GOAL_FIELDS[kind].fields.map(([k, label]) => (
          <label key={k} className="lb-field">
            {label}
            <input value={values[k] ?? ''} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
          </label>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            const n = (draft.goalsYaml.match(/^- /gm)?.length ?? 0) + 1;
            setDraft({ ...draft, goalsYaml: `${draft.goalsYaml}${draft.goalsYaml === '' || draft.goalsYaml.endsWith('\n') ? '' : '\n'}${goalYaml(kind, values, n)}` });
          }}
        >
          Add goal
        </button>
      </fieldset>
      <label className="lb-field" htmlFor={`${ids}-goals`}>
        Goals (YAML: a list of id, title, check)
      </label>
      <textarea id={`${ids}-goals`} className="lb-yaml" rows={6} spellCheck={false} value={draft.goalsYaml} onChange={(e) => setDraft({ ...draft, goalsYaml: e.target.value })} />
      <label className="lb-field">
        Hints (one per line)
        <textarea rows={2} value={hintsText} onChange={(e) => setHintsText(e.target.value)} />
      </label>
      <div className="labs-actions">
        <button type="button" className="btn" onClick={() => void test()}>
          Test goals against the current state
        </button>
        <button type="button" className="btn" onClick={() => void exportYaml()}>
          Export YAML
        </button>
        <button type="button" className="btn" onClick={() => void exportLink()}>
          Export link
        </button>
      </div>
      {error !== undefined && (
        <pre className="labs-error" role="alert">
          {error}
        </pre>
      )}
      {results !== undefined && (
        <ul ref={resultsRef} className="labs-goals" aria-label="Goal test">
          {results.map((g) => (
            <li key={g.id} className={g.pass ? 'is-pass' : 'is-fail'} data-pass={g.pass}>
              <span className="labs-mark">{g.pass ? '✓' : '✗'}</span>
              <span>
                <span className="labs-goal-title">{g.title}</span>
                <span className="labs-reason">{g.reason}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {yaml !== undefined && (
        <div className="lb-export">
          <textarea className="lb-yaml" readOnly rows={8} value={yaml} aria-label="Lab YAML" />
          <button type="button" className="btn btn-small" onClick={download}>
            Download YAML
          </button>
        </div>
      )}
      {link !== undefined && (
        <label className="labs-link">
          Lab link
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </section>
  );
}
