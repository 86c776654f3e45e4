/**
 * What each presenter hotkey does. Playback goes straight to the bridge; everything that changes
 * the cluster runs as a visible command in the terminal (run-visible.ts), so the audience sees
 * the kubectl or sim line and it lands in the scrollback and on the timeline like any other.
 */
import { exec, pause, play, seek, setSpeed, step } from '../bridge.ts';
import { SPEEDS, STEP_MS, type ObjectRef } from '../protocol.ts';
import { appStore } from '../state/store.ts';
import { advanceDemo, demoActive } from './demo-script.ts';
import type { HotkeyAction } from './hotkeys.ts';
import { nextSpeed } from './hotkeys.ts';
import { nextImage } from './images.ts';
import { presenterStore } from './presenter-state.ts';
import { runVisible } from './run-visible.ts';

/** ` -n NS` for a namespace other than default. */
function nsFlag(namespace: string): string {
  return namespace === '' || namespace === 'default' ? '' : ` -n ${namespace}`;
}

/** The Deployment a hotkey acts on: the selected one, or the selected pod's owner. */
export function targetDeployment(selected: ObjectRef | undefined, pods: readonly { namespace: string; name: string; ownerKind: string; ownerName: string }[]): ObjectRef | undefined {
  if (!selected) return undefined;
  if (selected.kind === 'Deployment') return selected;
  if (selected.kind === 'Pod') {
    const pod = pods.find((p) => p.namespace === selected.namespace && p.name === selected.name);
    if (pod?.ownerKind === 'Deployment') return { kind: 'Deployment', namespace: pod.namespace, name: pod.ownerName };
  }
  return undefined;
}

/** The `kubectl set image` line that rolls `deployment` to the next image of its first container, from its JSON. */
export function setImageCommand(deployment: ObjectRef, json: string): string | undefined {
  let containers: { name?: string; image?: string }[] | undefined;
  try {
    containers = (JSON.parse(json) as { spec?: { template?: { spec?: { containers?: { name?: string; image?: string }[] } } } }).spec?.template?.spec?.containers;
  } catch {
    return undefined;
  }
  for (const c of containers ?? []) {
    const next = c.name && c.image ? nextImage(c.image) : undefined;
    if (next) return `kubectl set image deployment/${deployment.name} ${c.name}=${next}${nsFlag(deployment.namespace)}`;
  }
  return undefined;
}

/** The last speed a key asked for, and when: a view may not show it yet. */
let speedAsked: { at: number; to: number } | undefined;
const SPEED_KEY_MEMORY_MS = 1000;

function notice(text: string): void {
  presenterStore.getState().setNotice(text);
}

function command(line: string): void {
  notice(line);
  runVisible(line);
}

/** Runs the next step of the loaded demo, if any. */
export function nextDemoStep(): void {
  const demo = presenterStore.getState().demo;
  const next = demo ? advanceDemo(demo) : undefined;
  if (!next) {
    notice(demo ? 'The demo is over' : 'Load a demo first');
    return;
  }
  presenterStore.getState().setDemo(next.run);
  command(next.step.command);
}

export async function runHotkey(action: HotkeyAction): Promise<void> {
  const app = appStore.getState();
  const view = app.view;
  const selected = app.selected;
  switch (action) {
    case 'togglePresenter':
      app.setPresenter(!app.presenter);
      return;
    case 'showHotkeys':
      presenterStore.getState().setHotkeysOpen(true);
      return;
    case 'playPause':
      if (view?.playing) pause();
      else play();
      return;
    case 'step':
      step();
      return;
    case 'back': {
      if (!view) return;
      const start = view.history?.start ?? 0;
      seek(Math.max(start, view.now - STEP_MS));
      return;
    }
    case 'speedUp':
    case 'speedDown': {
      // Keys pressed faster than views arrive build on the speed asked for, not the one still shown.
      const shown = view?.speed ?? 1;
      const base = speedAsked && performance.now() - speedAsked.at < SPEED_KEY_MEMORY_MS ? speedAsked.to : shown;
      const to = nextSpeed(SPEEDS, base, action === 'speedUp' ? 1 : -1);
      speedAsked = { at: performance.now(), to };
      setSpeed(to);
      return;
    }
    case 'failNode':
    case 'recoverNode':
      if (selected?.kind !== 'Node') return notice('Select a node on the map first');
      return command(`sim node ${action === 'failNode' ? 'fail' : 'recover'} ${selected.name}`);
    case 'deletePod':
      if (selected?.kind !== 'Pod') return notice('Select a pod on the map first');
      return command(`kubectl delete pod ${selected.name}${nsFlag(selected.namespace)} --wait=false`);
    case 'rollout':
    case 'rollback': {
      const d = targetDeployment(selected, view?.pods ?? []);
      if (!d) return notice('Select a Deployment or one of its pods first');
      if (action === 'rollback') return command(`kubectl rollout undo deployment/${d.name}${nsFlag(d.namespace)}`);
      const got = await exec(`kubectl get deployment ${d.name}${nsFlag(d.namespace)} -o json`);
      const line = got.exitCode === 0 ? setImageCommand(d, got.output) : undefined;
      if (!line) return notice(`No other version of deployment/${d.name}'s image is in the registry`);
      return command(line);
    }
    case 'nextDemoStep':
      nextDemoStep();
      return;
  }
}

export { demoActive };
