import { useMemo } from 'react';
import type { WorkloadDetail } from '../../protocol.ts';
import { ChartAxes } from './ChartAxes.tsx';
import { useSize } from './use-size.ts';
import { FAULT_NAMES, replicaChart } from './workload-charts.ts';

/**
 * Desired vs ready replicas of one workload over simulated time, sampled in the worker on every
 * change. Where ready fell short of desired the gap is shaded, and the faults that hit the
 * workload's pods (a node gone NotReady, an eviction, an OOM kill, a deleted pod) are marked above it.
 */
export function ReplicaHistory({ detail, now }: { detail: WorkloadDetail; now: number }) {
  const [ref, size] = useSize<HTMLDivElement>();
  const chart = useMemo(() => (size.width > 0 ? replicaChart(detail, now, size) : undefined), [detail, now, size]);
  const latest = detail.samples[detail.samples.length - 1];
  const faults = detail.markers.length;
  return (
    <section className="wl-card" aria-label="Replica history">
      <header className="wl-card-head">
        <h3>Replica history</h3>
        <span className="wl-legend">
          <span className="wl-key wl-key-desired">desired {latest?.desired ?? 0}</span>
          <span className="wl-key wl-key-ready">ready {latest?.ready ?? 0}</span>
          <span className="wl-key wl-key-dip">short</span>
          {faults > 0 && <span className="wl-key wl-key-fault">{faults === 1 ? '1 fault' : `${faults} faults`}</span>}
        </span>
      </header>
      <div className="wl-chart" ref={ref}>
        {chart && (
          <svg
            width={size.width}
            height={size.height}
            role="img"
            aria-label={`${detail.kind} ${detail.name}: ${latest?.ready ?? 0} of ${latest?.desired ?? 0} replicas ready${faults ? `, ${faults} faults marked` : ''}`}
            data-dips={chart.dips.length}
          >
            <ChartAxes frame={chart.frame} />
            <path className="wl-dip" d={chart.dipPath} />
            <path className="wl-line wl-desired" d={chart.desiredPath} />
            <path className="wl-line wl-ready" d={chart.readyPath} />
            {chart.markers.map((m) => (
              <g key={`${m.kind}${m.at}`} className={`wl-fault wl-fault-${m.kind}`} data-fault={m.kind} transform={`translate(${m.x},0)`}>
                <title>{`${FAULT_NAMES[m.kind]}${m.count > 1 ? ` ×${m.count}` : ''}\n${m.label}`}</title>
                <line y1={chart.frame.plot.top} y2={chart.frame.plot.bottom} />
                <FaultGlyph kind={m.kind} y={chart.frame.plot.top + 4} />
              </g>
            ))}
          </svg>
        )}
      </div>
    </section>
  );
}

/** A shape per fault kind, so the marks read in greyscale too. */
function FaultGlyph({ kind, y }: { kind: WorkloadDetail['markers'][number]['kind']; y: number }) {
  switch (kind) {
    case 'node':
      return <rect x={-4} y={y - 4} width={8} height={8} />;
    case 'eviction':
      return <path d={`M0 ${y - 5} L5 ${y + 4} L-5 ${y + 4} Z`} />;
    case 'oom':
      return <path d={`M0 ${y - 5} L5 ${y} L0 ${y + 5} L-5 ${y} Z`} />;
    default:
      return <circle cy={y} r={4} />;
  }
}
