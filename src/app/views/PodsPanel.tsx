import { memo, useMemo, useRef } from 'react';
import type { PodView } from '../protocol.ts';
import { selectPods } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { ALL_NAMESPACES, openByDefault, selectNamespace, selectNamespaceOpen, SYSTEM_NAMESPACE } from '../state/ui.ts';
import { podGroupSummary, statusTone } from './format.ts';
import { useAppStore } from './use-app-store.ts';
import { useRowWindow } from './use-row-window.ts';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE', 'AGE'];
/** A row's height before it is measured (one line of the table's text). */
const ROW_ESTIMATE_PX = 29;

/** A namespace group of the table: its head row, then its pods' rows while open. Without groups (one namespace shown) there is one, headless. */
interface Group {
  namespace: string;
  pods: PodView[];
  open: boolean;
  head: boolean;
}

/** One drawn row: a group's head, or a pod. */
type Item = { kind: 'group'; group: Group } | { kind: 'pod'; pod: PodView };

/**
 * The pods of the cluster as `kubectl get pods -A` lists them, filtered by namespace. Under All
 * namespaces they are grouped by namespace, the student's own first, each group headed by a row
 * that sums it up and folds it; kube-system starts folded, so a dozen system pods do not push the
 * interesting ones out of sight. A long list is windowed (use-row-window.ts): only the rows near
 * the visible part are drawn, since every view changes the AGE of hundreds of them.
 */
export function PodsPanel() {
  const pods = useAppStore(selectPods);
  const namespace = useAppStore(selectNamespace);
  const open = useAppStore(selectNamespaceOpen);
  // One subscription for the selection, not one per row.
  const selected = useAppStore((st) => (st.selected?.kind === 'Pod' ? st.selected : undefined));
  const namespaces = useMemo(() => [...new Set(pods.map((p) => p.namespace))].sort(), [pods]);
  const all = namespace === ALL_NAMESPACES;
  const shown = useMemo(() => (all ? pods : pods.filter((p) => p.namespace === namespace)), [all, pods, namespace]);
  const groups = all ? [...namespaces.filter((ns) => ns !== SYSTEM_NAMESPACE), ...namespaces.filter((ns) => ns === SYSTEM_NAMESPACE)] : [];
  const options = namespace !== ALL_NAMESPACES && !namespaces.includes(namespace) ? [...namespaces, namespace].sort() : namespaces;
  const tableGroups = useMemo(() => groupRows(shown, all, namespaces, open), [shown, all, namespaces, open]);
  const count = tableGroups.reduce((n, g) => n + (g.head ? 1 : 0) + (g.open ? g.pods.length : 0), 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const w = useRowWindow(scrollRef, count, ROW_ESTIMATE_PX);
  const windowed = w.before > 0 || w.after > 0;
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
      <div className="table-scroll" ref={scrollRef}>
        <table className="pods-table" aria-rowcount={windowed ? count + 1 : undefined}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          {w.before > 0 && <SpacerBody height={w.before} />}
          {segments(tableGroups, w.start, w.end).map((seg) => (
            <tbody key={seg.namespace} className={all ? 'pod-group' : undefined}>
              {seg.items.map((item, j) => {
                const rowIndex = windowed ? seg.start + j + 2 : undefined;
                return item.kind === 'group' ? (
                  <GroupRow key="head" namespace={item.group.namespace} pods={item.group.pods} open={item.group.open} rowIndex={rowIndex} />
                ) : (
                  <PodRow
                    key={`${item.pod.namespace}/${item.pod.name}`}
                    pod={item.pod}
                    rowIndex={rowIndex}
                    selected={selected !== undefined && selected.namespace === item.pod.namespace && selected.name === item.pod.name}
                  />
                );
              })}
            </tbody>
          ))}
          {w.after > 0 && <SpacerBody height={w.after} />}
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

/** The table's groups in order: under All namespaces one per namespace (the student's first, kube-system last), else one without a head row. */
function groupRows(shown: PodView[], all: boolean, namespaces: readonly string[], open: Readonly<Record<string, boolean>>): Group[] {
  if (!all) return [{ namespace: '', pods: shown, open: true, head: false }];
  const byNs = new Map<string, PodView[]>(namespaces.map((ns) => [ns, []]));
  for (const p of shown) byNs.get(p.namespace)?.push(p);
  const order = [...namespaces.filter((ns) => ns !== SYSTEM_NAMESPACE), ...namespaces.filter((ns) => ns === SYSTEM_NAMESPACE)];
  return order.map((ns) => ({ namespace: ns, pods: byNs.get(ns) ?? [], open: open[ns] ?? openByDefault(ns), head: true }));
}

/** The rows [start, end) of the table, one tbody's worth per group they fall in (`start`: the first one's row index). */
function segments(groups: readonly Group[], start: number, end: number): { namespace: string; start: number; items: Item[] }[] {
  const out: { namespace: string; start: number; items: Item[] }[] = [];
  let row = 0;
  for (const group of groups) {
    const rows = (group.head ? 1 : 0) + (group.open ? group.pods.length : 0);
    const from = Math.max(start, row);
    const to = Math.min(end, row + rows);
    if (from < to) {
      const items: Item[] = [];
      for (let i = from; i < to; i++) {
        const k = i - row - (group.head ? 1 : 0);
        items.push(k < 0 ? { kind: 'group', group } : { kind: 'pod', pod: group.pods[k] });
      }
      out.push({ namespace: group.namespace, start: from, items });
    }
    row += rows;
  }
  return out;
}

/** Stands for rows not drawn (above or below the visible part of a windowed table). */
function SpacerBody({ height }: { height: number }) {
  return (
    <tbody aria-hidden="true">
      <tr className="row-spacer" style={{ height }}>
        <td colSpan={COLUMNS.length} />
      </tr>
    </tbody>
  );
}

/** A namespace's head row: how its pods are doing; it folds and unfolds them. */
const GroupRow = memo(function GroupRow({ namespace, pods, open, rowIndex }: { namespace: string; pods: PodView[]; open: boolean; rowIndex: number | undefined }) {
  const summary = podGroupSummary(pods.map((p) => p.status));
  return (
    <tr className="pod-group-row" aria-rowindex={rowIndex}>
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
  );
});

const PodRow = memo(function PodRow({ pod: p, selected, rowIndex }: { pod: PodView; selected: boolean; rowIndex: number | undefined }) {
  const inspect = () => appStore.getState().select({ kind: 'Pod', namespace: p.namespace, name: p.name });
  return (
    <tr
      data-namespace={p.namespace}
      aria-rowindex={rowIndex}
      className={selected ? 'is-selected' : undefined}
      aria-selected={selected}
      onClick={inspect}
    >
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
