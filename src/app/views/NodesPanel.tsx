import { selectNodes } from '../state/cluster.ts';
import { NodeCard } from './NodeCard.tsx';
import { useAppStore } from './use-app-store.ts';

/** One card per node, in the API's order (by name). */
export function NodesPanel() {
  const nodes = useAppStore(selectNodes);
  const ready = nodes.filter((n) => n.ready).length;
  return (
    <section className="panel nodes-panel" aria-labelledby="nodes-title">
      <div className="panel-head">
        <h2 id="nodes-title">Nodes</h2>
        <span className="panel-count">
          {ready}/{nodes.length} ready
        </span>
      </div>
      {nodes.length === 0 ? (
        <p className="empty">No nodes. Add one with <code>sim node add node-1</code>.</p>
      ) : (
        <div className="node-grid">
          {nodes.map((n) => (
            <NodeCard key={n.name} node={n} />
          ))}
        </div>
      )}
    </section>
  );
}
