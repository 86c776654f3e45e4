/**
 * Presenter hotkeys as data and a pure mapping from a key press to an action. The keys
 * presentation clickers send are covered: PageDown / PageUp (next / previous), `.` and `b`
 * (blank the screen, here play/pause). Views/presenter/use-hotkeys.ts listens and runs the action.
 */

export type HotkeyAction =
  | 'togglePresenter'
  | 'showHotkeys'
  | 'playPause'
  | 'step'
  | 'back'
  | 'speedUp'
  | 'speedDown'
  | 'failNode'
  | 'recoverNode'
  | 'deletePod'
  | 'rollout'
  | 'rollback'
  | 'nextDemoStep';

/** One line of the Hotkeys dialog. */
export interface HotkeyHelp {
  keys: string[];
  action: HotkeyAction;
  label: string;
}

export const HOTKEYS: readonly HotkeyHelp[] = [
  { keys: ['Space', '.', 'b'], action: 'playPause', label: 'Play / pause' },
  { keys: ['PageDown', '→'], action: 'step', label: 'Step one second (the next demo step while a demo runs)' },
  { keys: ['PageUp', '←'], action: 'back', label: 'Back one second in time (time travel)' },
  { keys: ['+'], action: 'speedUp', label: 'Faster' },
  { keys: ['-'], action: 'speedDown', label: 'Slower' },
  { keys: ['f'], action: 'failNode', label: 'Fail the selected node' },
  { keys: ['r'], action: 'recoverNode', label: 'Recover the selected node' },
  { keys: ['Delete', 'x'], action: 'deletePod', label: 'Delete the selected pod' },
  { keys: ['u'], action: 'rollout', label: "Roll out a new image for the selected Deployment (or the pod's)" },
  { keys: ['z'], action: 'rollback', label: 'Roll back that Deployment' },
  { keys: ['n'], action: 'nextDemoStep', label: 'Next demo step' },
  { keys: ['p'], action: 'togglePresenter', label: 'Presenter mode on / off' },
  { keys: ['?'], action: 'showHotkeys', label: 'This list' },
];

/** What the mapping needs to know about a key press. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface HotkeyContext {
  /** Presenter mode is on: only `p` and `?` work outside it. */
  presenter: boolean;
  /** A demo script is loaded with steps left: PageDown / → run its next step. */
  demoActive: boolean;
  /** Focus is where keys are text (an input, the terminal, the editor): no hotkeys. */
  typing: boolean;
}

const KEYS: Readonly<Record<string, HotkeyAction>> = {
  ' ': 'playPause',
  Spacebar: 'playPause',
  '.': 'playPause',
  b: 'playPause',
  PageDown: 'step',
  ArrowRight: 'step',
  PageUp: 'back',
  ArrowLeft: 'back',
  '+': 'speedUp',
  '=': 'speedUp',
  '-': 'speedDown',
  _: 'speedDown',
  f: 'failNode',
  r: 'recoverNode',
  Delete: 'deletePod',
  x: 'deletePod',
  u: 'rollout',
  z: 'rollback',
  n: 'nextDemoStep',
  p: 'togglePresenter',
  '?': 'showHotkeys',
};

/** The action a key press stands for, or undefined when it is not a hotkey here. */
export function hotkeyAction(press: KeyPress, ctx: HotkeyContext): HotkeyAction | undefined {
  if (ctx.typing || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const action = KEYS[press.key.length === 1 && press.key !== '?' ? press.key.toLowerCase() : press.key];
  if (action === undefined) return undefined;
  if (!ctx.presenter && action !== 'togglePresenter' && action !== 'showHotkeys') return undefined;
  if (action === 'step' && ctx.demoActive) return 'nextDemoStep';
  return action;
}

/** Whether focus in `el` means keys are text: inputs, textareas, selects, the terminal, the editor, editable content. */
export function isTypingTarget(el: Element | null): boolean {
  if (el === null) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file', 'image'].includes(type);
  }
  if ((el as HTMLElement).isContentEditable) return true;
  return el.closest('.xterm, .cm-editor, [contenteditable="true"]') !== null;
}

/** The next speed in `speeds` above (dir 1) or below (dir -1) `speed`, else `speed` itself at the ends. */
export function nextSpeed(speeds: readonly number[], speed: number, dir: 1 | -1): number {
  const sorted = [...speeds].sort((a, b) => a - b);
  if (dir > 0) return sorted.find((s) => s > speed) ?? speed;
  return [...sorted].reverse().find((s) => s < speed) ?? speed;
}
