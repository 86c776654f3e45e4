import { CHIP_PX, GLYPHS, POD_KIND_ORDER, POD_KINDS } from '../../map-layout.ts';

/** What the chip shapes and outlines mean. */
export function MapLegend() {
  return (
    <ul className="cm-legend" aria-label="Legend">
      {POD_KIND_ORDER.map((kind) => (
        <li key={kind}>
          <svg width={CHIP_PX} height={CHIP_PX} viewBox={`0 0 ${CHIP_PX} ${CHIP_PX}`} aria-hidden="true">
            <g className={`cm-chip tone-${POD_KINDS[kind].tone} kind-${kind} rev-new`}>
              <rect className="cm-chip-bg" x={1} y={1} width={CHIP_PX - 2} height={CHIP_PX - 2} rx={4} />
              <path className={GLYPHS[kind].filled ? 'cm-glyph is-filled' : 'cm-glyph'} d={GLYPHS[kind].d} transform={`translate(${CHIP_PX / 2}, ${CHIP_PX / 2})`} />
            </g>
          </svg>
          {POD_KINDS[kind].label}
        </li>
      ))}
      <li>
        <svg width={CHIP_PX} height={CHIP_PX} viewBox={`0 0 ${CHIP_PX} ${CHIP_PX}`} aria-hidden="true">
          <g className="cm-chip tone-ok kind-running rev-old">
            <rect className="cm-chip-bg" x={1} y={1} width={CHIP_PX - 2} height={CHIP_PX - 2} rx={4} />
          </g>
        </svg>
        older revision
      </li>
    </ul>
  );
}
