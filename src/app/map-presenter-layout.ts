/**
 * The cluster map's presenter-mode card (views/map/PresenterNodeCard.tsx): sizes in CSS px at
 * zoom 1, where every text is PRESENTER_TEXT_PX, and the pure layout of its chips. Presenter
 * mode never fits the map below zoom 1 (fitTransform's minK), so text on the map stays at least
 * 20 px on screen; these sizes are chosen so the default 5-node cluster fits at 1280×720.
 */
import { CHIP_GAP_PX, CHIP_PX } from './map-layout.ts';

/** Text size of every label on a presenter card (styles.css `.pcm-node` uses the same number). */
export const PRESENTER_TEXT_PX = 20;
/** Card width (styles.css `.pcm-node`), its border and padding, in CSS px. */
export const PRESENTER_CARD_WIDTH_PX = 212;
const CARD_EDGE_PX = 2 + 6;
/** Width the chips may use inside a card. */
export const PRESENTER_CHIPS_WIDTH_PX = PRESENTER_CARD_WIDTH_PX - 2 * CARD_EDGE_PX;
/** Chips are drawn this much larger than in the normal map: 26 px, easy to click from a laptop at a lectern. */
export const PRESENTER_CHIP_SCALE = 26 / CHIP_PX;
/** A card without chips: the name row, the bars row (CPU and memory side by side), the gap between, border and padding. */
export const PRESENTER_CARD_BASE_HEIGHT_PX = 2 * CARD_EDGE_PX + 34 + 28 + 4;

/** A chip's place in the presenter card's chip drawing, in the drawing's units (CHIP_PX a chip). */
export interface FlowPlace {
  group: number;
  index: number;
  x: number;
  y: number;
}

/**
 * Chips of several owner groups in one flow, left to right and wrapping at `widthUnits`, with one
 * extra gap between groups so the owners read apart without labels (the owner is in each chip's
 * tooltip and the inspector). Returns places in group order and the drawing's size.
 */
export function flowChips(groupSizes: readonly number[], widthUnits: number): { places: FlowPlace[]; width: number; height: number } {
  const step = CHIP_PX + CHIP_GAP_PX;
  const places: FlowPlace[] = [];
  let x = 0;
  let y = 0;
  let right = 0;
  groupSizes.forEach((size, group) => {
    if (group > 0 && x > 0 && size > 0) x += CHIP_GAP_PX * 2;
    for (let index = 0; index < size; index++) {
      if (x > 0 && x + CHIP_PX > widthUnits) {
        x = 0;
        y += step;
      }
      places.push({ group, index, x, y });
      right = Math.max(right, x + CHIP_PX);
      x += step;
    }
  });
  return { places, width: right, height: places.length === 0 ? 0 : y + CHIP_PX };
}

/** Widths of the head's badges at 20 px (styles.css `.pcm-badge`), and a mono character of the name. */
const BADGE_PX: Record<string, number> = { Ready: 86, NotReady: 118, Cordoned: 118, Taint: 80, taints: 118 };
const NAME_CHAR_PX = 12.1;
const HEAD_ROW_PX = 34;
const HEAD_GAP_PX = 6;
/** The eviction countdown's line on a lost node (styles.css `.pcm-node .cm-evict`). */
const COUNTDOWN_ROW_PX = 32;

/** Rows the head takes: the name, then its badges, flowing and wrapping in the card's width. */
export function presenterHeadRows(name: string, badges: readonly string[]): number {
  let rows = 1;
  let x = Math.min(PRESENTER_CHIPS_WIDTH_PX, name.length * NAME_CHAR_PX);
  for (const b of badges) {
    const w = BADGE_PX[b] ?? BADGE_PX.taints;
    if (x + HEAD_GAP_PX + w > PRESENTER_CHIPS_WIDTH_PX) {
      rows++;
      x = w;
    } else x += HEAD_GAP_PX + w;
  }
  return rows;
}

/** A presenter card's height: its head (name and badges), a lost node's countdown, the bars, and its owner groups' chips (sizes in order). */
export function presenterCardHeight(head: { name: string; badges: readonly string[]; countdown?: boolean }, groupSizes: readonly number[]): number {
  const { height } = flowChips(groupSizes, PRESENTER_CHIPS_WIDTH_PX / PRESENTER_CHIP_SCALE);
  const countdown = head.countdown ? COUNTDOWN_ROW_PX + 4 : 0;
  return PRESENTER_CARD_BASE_HEIGHT_PX + (presenterHeadRows(head.name, head.badges) - 1) * (HEAD_ROW_PX + 4) + countdown + (height > 0 ? height * PRESENTER_CHIP_SCALE + 4 : 0);
}

/** The badges a presenter card's head shows, in order: readiness, cordon, and taints as one short badge. */
export function presenterBadges(node: { ready: boolean; unschedulable: boolean; taints: readonly string[] }, taintCount = node.taints.length): string[] {
  const out = [node.ready ? 'Ready' : 'NotReady'];
  if (node.unschedulable) out.push('Cordoned');
  if (taintCount > 0) out.push(taintCount === 1 ? 'Taint' : `${taintCount} taints`);
  return out;
}
