/**
 * The scheduling replay drawn on the map: a node's mark (rejected in red with the plugin, feasible,
 * a score bar that grows, the winner) inside its card, and the layer over the map viewport with
 * the step's caption and the pod chip flying to the winner. Both read the UI slice's `replay`
 * only, which the Scheduling panel's replay sets step by step from the real decision.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { AppState } from '../../state/store.ts';
import type { ReplayMark } from '../../state/ui.ts';
import { useAppStore } from '../use-app-store.ts';

/** How long the pod chip takes to fly to the winner (real ms). */
export const FLY_MS = 900;

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

/** The replay's mark on one node card; nothing when no replay runs or it leaves the node out. */
export function ReplayNodeMark({ node }: { node: string }) {
  const mark = useAppStore((s: AppState): ReplayMark | undefined => s.replay?.marks[node]);
  if (!mark) return null;
  return (
    <div className={`sched-mark is-${mark.state}`} data-replay={mark.state} aria-label={`Replay: ${mark.label}`} role="note">
      {mark.state !== 'waiting' && <span className="sched-mark-label">{mark.label}</span>}
      {mark.score !== undefined && (
        <span className="sched-mark-score">
          <span className="sched-mark-track">
            <span className="sched-mark-bar" style={{ width: `${Math.round(mark.score * 1000) / 10}%` }} />
          </span>
          <span className="sched-mark-total">{mark.scoreText}</span>
        </span>
      )}
    </div>
  );
}

const selectCaption = (s: AppState): string => (s.replay ? `Replay ${s.replay.step + 1}/${s.replay.steps} · ${s.replay.caption}` : '');
const selectFlight = (s: AppState): string => (s.replay?.flyTo ? `${s.replay.pod}\u0000${s.replay.flyTo}` : '');

interface Flight {
  name: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** Over the map's viewport: the replay step's caption and the pod's flight to the winner. */
export function ReplayLayer({ viewportRef }: { viewportRef: RefObject<HTMLDivElement | null> }) {
  const caption = useAppStore(selectCaption);
  const flight = useAppStore(selectFlight);
  const [fly, setFly] = useState<Flight | undefined>(undefined);
  const chipRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const vp = viewportRef.current;
    if (!flight || !vp) {
      setFly(undefined);
      return;
    }
    const [pod, node] = flight.split('\u0000');
    const name = pod.slice(pod.indexOf('/') + 1);
    const box = vp.getBoundingClientRect();
    const target = vp.querySelector(`[data-node="${CSS.escape(node)}"]`);
    if (!target) {
      setFly(undefined);
      return;
    }
    // To the pod's own chip on the winner when the map shows it there, else the card's middle.
    const landing = target.querySelector(`[data-pod="${CSS.escape(name)}"]`);
    const t = (landing ?? target).getBoundingClientRect();
    // From the pod's chip while it waits for a node, else from kube-scheduler on the control-plane strip.
    const source = vp.querySelector(`.cm-unscheduled [data-pod="${CSS.escape(name)}"]`) ?? vp.closest('.cm')?.querySelector('.cm-cp-item[aria-label^="kube-scheduler,"]');
    const s = source?.getBoundingClientRect();
    const clamp = (v: number, max: number) => Math.max(8, Math.min(max - 8, v));
    const from = s ? { x: clamp(s.left + s.width / 2 - box.left, box.width), y: clamp(s.top + s.height / 2 - box.top, box.height) } : { x: box.width / 2, y: 12 };
    const to = { x: clamp(t.left + t.width / 2 - box.left, box.width), y: clamp(t.top + t.height / 2 - box.top, box.height) };
    setFly({ name, from, to });
  }, [flight, viewportRef]);

  useEffect(() => {
    const el = chipRef.current;
    if (!fly || !el || prefersReducedMotion() || typeof el.animate !== 'function') return;
    const dx = fly.to.x - fly.from.x;
    const dy = fly.to.y - fly.from.y;
    const anim = el.animate(
      [
        { transform: `translate(${-dx}px, ${-dy}px) scale(1.4)`, opacity: 0.9 },
        { transform: `translate(${-dx / 2}px, ${-dy / 2 - 40}px) scale(1.2)`, opacity: 1, offset: 0.5 },
        { transform: 'translate(0, 0) scale(1)', opacity: 1 },
      ],
      { duration: FLY_MS, easing: 'cubic-bezier(.3,.7,.4,1)', fill: 'backwards' },
    );
    return () => anim.cancel();
  }, [fly]);

  if (!caption) return null;
  return (
    <div className="sched-layer">
      <p className="sched-caption" role="status" aria-label="Replay step" title={caption}>
        <span className="sched-caption-text">{caption}</span>
      </p>
      {fly && (
        <div className="sched-fly-at" style={{ left: fly.to.x, top: fly.to.y }}>
          <div ref={chipRef} className="sched-fly" data-flying={fly.name} title={fly.name}>
            <span className="sched-fly-dot" aria-hidden="true" />
            {fly.name}
          </div>
        </div>
      )}
    </div>
  );
}
