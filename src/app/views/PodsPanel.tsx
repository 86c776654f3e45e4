import { useMemo } from 'react';
import { selectPods } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { ALL_NAMESPACES, selectNamespace } from '../state/ui.ts';
import { statusTone } from './format.ts';
import { useAppStore } from './use-app-store.ts';

/** The pods of the cluster as `kubectl get pods -A` lists them, filtered by namespace. */
export function PodsPanel() {
  const pods = useAppStore(selectPods);
  const namespace = useAppStore(selectNamespace);
  const namespaces = useMemo(() => [...new Set(pods.map((p) => p.namespace))].sort(), [pods]);
  const shown = namespace === ALL_NAMESPACES ? pods : pods.filter((p) => p.namespace === namespace);
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
              <th scope="col">NAMESPACE</th>
              <th scope="col">NAME</th>
              <th scope="col">READY</th>
              <th scope="col">STATUS</th>
              <th scope="col">RESTARTS</th>
              <th scope="col">NODE</th>
              <th scope="col">AGE</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={`${p.namespace}/${p.name}`}>
                <td className="muted">{p.namespace}</td>
                <td className="pod-name">{p.name}</td>
                <td>{p.ready}</td>
                <td>
                  <span className={`status tone-${statusTone(p.status)}`}>{p.status}</span>
                </td>
                <td>{p.restarts}</td>
                <td className={p.node ? '' : 'muted'}>{p.node || '<none>'}</td>
                <td>{p.age}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="empty">
            {pods.length === 0 ? 'No pods yet. Create some with a scenario script or kubectl.' : `No pods in namespace ${namespace}.`}
          </p>
        )}
      </div>
    </section>
  );
}
