import type { ControlPlaneComponentView } from '../../protocol.ts';
import { statusTone } from '../format.ts';

/** What each control-plane component does, in a few words (the strip's tooltips). */
const ROLE: Record<string, string> = {
  'kube-apiserver': 'serves the API every component talks to',
  etcd: 'stores every object',
  'kube-scheduler': 'picks a node for each new pod',
  'kube-controller-manager': 'runs the controllers that make desired state real',
  'cloud-controller-manager': 'talks to the cloud (load balancers); off until `sim cloud on`',
};

/** The control plane as one strip above the nodes: each component with its pod's status. */
export function ControlPlaneStrip({ components, compact = false }: { components: readonly ControlPlaneComponentView[]; compact?: boolean }) {
  if (compact) return <CompactStrip components={components} />;
  return (
    <ul className="cm-cp" aria-label="Control plane">
      <li className="cm-cp-title" aria-hidden="true">
        Control plane
      </li>
      {components.map((c) => {
        const tone = c.status === 'Off' ? 'done' : c.status === 'Missing' ? 'bad' : statusTone(c.status);
        return (
          <li key={c.name} className={`cm-cp-item tone-${tone}`} aria-label={`${c.name}, ${c.status}`} title={`${c.name}: ${ROLE[c.name] ?? ''}${c.node ? ` (on ${c.node})` : ''}`}>
            <span className="cm-cp-dot" aria-hidden="true" />
            <span className="cm-cp-name">{c.name}</span>
            {c.status !== 'Running' && <span className="cm-cp-status">{c.status}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Presenter mode's strip, one line at large type: a dot per component (its name in the dot's
 * accessible name and tooltip), names written out only for the ones not running.
 */
function CompactStrip({ components }: { components: readonly ControlPlaneComponentView[] }) {
  return (
    <ul className="cm-cp pcm-cp" aria-label="Control plane">
      <li className="cm-cp-title" aria-hidden="true">
        Control plane
      </li>
      {components.map((c) => {
        const tone = c.status === 'Off' ? 'done' : c.status === 'Missing' ? 'bad' : statusTone(c.status);
        const down = c.status !== 'Running' && c.status !== 'Off';
        return (
          <li key={c.name} className={`cm-cp-item pcm-cp-item tone-${tone}`} aria-label={`${c.name}, ${c.status}`} title={`${c.name}: ${c.status}. ${ROLE[c.name] ?? ''}`}>
            <span className="cm-cp-dot" aria-hidden="true" />
            {down && (
              <span className="pcm-cp-down" aria-hidden="true">
                {c.name} {c.status}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
