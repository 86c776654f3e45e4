import { useMemo } from 'react';
import type { WorkloadDetail } from '../../protocol.ts';
import { ChartAxes } from './ChartAxes.tsx';
import { useSize } from './use-size.ts';
import { rolloutChart } from './workload-charts.ts';

type Rollout = NonNullable<WorkloadDetail['rollout']>;

interface Props {
  name: string;
  rollout: Rollout;
  now: number;
  /** Runs `kubectl rollout undo … --to-revision=N` (through the terminal); resolves when done. */
  onRollback(revision: number): void;
  /** A rollback is running: the buttons wait. */
  busy: boolean;
}

/**
 * A Deployment's rollout lanes: each ReplicaSet's replicas (as the deployment controller set
 * them) stacked over time, old revisions below and the current one on top, between the maxSurge
 * ceiling (desired + maxSurge) and the maxUnavailable floor (desired − maxUnavailable, with the
 * available replicas drawn against it), both resolved as the controller's ResolveFenceposts does.
 * Under it the revision history, from the ReplicaSets' annotations, with one-click rollback.
 */
export function RolloutLanes({ name, rollout, now, onRollback, busy }: Props) {
  const [ref, size] = useSize<HTMLDivElement>();
  const chart = useMemo(() => (size.width > 0 ? rolloutChart(rollout.samples, rollout.currentRevision, now, size) : undefined), [rollout, now, size]);
  const latest = chart?.latest;
  const layers = chart?.layers ?? [];
  return (
    <section className="wl-card wl-rollout" aria-label="Rollout lanes">
      <header className="wl-card-head">
        <h3>Rollout lanes</h3>
        <span className="wl-legend">
          {rollout.strategy === 'RollingUpdate' ? (
            <>
              <span className="wl-key wl-key-ceiling" data-testid="surge-ceiling">
                maxSurge {rollout.maxSurge} → ceiling {latest?.ceiling ?? '–'}
              </span>
              <span className="wl-key wl-key-floor" data-testid="unavailable-floor">
                maxUnavailable {rollout.maxUnavailable} → floor {latest?.floor ?? '–'}
              </span>
            </>
          ) : (
            <span className="wl-key">Recreate</span>
          )}
          <span className="wl-key wl-key-available">available {latest?.available ?? 0}</span>
        </span>
      </header>
      <div className="wl-rollout-body">
        <div className="wl-chart" ref={ref}>
          {chart && (
            <svg
              width={size.width}
              height={size.height}
              role="img"
              aria-label={`deployment ${name}: ${layers.filter((l) => l.replicas > 0).length} ReplicaSets with replicas, ceiling ${latest?.ceiling ?? 0}, floor ${latest?.floor ?? 0}`}
              data-ceiling={latest?.ceiling}
              data-floor={latest?.floor}
              data-surge={latest?.surge}
              data-unavailable={latest?.unavailable}
              data-rolling-samples={chart.crossings.rolling}
              data-over-ceiling={chart.crossings.ceiling}
              data-under-floor={chart.crossings.floor}
            >
              <ChartAxes frame={chart.frame} />
              <path className="wl-band wl-band-ceiling" d={chart.ceilingBand} />
              {layers.map((l, i) => (
                <path
                  key={l.name}
                  className={`wl-layer ${l.current ? 'wl-layer-new' : 'wl-layer-old'}`}
                  style={l.current ? undefined : { opacity: 0.55 + (0.4 * (i + 1)) / Math.max(1, layers.length) }}
                  d={l.path}
                  data-replicaset={l.name}
                  data-revision={l.revision}
                >
                  <title>{`${l.name} (revision ${l.revision}${l.current ? ', current' : ''}): ${l.replicas} replicas`}</title>
                </path>
              ))}
              <path className="wl-band wl-band-floor" d={chart.floorBand} />
              <path className="wl-line wl-fence wl-fence-ceiling" d={chart.ceilingPath} />
              <path className="wl-line wl-fence wl-fence-floor" d={chart.floorPath} />
              <path className="wl-line wl-available" d={chart.availablePath} />
            </svg>
          )}
        </div>
        <div className="wl-rollout-side">
          <ul className="wl-sets" aria-label="ReplicaSets">
            {[...layers].reverse().map((l) => (
              <li key={l.name} className={l.current ? 'is-new' : 'is-old'} data-replicaset={l.name}>
                <span className={`wl-swatch ${l.current ? 'wl-layer-new' : 'wl-layer-old'}`} aria-hidden="true" />
                <span className="wl-set-name">{l.name}</span>
                <span className="wl-set-rev">rev {l.revision}</span>
                <span className="wl-set-count">{l.replicas}</span>
              </li>
            ))}
          </ul>
          <RevisionHistory rollout={rollout} onRollback={onRollback} busy={busy} />
        </div>
      </div>
    </section>
  );
}

function RevisionHistory({ rollout, onRollback, busy }: Pick<Props, 'rollout' | 'onRollback' | 'busy'>) {
  if (rollout.revisions.length === 0) return null;
  return (
    <table className="wl-revisions" aria-label="Revision history">
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Image / cause</th>
          <th scope="col">
            <span className="wl-sr">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rollout.revisions.map((r) => (
          <tr key={r.revision} className={r.current ? 'is-current' : undefined} data-revision={r.revision}>
            <td>
              {r.revision}
              {r.current && <span className="wl-current"> current</span>}
            </td>
            <td title={`${r.replicaSet}: ${r.images.join(', ')}`}>
              <span className="wl-images">{r.images.map((i) => i.slice(i.indexOf('=') + 1)).join(', ')}</span>
              <span className="wl-cause" title="kubernetes.io/change-cause">
                {r.changeCause || '<none>'}
              </span>
            </td>
            <td>
              {!r.current && (
                <button type="button" className="btn btn-small" disabled={busy} aria-label={`Roll back to revision ${r.revision}`} title={`kubectl rollout undo --to-revision=${r.revision}`} onClick={() => onRollback(r.revision)}>
                  Roll back
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
