import { memo, useMemo, useState } from 'react';
import type { ObjectRef } from '../protocol.ts';
import type { PodView } from '../protocol.ts';
import { selectPods } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { ALL_NAMESPACES, openByDefault, selectNamespace, selectNamespaceOpen, SYSTEM_NAMESPACE } from '../state/ui.ts';
import { podGroupSummary, statusTone } from './format.ts';
import { useAppStore } from './use-app-store.ts';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE', 'AGE'];
/**
 * Rows drawn per list before a "Show more" row: a table of thousands of rows whose AGE cells
 * change every tick would re-lay out the page on every view (the map shows every pod anyway).
 */
export const ROW_LIMIT = 100;

/**
 * The pods of the cluster as `kubectl get pods -A` lists them, filtered by namespace. Under All
 * namespaces they are grouped by namespace, the student's own first, each group headed by a row
 * that sums it up and folds it; kube-system starts folded, so a dozen system pods do not push the
 * interesting ones out of sight.
 */
export function PodsPanel() {
  const pods = useAppStore(selectPods);
  const namespace = useAppStore(selectNamespace);
  const open = useAppStore(selectNamespaceOpen);
  // One subscription for the selection, not one per row.
  const selected = useAppStore((st) => (st.selected?.kind === 'Pod' ? st.selected : undefined));
  const namespaces = useMemo(() => [...new Set(pods.map((p) => p.namespace))].sort(), [pods]);
  const all = namespace === ALL_NAMESPACES;
  const shown = all ? pods : pods.filter((p) => p.namespace === namespace);
  const groups = all ? [...namespaces.filter((ns) => ns !== SYSTEM_NAMESPACE), ...namespaces.filter((ns) => ns === SYSTEM_NAMESPACE)] : [];
  const options = namespace !== ALL_NAMESPACES && !namespaces.includes(namespace) ? [...namespaces, namespace].sort() : namespaces;
  return (
    <section className="panel pods-panel" aria-labelledby="pods-title">
      <div className="panel-head">
        <h2 id="pods-title">Pods</h2>
        <span className="panel-count">{shown.length}</span>
        <label className="ns-filter">
          <span>Namespace</span>
          <select value={namespace} onChange={(e) => appStore.getState().setNamespace(e.target.value)}>
            <option value={ALL_NAMESPACES}>All namespaces</option>
            {options.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-scroll">
        <table className="pods-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {all ? (
            groups.map((ns) => (
              <NamespaceGroup key={ns} namespace={ns} pods={shown.filter((p) => p.namespace === ns)} open={open[ns] ?? openByDefault(ns)} selected={selected} />
            ))
          ) : (
            <tbody>
              <Rows pods={shown} selected={selected} />
            </tbody>
          )}
        </table>
        {shown.length === 0 && (
          <p className="empty">
            {pods.length === 0 ? 'No pods yet. Create some with a scenario script or kubectl.' : `No pods in namespace ${namespace}.`}
          </p>
        )}
        {all && groups.length > 0 && groups.every((ns) => ns === SYSTEM_NAMESPACE) && (
          <p className="empty">Only the control plane's own pods so far. Create some with a scenario script or kubectl.</p>
        )}
      </div>
    </section>
  );
}

/** A namespace's pods under one row saying how they are doing; the row folds and unfolds them. */
function NamespaceGroup({ namespace, pods, open, selected }: { namespace: string; pods: PodView[]; open: boolean; selected: ObjectRef | undefined }) {
  const summary = podGroupSummary(pods.map((p) => p.status));
  return (
    <tbody className="pod-group">
      <tr className="pod-group-row">
        <th scope="rowgroup" colSpan={COLUMNS.length}>
          <button type="button" className="pod-group-toggle" aria-expanded={open} onClick={() => appStore.getState().setNamespaceOpen(namespace, !open)}>
            <span className="pod-group-caret" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <span className="pod-group-name">{namespace}</span>
            <span className={`pod-group-summary tone-${summary.tone}`}>{summary.text}</span>
          </button>
        </th>
      </tr>
      {open && <Rows pods={pods} selected={selected} />}
    </tbody>
  );
}

/** The first rows of a list, then a row offering the rest a hundred at a time. */
function Rows({ pods, selected }: { pods: PodView[]; selected: ObjectRef | undefined }) {
  const [limit, setLimit] = useState(ROW_LIMIT);
  const hidden = pods.length - limit;
  return (
    <>
      {pods.slice(0, limit).map((p) => (
        <PodRow key={`${p.namespace}/${p.name}`} pod={p} selected={selected !== undefined && selected.namespace === p.namespace && selected.name === p.name} />
      ))}
      {hidden > 0 && (
        <tr className="pod-more-row">
          <td colSpan={COLUMNS.length}>
            <button type="button" className="link-button" onClick={() => setLimit(limit + ROW_LIMIT)}>
              Show {Math.min(hidden, ROW_LIMIT)} more of {hidden} not shown
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

const PodRow = memo(function PodRow({ pod: p, selected }: { pod: PodView; selected: boolean }) {
  const inspect = () => appStore.getState().select({ kind: 'Pod', namespace: p.namespace, name: p.name });
  return (
    <tr data-namespace={p.namespace} className={selected ? 'is-selected' : undefined} aria-selected={selected} onClick={inspect}>
      <td className="pod-name">
        <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), inspect())}>
          {p.name}
        </button>
      </td>
      <td>{p.ready}</td>
      <td>
        <span className={`status tone-${statusTone(p.status)}`}>{p.status}</span>
      </td>
      <td>{p.restarts}</td>
      <td className={p.node ? '' : 'muted'}>{p.node || '<none>'}</td>
      <td>{p.age}</td>
    </tr>
  );
});
