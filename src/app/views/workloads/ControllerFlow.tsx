import { useEffect, useState } from 'react';
import type { FlowRecord } from '../../protocol.ts';
import { clockElapsed } from '../format.ts';
import { advanceCursor, backlog, FLOW_SPEEDS, FLOW_STAGE_NAMES, FLOW_STAGES, NO_CURSOR, stageIndex, stepMs, type FlowCursor } from './flow-player.ts';

/**
 * The controllers' loop, one recorded action at a time: a token travels watch event → controller
 * → API call → scheduler → kubelet, stopping on each stage the action really went through, with
 * who acted (as their Events name them), what they wrote and at which resourceVersion. Stages an
 * action did not reach stay dim. The Flow speed slider slows it down.
 */
export function ControllerFlow({ flows }: { flows: FlowRecord[] }) {
  const [cursor, setCursor] = useState<FlowCursor>(NO_CURSOR);
  const [speedIndex, setSpeedIndex] = useState(FLOW_SPEEDS.indexOf(1));
  const speed = FLOW_SPEEDS[speedIndex];
  const next = advanceCursor(flows, cursor);

  useEffect(() => {
    if (next === undefined) return;
    // The first action shows at once; each later move waits one pacing interval.
    const timer = setTimeout(() => setCursor(next), cursor.id === '' ? 0 : stepMs(speed));
    return () => clearTimeout(timer);
  }, [next?.id, next?.step, cursor.id, speed]);

  const record = flows.find((r) => r.id === cursor.id);
  const step = record?.steps[Math.min(cursor.step, record.steps.length - 1)];
  const reached = new Set(record?.steps.slice(0, cursor.step + 1).map((s) => s.stage));
  const visits = new Set(record?.steps.map((s) => s.stage));
  const at = step ? stageIndex(step.stage) : -1;
  const waiting = backlog(flows, cursor);
  return (
    <section className="wl-card wl-flow" aria-label="Controller flow">
      <header className="wl-card-head">
        <h3>Controller flow</h3>
        <label className="wl-speed">
          <span>Flow speed</span>
          <input
            type="range"
            min={0}
            max={FLOW_SPEEDS.length - 1}
            step={1}
            value={speedIndex}
            aria-label="Flow speed"
            aria-valuetext={`${speed}×`}
            onChange={(e) => setSpeedIndex(Number(e.target.value))}
          />
          <output>{speed}×</output>
        </label>
      </header>
      {record && step ? (
        <>
          <ol className="wl-stages" data-stage={step.stage} data-record={record.id}>
            {FLOW_STAGES.map((s, i) => (
              <li key={s} className={`wl-stage${visits.has(s) ? '' : ' is-skipped'}${reached.has(s) ? ' is-reached' : ''}${i === at ? ' is-here' : ''}`} aria-current={i === at ? 'step' : undefined}>
                <span className="wl-stage-name">{FLOW_STAGE_NAMES[s]}</span>
                <span className="wl-stage-actor">{record.steps.find((x) => x.stage === s)?.actor ?? '—'}</span>
              </li>
            ))}
            <li className="wl-token" aria-hidden="true" style={{ left: `${((at + 0.5) / FLOW_STAGES.length) * 100}%`, transitionDuration: `${Math.min(600, stepMs(speed) * 0.6)}ms` }} />
          </ol>
          <p className="wl-step" aria-live="polite">
            <strong>{step.actor}</strong> {step.text}
            <span className="wl-step-meta">
              {clockElapsed(step.at)} · rv {step.rv}
            </span>
          </p>
        </>
      ) : (
        <p className="wl-empty">No controller action recorded for this workload yet. Scale it, delete a pod or fail a node.</p>
      )}
      <ol className="wl-flow-log" aria-label="Recent controller actions">
        {flows
          .slice(-6)
          .reverse()
          .map((r) => (
            <li key={r.id} className={r.id === cursor.id ? 'is-shown' : undefined}>
              <button type="button" className="link-button" onClick={() => setCursor({ id: r.id, step: 0 })} title="Replay this action">
                <span className={`wl-action wl-action-${r.action}`}>{r.action}</span> {r.subject}
                <span className="wl-step-meta">{r.steps.map((s) => s.actor).filter((a, i, all) => all.indexOf(a) === i).join(' → ')}</span>
              </button>
            </li>
          ))}
        {waiting > 1 && <li className="wl-step-meta">{waiting} more waiting</li>}
      </ol>
    </section>
  );
}
