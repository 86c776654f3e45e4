import { useMemo } from 'react';
import type { PodView } from '../protocol.ts';
import { selectPods } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { ALL_NAMESPACES, openByDefault, selectNamespace, selectNamespaceOpen, SYSTEM_NAMESPACE } from '../state/ui.ts';
import { podGroupSummary, statusTone } from './format.ts';
import { useAppStore } from './use-app-store.ts';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE', 'AGE'];

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
              <NamespaceGroup key={ns} namespace={ns} pods={shown.filter((p) => p.namespace === ns)} open={open[ns] ?? openByDefault(ns)} />
            ))
          ) : (
            <tbody>
              {shown.map((p) => (
                <PodRow key={p.name} pod={p} />
              ))}
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
function NamespaceGroup({ namespace, pods, open }: { namespace: string; pods: PodView[]; open: boolean }) {
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
      {open && pods.map((p) => <PodRow key={p.name} pod={p} />)}
    </tbody>
  );
}

function PodRow({ pod: p }: { pod: PodView }) {
  return (
    <tr data-namespace={p.namespace}>
      <td className="pod-name">{p.name}</td>
      <td>{p.ready}</td>
      <td>
        <span className={`status tone-${statusTone(p.status)}`}>{p.status}</span>
      </td>
      <td>{p.restarts}</td>
      <td className={p.node ? '' : 'muted'}>{p.node || '<none>'}</td>
      <td>{p.age}</td>
    </tr>
  );
}
