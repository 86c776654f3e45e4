import { useEffect, useRef, useState } from 'react';
import { exec } from '../bridge.ts';
import type { ObjectRef } from '../protocol.ts';
import { selectNow, selectTraceHash } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { selectSelected } from '../state/ui.ts';
import { inspectorLines, ownerChain, sameRef } from './inspect.ts';
import { rovingTabProps } from './tabs.ts';
import { useAppStore } from './use-app-store.ts';

type Tab = 'yaml' | 'describe' | 'owners' | 'events';
const TABS: { id: Tab; label: string }[] = [
  { id: 'yaml', label: 'YAML' },
  { id: 'describe', label: 'Describe' },
  { id: 'owners', label: 'Owner chain' },
  { id: 'events', label: 'Related events' },
];
const TAB_IDS = TABS.map((t) => t.id);

/** Real ms between refreshes of what the inspector shows while the cluster changes. */
const REFRESH_MS = 1000;

/**
 * The selected object, read through kubectl as a student would: its YAML (`kubectl get -o yaml`),
 * `kubectl describe`, its owner chain (Pod → ReplicaSet → Deployment, from ownerReferences) and
 * the events about it (`kubectl events --for`). It refreshes while the cluster changes.
 */
export function Inspector() {
  const selected = useAppStore(selectSelected);
  const [tab, setTab] = useState<Tab>('yaml');
  if (!selected) {
    return (
      <section className="inspector" aria-label="Inspector">
        <p className="empty">Click a pod in the Pods table, the pending tray or the events list to inspect it here.</p>
      </section>
    );
  }
  const title = `${selected.kind} ${selected.name}`;
  return (
    <section className="inspector" aria-label="Inspector">
      <div className="inspector-head">
        <h3 className="inspector-title">
          <span className="inspector-kind">{selected.kind}</span> {selected.name}
          {selected.namespace !== '' && <span className="inspector-ns"> in {selected.namespace}</span>}
        </h3>
        <div className="inspector-tabs" role="tablist" aria-label={`Inspect ${title}`}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`inspector-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="inspector-body"
              className="inspector-tab"
              onClick={() => setTab(t.id)}
              {...rovingTabProps(TAB_IDS, t.id, tab, setTab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-small" onClick={() => appStore.getState().select(undefined)}>
          Close
        </button>
      </div>
      <div className="inspector-body" id="inspector-body" role="tabpanel" aria-labelledby={`inspector-tab-${tab}`} tabIndex={0}>
        {tab === 'owners' ? <OwnerChain target={selected} /> : <KubectlOutput line={inspectorLines(selected)[tab]} />}
      </div>
    </section>
  );
}

/** A value that follows `value` at most once per `ms` of real time (the last change always lands). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastAt.current + ms - performance.now());
    const t = setTimeout(() => {
      lastAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}

/** Changes when the cluster does (its trace) or a simulated second passes (ages in describe). */
function useClusterVersion(): string {
  const trace = useAppStore(selectTraceHash);
  const now = useAppStore(selectNow) ?? 0;
  return useThrottled(`${trace}@${Math.floor(now / 1000)}`, REFRESH_MS);
}

interface Fetched<T> {
  key: string;
  value: T;
}

/** Runs `load` for `key` whenever the cluster changes; the last result for this key, or undefined while loading. */
function useLive<T>(key: string, load: () => Promise<T>): T | undefined {
  const version = useClusterVersion();
  const [got, setGot] = useState<Fetched<T>>();
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let live = true;
    loadRef.current().then((value) => live && setGot({ key, value }));
    return () => {
      live = false;
    };
  }, [key, version]);
  return got?.key === key ? got.value : undefined;
}

function KubectlOutput({ line }: { line: string }) {
  const result = useLive(line, () => exec(line));
  return (
    <>
      <p className="inspector-line">
        <code>$ {line}</code>
      </p>
      {result === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <pre className={`inspector-output${result.exitCode === 0 ? '' : ' is-failed'}`} data-exit-code={result.exitCode}>
          {result.output}
        </pre>
      )}
    </>
  );
}

function OwnerChain({ target }: { target: ObjectRef }) {
  const key = `${target.kind}/${target.namespace}/${target.name}`;
  const owners = useLive(key, () => ownerChain(target, exec));
  if (owners === undefined) return <p className="muted">Loading…</p>;
  if (owners.error !== undefined) return <pre className="inspector-output is-failed">{owners.error}</pre>;
  const { chain } = owners;
  return (
    <>
      <p className="inspector-line">
        From <code>metadata.ownerReferences</code>, each object's controller up to the one nobody owns.
      </p>
      <ol className="owner-chain" aria-label="Owner chain">
        {chain.map((ref, i) => (
          <li key={`${ref.kind}/${ref.name}`} className={`owner-link${sameRef(ref, target) ? ' is-current' : ''}`}>
            {i > 0 && (
              <span className="owner-arrow" aria-hidden="true">
                →
              </span>
            )}
            <button type="button" className="owner-node" aria-label={`${ref.kind} ${ref.name}`} onClick={() => appStore.getState().select(ref)} disabled={i === 0}>
              <span className="owner-kind">{ref.kind}</span>
              <span className="owner-name">{ref.name}</span>
            </button>
          </li>
        ))}
      </ol>
      {chain.length === 1 && <p className="muted">{target.kind} {target.name} has no owner: nothing recreates it if it is deleted.</p>}
    </>
  );
}
