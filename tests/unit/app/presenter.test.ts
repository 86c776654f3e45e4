import { describe, expect, it } from 'vitest';
import { setImageCommand, targetDeployment } from '../../../src/app/presenter/actions.ts';
import { advanceDemo, currentCaption, demoActive, DEMOS, parseDemo, startDemo } from '../../../src/app/presenter/demo-script.ts';
import { HOTKEYS, hotkeyAction, nextSpeed, type HotkeyContext } from '../../../src/app/presenter/hotkeys.ts';
import { IMAGE_VERSIONS, nextImage, splitImage, versionedGroups } from '../../../src/app/presenter/images.ts';
import { SPEEDS } from '../../../src/app/protocol.ts';
import { runScript } from '../../../src/commands/runner.ts';
import { findImage } from '../../../src/engine/node/images.ts';
import { IMAGE_CATALOG } from '../../../src/engine/node/image-catalog.ts';

const PRESENTING: HotkeyContext = { presenter: true, demoActive: false, typing: false };

describe('presenter hotkeys', () => {
  it('maps every key a presenter or a clicker sends to its action', () => {
    const cases: [string, string][] = [
      [' ', 'playPause'],
      ['.', 'playPause'],
      ['b', 'playPause'],
      ['PageDown', 'step'],
      ['ArrowRight', 'step'],
      ['PageUp', 'back'],
      ['ArrowLeft', 'back'],
      ['+', 'speedUp'],
      ['-', 'speedDown'],
      ['f', 'failNode'],
      ['r', 'recoverNode'],
      ['Delete', 'deletePod'],
      ['x', 'deletePod'],
      ['u', 'rollout'],
      ['z', 'rollback'],
      ['n', 'nextDemoStep'],
      ['p', 'togglePresenter'],
      ['?', 'showHotkeys'],
      ['F', 'failNode'],
    ];
    for (const [key, action] of cases) expect(hotkeyAction({ key }, PRESENTING), key).toBe(action);
    expect(hotkeyAction({ key: 'q' }, PRESENTING)).toBeUndefined();
    expect(hotkeyAction({ key: 'Enter' }, PRESENTING)).toBeUndefined();
  });

  it('leaves keys alone while typing, with modifiers, and outside presenter mode (but p and ?)', () => {
    expect(hotkeyAction({ key: 'f' }, { ...PRESENTING, typing: true })).toBeUndefined();
    expect(hotkeyAction({ key: 'p' }, { ...PRESENTING, typing: true })).toBeUndefined();
    expect(hotkeyAction({ key: 'r', ctrlKey: true }, PRESENTING)).toBeUndefined();
    expect(hotkeyAction({ key: 'x', metaKey: true }, PRESENTING)).toBeUndefined();
    expect(hotkeyAction({ key: 'b', altKey: true }, PRESENTING)).toBeUndefined();
    const off = { ...PRESENTING, presenter: false };
    expect(hotkeyAction({ key: ' ' }, off)).toBeUndefined();
    expect(hotkeyAction({ key: 'f' }, off)).toBeUndefined();
    expect(hotkeyAction({ key: 'p' }, off)).toBe('togglePresenter');
    expect(hotkeyAction({ key: '?' }, off)).toBe('showHotkeys');
  });

  it('PageDown runs the next demo step while a demo has steps left', () => {
    expect(hotkeyAction({ key: 'PageDown' }, { ...PRESENTING, demoActive: true })).toBe('nextDemoStep');
    expect(hotkeyAction({ key: 'ArrowRight' }, { ...PRESENTING, demoActive: true })).toBe('nextDemoStep');
    expect(hotkeyAction({ key: 'PageUp' }, { ...PRESENTING, demoActive: true })).toBe('back');
  });

  it('lists every action in the Hotkeys dialog', () => {
    const listed = new Set(HOTKEYS.map((h) => h.action));
    for (const key of [' ', 'PageDown', 'PageUp', '+', '-', 'f', 'r', 'x', 'u', 'z', 'n', 'p', '?']) expect(listed.has(hotkeyAction({ key }, PRESENTING)!), key).toBe(true);
  });

  it('steps the speed through SPEEDS, stopping at the ends', () => {
    expect(nextSpeed(SPEEDS, 1, 1)).toBe(2);
    expect(nextSpeed(SPEEDS, 100, 1)).toBe(500);
    expect(nextSpeed(SPEEDS, 100, -1)).toBe(50);
    expect(nextSpeed(SPEEDS, 1000, 1)).toBe(1000);
    expect(nextSpeed(SPEEDS, 0.25, -1)).toBe(0.25);
    expect(nextSpeed(SPEEDS, 3, 1)).toBe(5); // a speed set elsewhere
  });
});

