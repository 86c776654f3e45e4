/**
 * Zoom and pan for the cluster map with d3-zoom. d3 owns one element's transform (the stage,
 * whose style React never sets); React renders everything inside it. A plain wheel pans, as in
 * a document; Ctrl/⌘ + wheel (and a trackpad pinch) zooms; dragging pans. Until the user moves
 * the map it keeps fitting the whole cluster into view as nodes and pods come and go.
 */
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { fitTransform, ZOOM_MAX, ZOOM_MIN } from '../../map-layout.ts';

export interface MapZoom {
  zoomIn(): void;
  zoomOut(): void;
  /** Fits the whole map and goes back to fitting it automatically. */
  fit(): void;
}

/** `minFitK`: the smallest zoom fitting may choose (presenter mode: 1, so its text never shrinks). */
export function useMapZoom(viewportRef: RefObject<HTMLDivElement | null>, stageRef: RefObject<HTMLDivElement | null>, minFitK = 0): MapZoom {
  const behavior = useRef<ZoomBehavior<HTMLDivElement, unknown> | undefined>(undefined);
  const auto = useRef(true);

  const fitNow = useCallback(() => {
    const vp = viewportRef.current;
    const stage = stageRef.current;
    const z = behavior.current;
    if (!vp || !stage || !z) return;
    const t = fitTransform({ width: stage.offsetWidth, height: stage.offsetHeight }, { width: vp.clientWidth, height: vp.clientHeight }, undefined, minFitK);
    z.transform(select(vp), zoomIdentity.translate(t.x, t.y).scale(t.k));
  }, [viewportRef, stageRef, minFitK]);

  useEffect(() => {
    const vp = viewportRef.current;
    const stage = stageRef.current;
    if (!vp || !stage) return;
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([ZOOM_MIN, ZOOM_MAX])
      .filter((e: Event) => (e.type === 'wheel' ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey : !(e as MouseEvent).button && !(e as MouseEvent).ctrlKey))
      .on('zoom', (e: { transform: { x: number; y: number; k: number }; sourceEvent: Event | null }) => {
        const { x, y, k } = e.transform;
        stage.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        if (e.sourceEvent) auto.current = false;
      });
    behavior.current = z;
    const sel = select(vp);
    sel.call(z).on('dblclick.zoom', null);
    const pan = (e: WheelEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      auto.current = false;
      const { k } = zoomTransform(vp);
      z.translateBy(sel, -e.deltaX / k, -e.deltaY / k);
    };
    vp.addEventListener('wheel', pan, { passive: false });
    // Keep fitting while the user has not moved the map: the viewport or the content resized.
    const observer = new ResizeObserver(() => {
      if (auto.current) fitNow();
    });
    observer.observe(vp);
    observer.observe(stage);
    fitNow();
    return () => {
      observer.disconnect();
      vp.removeEventListener('wheel', pan);
      sel.on('.zoom', null);
    };
  }, [viewportRef, stageRef, fitNow]);

  return {
    zoomIn: () => {
      auto.current = false;
      if (viewportRef.current) behavior.current?.scaleBy(select(viewportRef.current), 1.25);
    },
    zoomOut: () => {
      auto.current = false;
      if (viewportRef.current) behavior.current?.scaleBy(select(viewportRef.current), 0.8);
    },
    fit: () => {
      auto.current = true;
      fitNow();
    },
  };
}
