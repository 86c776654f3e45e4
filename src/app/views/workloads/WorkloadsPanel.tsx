import { useEffect, useRef, useState } from 'react';
import { workloads } from '../../bridge.ts';
import { runVisible } from '../../presenter/run-visible.ts';
import type { ObjectRef, WorkloadsReport, WorkloadSummary } from '../../protocol.ts';
import { selectNow, selectTraceHash } from '../../state/cluster.ts';
import { selectSelected } from '../../state/ui.ts';
import { useAppStore } from '../use-app-store.ts';
import { ControllerFlow } from './ControllerFlow.tsx';
import { ReplicaHistory } from './ReplicaHistory.tsx';
import { RolloutLanes } from './RolloutLanes.tsx';

/** Real ms between two report requests at most: the charts need no more than a few frames a second. */
const REFRESH_MS = 200;

/**
 * The Workloads tab: for one Deployment, ReplicaSet or StatefulSet (the selected one, the owner of
 * a selected pod, or one picked here) its replica history, its rollout lanes (Deployments) and
 * the controllers' recent actions. The series are recorded in the worker over simulated time and
 * asked for here while the tab is open (one request in flight), never pushed with every view.
 */
export default function WorkloadsPanel() {
  const selected = useAppStore(selectSelected);
  const [picked, setPicked] = useState<ObjectRef | undefined>(undefined);
  const [shownSelection, setShownSelection] = useState(selected);
  // A new selection in the map, Pods table or events takes over from the picker.
  if (selected !== shownSelection) {
    setShownSelection(selected);
    if (selected && ['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod'].includes(selected.kind)) setPicked(selected);
  }
  const report = useReport(picked ?? workloadSelection(selected));
  const [busy, setBusy] = useState(false);

  const rollback = async (name: string, namespace: string, revision: number) => {
    setBusy(true);
    try {
      // Typed at the prompt, as a student would: shown on the terminal's screen, in history and on the timeline.
      runVisible(`kubectl rollout undo deployment/${name} --to-revision=${revision}${namespace === 'default' ? '' : ` -n ${namespace}`}`);
    } finally {
      setBusy(false);
    }
  };

  if (!report) return <p className="wl-empty">Loading workloads…</p>;
  const detail = report.detail;
  return (
    <section className="wl-panel" aria-label="Workloads">
      <div className="wl-toolbar">
        <label className="wl-picker">
          <span>Workload</span>
          <select
            value={detail ? key(detail) : ''}
            onChange={(e) => {
              const w = report.workloads.find((x) => key(x) === e.target.value);
              if (w) setPicked({ kind: w.kind, namespace: w.namespace, name: w.name });
            }}
          >
            {report.workloads.map((w) => (
              <option key={key(w)} value={key(w)}>
                {optionLabel(w)}
              </option>
            ))}
          </select>
        </label>
        {detail && (
          <span className="wl-summary">
            {detail.kind.toLowerCase()}/{detail.name}
            {detail.namespace !== 'default' && <span className="wl-ns"> in {detail.namespace}</span>}
          </span>
        )}
      </div>
      {detail ? (
        <div className="wl-grid">
          <ReplicaHistory detail={detail} now={report.now} />
          {detail.rollout && <RolloutLanes name={detail.name} rollout={detail.rollout} now={report.now} busy={busy} onRollback={(r) => void rollback(detail.name, detail.namespace, r)} />}
          <ControllerFlow flows={report.flows} />
        </div>
      ) : (
        <p className="wl-empty">No Deployment, ReplicaSet or StatefulSet yet. Try kubectl create deployment web --image=nginx --replicas=3.</p>
      )}
    </section>
  );
}

function key(w: { kind: string; namespace: string; name: string }): string {
  return `${w.kind}/${w.namespace}/${w.name}`;
}

function optionLabel(w: WorkloadSummary): string {
  const ns = w.namespace === 'default' ? '' : `${w.namespace}/`;
  return `${w.kind} ${ns}${w.name} · ${w.ready}/${w.desired}`;
}

/** The UI selection when it names a workload or a pod (whose owner is charted). */
function workloadSelection(ref: ObjectRef | undefined): ObjectRef | undefined {
  return ref && ['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod'].includes(ref.kind) ? ref : undefined;
}

/**
 * The worker's report for `select`, asked again whenever the cluster's trace or clock moved
 * (at most every REFRESH_MS, one request in flight).
 */
function useReport(select: ObjectRef | undefined): WorkloadsReport | undefined {
  const traceHash = useAppStore(selectTraceHash);
  const now = useAppStore(selectNow);
  const [report, setReport] = useState<WorkloadsReport | undefined>(undefined);
  const poll = useRef({ mounted: false, inFlight: false, again: false, lastAt: -Infinity, select, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  poll.current.select = select;
  const selectKey = select ? key(select) : '';

  useEffect(() => {
    const p = poll.current;
    p.mounted = true;
    return () => {
      p.mounted = false;
      if (p.timer !== undefined) clearTimeout(p.timer);
    };
  }, []);

  useEffect(() => {
    const p = poll.current;
    const ask = (): void => {
      p.timer = undefined;
      p.inFlight = true;
      p.lastAt = performance.now();
      workloads(p.select)
        .then((r) => {
          if (p.mounted) setReport(r);
        })
        .catch(() => undefined)
        .finally(() => {
          p.inFlight = false;
          if (p.mounted && p.again) {
            p.again = false;
            request();
          }
        });
    };
    const request = (): void => {
      if (p.timer !== undefined) return;
      if (p.inFlight) {
        p.again = true;
        return;
      }
      const wait = REFRESH_MS - (performance.now() - p.lastAt);
      if (wait <= 0) ask();
      else p.timer = setTimeout(ask, wait);
    };
    request();
  }, [traceHash, now, selectKey]);
  return report;
}

