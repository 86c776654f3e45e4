import type { ChartFrame } from './workload-charts.ts';

/** Grid lines and tick labels for a time × count chart. */
export function ChartAxes({ frame }: { frame: ChartFrame }) {
  const { plot } = frame;
  return (
    <g className="wl-axes" aria-hidden="true">
      {frame.yTicks.map((t) => (
        <g key={`y${t.value}`}>
          <line className="wl-gridline" x1={plot.left} x2={plot.right} y1={t.pos} y2={t.pos} />
          <text className="wl-tick" x={plot.left - 4} y={t.pos} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      {frame.xTicks.map((t) => (
        <text key={`x${t.value}`} className="wl-tick" x={t.pos} y={plot.bottom + 14} textAnchor="middle">
          {t.label}
        </text>
      ))}
      <line className="wl-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
    </g>
  );
}