describe('presenter rollout image', () => {
  it('keeps its table of versions in step with the image catalog', () => {
    expect(versionedGroups(IMAGE_CATALOG.map((s) => s.refs))).toEqual(IMAGE_VERSIONS);
  });

  it('rolls to the next version the registry holds, written as the current one is, else back one', () => {
    expect(nextImage('nginx:1.26')).toBe('nginx:1.27');
    expect(nextImage('nginx:1.26.2')).toBe('nginx:1.27.2');
    expect(nextImage('nginx:1.25')).toBe('nginx:1.26');
    expect(nextImage('nginx:1.14.2')).toBe('nginx:1.16.1');
    expect(nextImage('nginx:1.27')).toBe('nginx:1.26'); // the newest: one back
    expect(nextImage('nginx:latest')).toBe('nginx:1.26');
    expect(nextImage('nginx:stable')).toBe('nginx:1.27');
    expect(nextImage('busybox:1.36')).toBe('busybox:1.37');
    expect(nextImage('registry.k8s.io/pause:3.9')).toBe('registry.k8s.io/pause:3.10');
    expect(nextImage('postgres:16')).toBe('postgres:17');
    expect(nextImage('nginx:alpine')).toBeUndefined(); // no other alpine nginx
    expect(nextImage('vish/stress:latest')).toBeUndefined();
    expect(nextImage('example.com/app:1.0')).toBeUndefined();
    expect(splitImage('localhost:5000/app')).toEqual({ repo: 'localhost:5000/app', tag: 'latest' });
  });

  it('every image it picks is one the registry can pull', () => {
    for (const [repo, groups] of Object.entries(IMAGE_VERSIONS)) {
      for (const tags of groups) {
        for (const tag of tags) {
          const next = nextImage(`${repo}:${tag}`);
          if (next !== undefined) expect(findImage(next), `${repo}:${tag} → ${next}`).toBeDefined();
        }
      }
    }
  });

  it('builds the set image line from the Deployment, in its namespace', () => {
    const json = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } });
    expect(setImageCommand({ kind: 'Deployment', namespace: 'default', name: 'web' }, json)).toBe('kubectl set image deployment/web web=nginx:1.27');
    expect(setImageCommand({ kind: 'Deployment', namespace: 'demo', name: 'web' }, json)).toBe('kubectl set image deployment/web web=nginx:1.27 -n demo');
    expect(setImageCommand({ kind: 'Deployment', namespace: 'default', name: 'web' }, 'not json')).toBeUndefined();
  });

  it("finds the Deployment: the selected one, or the selected pod's owner", () => {
    const pods = [
      { namespace: 'default', name: 'web-1', ownerKind: 'Deployment', ownerName: 'web' },
      { namespace: 'default', name: 'db-0', ownerKind: 'StatefulSet', ownerName: 'db' },
    ];
    expect(targetDeployment({ kind: 'Pod', namespace: 'default', name: 'web-1' }, pods)).toEqual({ kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(targetDeployment({ kind: 'Pod', namespace: 'default', name: 'db-0' }, pods)).toBeUndefined();
    expect(targetDeployment({ kind: 'Deployment', namespace: 'x', name: 'api' }, pods)).toEqual({ kind: 'Deployment', namespace: 'x', name: 'api' });
    expect(targetDeployment({ kind: 'Node', namespace: '', name: 'node-1' }, pods)).toBeUndefined();
    expect(targetDeployment(undefined, pods)).toBeUndefined();
  });
});

describe('demo scripts', () => {
  it('turns comment lines into the caption of the command after them, heredocs kept whole', () => {
    const steps = parseDemo(`# Make a namespace
kubectl create namespace demo

# Apply a pod
# from a here-document
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: p
EOF
sim advance 10s
`);
    expect(steps).toEqual([
      { caption: 'Make a namespace', command: 'kubectl create namespace demo' },
      { caption: 'Apply a pod from a here-document', command: 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nEOF' },
      { caption: '', command: 'sim advance 10s' },
    ]);
  });

  it('steps one command per click, keeping the latest caption, until the end', () => {
    let run = startDemo('t', '# one\na\nb\n# two\nc\n');
    expect(demoActive(run)).toBe(true);
    const seen: [string, string][] = [];
    for (let r = advanceDemo(run); r; r = advanceDemo(run)) {
      run = r.run;
      seen.push([r.step.command, currentCaption(run)]);
    }
    expect(seen).toEqual([
      ['a', 'one'],
      ['b', 'one'],
      ['c', 'two'],
    ]);
    expect(demoActive(run)).toBe(false);
    expect(advanceDemo(run)).toBeUndefined();
  });

  it('every built-in demo runs cleanly as a scenario script', () => {
    for (const demo of DEMOS) {
      const steps = parseDemo(demo.text);
      expect(steps.length, demo.title).toBeGreaterThan(3);
      const run = runScript(demo.text, { seed: 1 });
      expect(run.status, `${demo.title}: ${run.error ?? ''}`).toBe(0);
      for (const e of run.entries) expect((e as { exitCode?: number }).exitCode ?? 0, `${demo.title}`).toBe(0);
    }
  });
});
