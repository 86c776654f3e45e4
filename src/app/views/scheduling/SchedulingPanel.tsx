import { useEffect, useMemo, useRef, useState } from 'react';
import { decision as fetchDecision } from '../../bridge.ts';
import type { DecisionReply, DecisionView, ObjectRef } from '../../protocol.ts';
import { appStore, type AppState } from '../../state/store.ts';
import { selectSelected } from '../../state/ui.ts';
import { clockElapsed, clockIso } from '../format.ts';
import { useAppStore } from '../use-app-store.ts';
import { DecisionMatrix } from './DecisionMatrix.tsx';
import { FLY_MS } from './ReplayMarks.tsx';
import { replayFrame, replaySteps, type ReplayStep } from './replay.ts';

/**
 * What the selected pod looks like to the scheduler now: its status and node, and the attempts
 * the tray counted. The decision is fetched again when this changes (never on every view).
 */
function selectPodSignature(s: AppState): string {
  const sel = s.selected;
  if (!sel || sel.kind !== 'Pod') return '';
  const pod = s.view?.pods.find((p) => p.name === sel.name && p.namespace === sel.namespace);
  const pending = s.view?.pending?.find((p) => p.name === sel.name && p.namespace === sel.namespace);
  return `${pod ? `${pod.status}|${pod.node}` : 'gone'}|${pending ? `${pending.attempts}|${pending.message}` : ''}|${s.view?.history?.past ? s.view.now : ''}`;
}

/**
 * The Scheduling tab: the selected pod's latest scheduling decision as a node × plugin matrix,
 * FailedScheduling verbatim beside plain words, preemption, and a replay of the cycle on the map.
 */
export function SchedulingPanel() {
  const selected = useAppStore(selectSelected);
  const signature = useAppStore(selectPodSignature);
  const pod = selected?.kind === 'Pod' ? selected : undefined;
  const reply = useDecision(pod, signature);
  const d = reply?.decision;
  return (
    <section className="sched" aria-label="Scheduling decision">
      {!pod ? (
        <p className="empty">Select a pod on the map, in the Pods table or in the pending tray to see how the scheduler placed it.</p>
      ) : !reply ? (
        <p className="empty">Reading the scheduler’s decision for {pod.name}…</p>
      ) : !d ? (
        <p className="empty sched-note">{reply.note}</p>
      ) : (
        <Decision d={d} key={`${d.pod}#${d.seq}`} />
      )}
    </section>
  );
}

/** The decision for `pod`, fetched again whenever `signature` changes; undefined while it loads. */
function useDecision(pod: ObjectRef | undefined, signature: string): DecisionReply | undefined {
  const [state, setState] = useState<{ key: string; reply: DecisionReply } | undefined>(undefined);
  const key = pod ? `${pod.namespace}/${pod.name}` : '';
  useEffect(() => {
    if (!pod) return;
    let live = true;
    fetchDecision(pod.namespace, pod.name).then(
      (reply) => live && setState({ key: `${pod.namespace}/${pod.name}`, reply }),
      (e: unknown) => live && setState({ key: `${pod.namespace}/${pod.name}`, reply: { note: `could not read the decision: ${e instanceof Error ? e.message : String(e)}` } }),
    );
    return () => {
      live = false;
    };
    // The signature stands for the pod's state: a new one means the decision may have changed.
  }, [key, signature]);
  return state && state.key === key ? state.reply : undefined;
}

