import type { PendingPodView } from '../protocol.ts';
import { appStore, type AppState } from '../state/store.ts';
import { selectSelected } from '../state/ui.ts';
import { sameRef } from './inspect.ts';
import { useAppStore } from './use-app-store.ts';

const NO_PENDING: PendingPodView[] = [];
export const selectPending = (s: AppState): PendingPodView[] => s.view?.pending ?? NO_PENDING;
export const selectPendingTotal = (s: AppState): number => s.view?.pendingTotal ?? s.view?.pending?.length ?? 0;

/**
 * Every pod waiting for a node, with kube-scheduler's own message (its newest FailedScheduling
 * event) beside the same reason in plain words. Clicking a pod inspects it.
 */
export function PendingTray() {
  const pending = useAppStore(selectPending);
  const total = useAppStore(selectPendingTotal);
  const selected = useAppStore(selectSelected);
  return (
    <section className="pending-tray" aria-label="Pending tray">
      {pending.length === 0 ? (
        <p className="empty">No pods are waiting for a node: the scheduler has placed every pod.</p>
      ) : (
        <ul className="pending-list">
          {pending.map((p) => (
            <PendingItem key={`${p.namespace}/${p.name}`} pod={p} selected={sameRef(selected, { kind: 'Pod', namespace: p.namespace, name: p.name })} />
          ))}
        </ul>
      )}
      {total > pending.length && (
        <p className="pending-more">
          …and {total - pending.length} more pending pods. <code>kubectl get pods -A --field-selector=spec.nodeName=,status.phase=Pending</code> lists them all.
        </p>
      )}
    </section>
  );
}

function PendingItem({ pod: p, selected }: { pod: PendingPodView; selected: boolean }) {
  return (
    <li className={`pending-item${selected ? ' is-selected' : ''}`} aria-label={p.name}>
      <div className="pending-head">
        <button
          type="button"
          className="link-button pending-name"
          aria-pressed={selected}
          onClick={() => appStore.getState().select({ kind: 'Pod', namespace: p.namespace, name: p.name })}
        >
          {p.name}
        </button>
        <span className="pending-ns">{p.namespace}</span>
        <span className="status tone-wait">Pending</span>
        {p.reason !== '' && <span className="pending-reason">{p.reason}</span>}
        {p.attempts > 0 && (
          <span className="pending-attempts">
            {p.attempts} {p.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
        )}
      </div>
      <div className="pending-why">
        <p className="pending-plain">
          <span className="pending-label">In plain words</span>
          {p.plain}
        </p>
        {p.message !== '' && (
          <p className="pending-verbatim">
            <span className="pending-label">kube-scheduler says</span>
            <code>{p.message}</code>
          </p>
        )}
      </div>
    </li>
  );
}