function Decision({ d }: { d: DecisionView }) {
  const bound = d.selected && !d.message;
  const feasible = d.rows.filter((r) => r.status === 'selected' || r.status === 'feasible').length;
  const evaluated = d.rows.filter((r) => r.order >= 0).length;
  return (
    <div className="sched-body">
      <div className="sched-head">
        <h3 className="sched-title">
          <span className="sched-kind">Pod</span> {d.pod.slice(d.pod.indexOf('/') + 1)}
          <span className="sched-sub" title={`scheduling attempt #${d.seq} by profile ${d.profile}`}>
            attempt #{d.seq} at <time dateTime={clockIso(d.at)}>{clockElapsed(d.at)}</time>
            {d.profile !== 'default-scheduler' ? ` · ${d.profile}` : ''}
          </span>
        </h3>
        <p className={`sched-result ${bound ? 'is-bound' : 'is-failed'}`}>
          {bound ? (
            <>
              Bound to <strong>{d.selected}</strong>
              {d.podNode && d.podNode !== d.selected ? ` (it now runs on ${d.podNode})` : ''}
            </>
          ) : d.selected ? (
            <>Binding to {d.selected} failed</>
          ) : (
            <>Not scheduled</>
          )}
        </p>
        <ReplayControls d={d} />
      </div>

      {d.message !== undefined && (
        <div className="sched-why">
          <p className="sched-verbatim">
            <span className="sched-label">kube-scheduler says (FailedScheduling)</span>
            <code>{d.message}</code>
          </p>
          <p className="sched-plain">
            <span className="sched-label">In plain words</span>
            {d.plain}
          </p>
        </div>
      )}

      {d.postFilter && (
        <p className="sched-preempt">
          <span className="sched-label">Preemption (PostFilter)</span>
          {d.postFilter.nominatedNode ? (
            <>
              nominated <strong>{d.postFilter.nominatedNode}</strong>; evicting {d.postFilter.victims.length > 0 ? d.postFilter.victims.join(', ') : 'no pods'} to make room. The pod is scheduled there once they are gone.
            </>
          ) : (
            <>did not help: {d.postFilter.message.replace(/^preemption: /, '') || 'no node where evicting lower-priority pods makes room'}</>
          )}
        </p>
      )}

      {d.preFilter ? (
        <p className="sched-prefilter">
          <span className="sched-label">PreFilter</span>
          <strong>{d.preFilter.plugin}</strong> rejected the pod before any node was looked at: <code>{d.preFilter.reasons.join(', ')}</code>
        </p>
      ) : (
        <>
          <p className="sched-summary">
            {d.nominatedNode
              ? `The nominated node ${d.nominatedNode} was tried first and passed, so no other node was filtered.`
              : `Filters: ${evaluated} of ${d.numAllNodes} nodes examined, ${feasible} feasible`}
            {!d.nominatedNode && d.notEvaluated > 0 ? `; ${d.notEvaluated} not evaluated (percentageOfNodesToScore: ${d.numNodesToFind} feasible nodes were enough).` : !d.nominatedNode ? '.' : ''}
            {d.preFilterNodes ? ` PreFilter narrowed the candidates to ${d.preFilterNodes.length}.` : ''}
            {d.tiedTop > 1 ? ` ${d.tiedTop} nodes tied at ${d.topTotal}; ${d.selected} was picked at random (seeded), as kube-scheduler does.` : ''}
          </p>
          {d.rows.length > 0 && <DecisionMatrix decision={d} />}
          {d.rejectedGroups.length > 0 && (
            <ul className="sched-groups" aria-label="Rejections">
              {d.rejectedGroups.map((g) => (
                <li key={`${g.plugin}|${g.reason}`}>
                  <strong>{g.plugin}</strong> rejected {g.count}: <code>{g.reason}</code> <span className="sched-groups-plain">— {g.plain}</span>
                </li>
              ))}
            </ul>
          )}
          {(d.skippedFilters.length > 0 || d.skippedScores.length > 0) && (
            <p className="sched-skipped">
              {d.skippedFilters.length > 0 && <>Filters skipped for this pod (PreFilter said Skip): {d.skippedFilters.join(', ')}. </>}
              {d.skippedScores.length > 0 && <>Not scoring this pod: {d.skippedScores.join(', ')}.</>}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** Real ms each kind of step stays before the replay moves on. */
const STEP_MS: Record<ReplayStep['kind'], number> = { start: 900, filter: 1100, feasible: 900, score: 1000, select: 1200, bind: FLY_MS + 600, fail: 1600, preempt: 1600 };

/** Replay, step back/forward, a step slider and Stop: the map follows the step shown. */
function ReplayControls({ d }: { d: DecisionView }) {
  const steps = useMemo(() => replaySteps(d), [d]);
  const [at, setAt] = useState<number | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const owns = useRef(false);

  useEffect(() => {
    if (at === undefined) {
      if (owns.current) appStore.getState().setReplay(undefined);
      owns.current = false;
      return;
    }
    owns.current = true;
    appStore.getState().setReplay(replayFrame(d.pod, steps, at));
  }, [at, d.pod, steps]);

  useEffect(() => {
    if (!playing || at === undefined) return;
    if (at >= steps.length - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setAt(at + 1), STEP_MS[steps[at].kind]);
    return () => clearTimeout(t);
  }, [playing, at, steps]);

  // Leaving (another pod, another tab) takes the replay off the map.
  useEffect(
    () => () => {
      if (owns.current) appStore.getState().setReplay(undefined);
    },
    [],
  );

  const go = (i: number) => {
    setPlaying(false);
    setAt(Math.max(0, Math.min(steps.length - 1, i)));
  };
  return (
    <div className="sched-replay" role="group" aria-label="Replay on the map">
      <button
        type="button"
        className="btn btn-primary btn-small"
        onClick={() => {
          setAt(0);
          setPlaying(true);
        }}
        title="Replay this scheduling cycle on the cluster map"
      >
        Replay
      </button>
      {at !== undefined && (
        <>
          <button type="button" className="btn btn-small btn-icon" aria-label="Previous step" disabled={at === 0} onClick={() => go(at - 1)}>
            ◀
          </button>
          <input
            type="range"
            className="sched-scrub"
            aria-label="Replay step"
            min={0}
            max={steps.length - 1}
            value={at}
            aria-valuetext={`Step ${at + 1} of ${steps.length}: ${steps[at].caption}`}
            onChange={(e) => go(Number(e.target.value))}
          />
          <button type="button" className="btn btn-small btn-icon" aria-label="Next step" disabled={at >= steps.length - 1} onClick={() => go(at + 1)}>
            ▶
          </button>
          <span className="sched-step">
            {at + 1}/{steps.length}
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setPlaying(false);
              setAt(undefined);
            }}
          >
            End replay
          </button>
        </>
      )}
    </div>
  );
}
