import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { LiveCluster } from '../../../src/app/live-cluster.ts';

const SETUP = ['kubectl create deployment web --image=nginx:1.27 --replicas=2'];

function drainText(live: LiveCluster, id: number): { text: string; exitCode?: number } {
  let text = '';
  let exitCode: number | undefined;
  for (const w of live.drainWatches()) {
    if (w.id !== id) continue;
    text += w.text;
    if (w.exitCode !== undefined) exitCode = w.exitCode;
  }
  return { text, exitCode };
}

describe('kubectl get -w on the live cluster', () => {
  it('prints what a script prints, as the live clock runs, and ends at --request-timeout with exit 0', () => {
    const live = new LiveCluster();
    const script = new Session({ seed: 1 });
    for (const l of SETUP) {
      live.exec(l);
      script.execLine(l);
    }
    const line = 'kubectl get pods -w --request-timeout=20s';
    const first = live.exec(line, undefined, 7);
    expect(first.exitCode).toBe(0);
    expect(first.output).toMatch(/^NAME +READY +STATUS/);
    expect(live.isWatching(7)).toBe(true);
    let text = first.output;
    let exitCode: number | undefined;
    for (let s = 0; s < 25 && exitCode === undefined; s++) {
      live.step();
      const d = drainText(live, 7);
      text += d.text;
      exitCode = d.exitCode;
      if (s < 19) expect(exitCode, `still watching after ${s + 1}s`).toBeUndefined();
    }
    expect(exitCode).toBe(0);
    expect(live.isWatching(7)).toBe(false);
    expect(live.session.sim.now).toBe(script.sim.now + 20_000);
    expect(text).toBe(script.execLine(line).output);
    expect(text.split('\n').length).toBeGreaterThan(4);
  });

  it('stops on Ctrl-C with exit code 2 (kubectl\'s interrupt handler) and prints nothing after', () => {
    const live = new LiveCluster();
    live.exec(SETUP[0]);
    live.exec('kubectl get pods -w', undefined, 3);
    live.step();
    live.interrupt();
    const d = drainText(live, 3);
    expect(d.exitCode).toBe(2);
    expect(live.isWatching(3)).toBe(false);
    live.exec('kubectl scale deployment web --replicas=5');
    live.step();
    expect(live.drainWatches()).toEqual([]);
  });

  it('ends when time travel moves the cluster', () => {
    const live = new LiveCluster();
    live.exec(SETUP[0]);
    live.step();
    live.exec('kubectl get deploy -w', undefined, 4);
    live.seek(0);
    expect(drainText(live, 4).exitCode).toBe(0);
  });

  it('without an id (nobody to follow it) prints the current objects only', () => {
    const live = new LiveCluster();
    const r = live.exec('kubectl get nodes -w');
    expect(r.output).toMatch(/^NAME +STATUS/);
    live.step();
    expect(live.drainWatches()).toEqual([]);
  });
});

describe('kubectl events -w on the live cluster', () => {
  it('prints what a script prints as the live clock runs, until its end', () => {
    const live = new LiveCluster();
    const script = new Session({ seed: 1 });
    for (const l of SETUP) {
      live.exec(l);
      script.execLine(l);
    }
    const line = 'kubectl events -w --request-timeout=5s';
    let text = live.exec(line, undefined, 9).output;
    let exitCode: number | undefined;
    for (let s = 0; s < 6 && exitCode === undefined; s++) {
      live.step();
      const d = drainText(live, 9);
      text += d.text;
      exitCode = d.exitCode;
    }
    expect(exitCode).toBe(0);
    expect(text).toBe(script.execLine(line).output);
    expect(text).toMatch(/^LAST SEEN +TYPE +REASON/);
  });
});

/** Steps the live clock a second at a time until exec `id` ends; its whole output, exit code and the steps taken. */
function stepToEnd(live: LiveCluster, id: number, first: string, maxSteps: number): { text: string; exitCode?: number; steps: number } {
  let text = first;
  let exitCode: number | undefined;
  let steps = 0;
  while (exitCode === undefined && steps < maxSteps) {
    live.step();
    steps++;
    const d = drainText(live, id);
    text += d.text;
    exitCode = d.exitCode;
  }
  return { text, exitCode, steps };
}

/** The same setup in a live cluster and a script session. */
function twins(setup: readonly string[]): { live: LiveCluster; script: Session } {
  const live = new LiveCluster();
  const script = new Session({ seed: 1 });
  for (const l of setup) {
    live.exec(l);
    script.execLine(l);
  }
  return { live, script };
}

describe('kubectl wait on the live cluster', () => {
  it('returns at once, waits while the clock runs, and ends when the condition is met, as a script prints it', () => {
    const { live, script } = twins(['kubectl create deployment web --image=nginx:1.27 --replicas=2']);
    const line = 'kubectl wait --for=condition=Available deployment/web --timeout=60s';
    const startedAt = live.session.sim.now;
    const first = live.exec(line, undefined, 11);
    expect(first).toEqual({ output: '', exitCode: 0 });
    expect(live.isWatching(11)).toBe(true);
    expect(live.session.sim.now).toBe(startedAt); // the command itself moved no time
    const scriptRun = script.execLine(line);
    const metAfterMs = script.sim.now - startedAt;
    expect(metAfterMs).toBeGreaterThan(1000);
    const run = stepToEnd(live, 11, first.output, 60);
    expect(run).toMatchObject({ text: 'deployment.apps/web condition met\n', exitCode: 0 });
    expect(run.text).toBe(scriptRun.output);
    // It ended in the step in which the script's wait was met.
    expect(run.steps).toBe(Math.ceil(metAfterMs / 1000));
    expect(live.isWatching(11)).toBe(false);
  });

  it('stands still while the clock is paused', () => {
    const { live } = twins(['kubectl create deployment web --image=nginx:1.27']);
    live.exec('kubectl wait --for=condition=Available deployment/web', undefined, 12);
    live.tick(5000); // not playing: nothing moves
    expect(live.drainWatches()).toEqual([]);
    expect(live.isWatching(12)).toBe(true);
  });

  it('times out at its deadline with kubectl\'s error and exit code 1', () => {
    const { live, script } = twins(['kubectl run never --image=nginx:0.0-nope']);
    const line = 'kubectl wait --for=condition=Ready pod/never --timeout=3s';
    const run = stepToEnd(live, 13, live.exec(line, undefined, 13).output, 10);
    expect(run).toMatchObject({ text: 'error: timed out waiting for the condition on pods/never\n', exitCode: 1, steps: 3 });
    expect(run.text).toBe(script.execLine(line).output);
  });

  it('waits for each object in turn, starting each at the instant a script would', () => {
    const setup = ['kubectl create deployment web --image=nginx:1.27 --replicas=3'];
    const { live, script } = twins(setup);
    const line = 'kubectl wait --for=condition=Ready pods -l app=web --timeout=2m';
    const run = stepToEnd(live, 14, live.exec(line, undefined, 14).output, 120);
    expect(run.exitCode).toBe(0);
    expect(run.text).toBe(script.execLine(line).output);
    expect(run.text.match(/condition met/g)).toHaveLength(3);
  });

  it('answers at once when nothing needs waiting for', () => {
    const { live } = twins(['kubectl create deployment web --image=nginx:1.27']);
    expect(live.exec('kubectl wait --for=delete pod/gone', undefined, 15)).toEqual({ output: '', exitCode: 0 });
    expect(live.isWatching(15)).toBe(false);
    expect(live.exec('kubectl wait --for=condition=Ready pod/nope', undefined, 16)).toEqual({ output: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  });

  it('stops on Ctrl-C with exit code 2; time travel ends it with 1', () => {
    const { live } = twins(['kubectl create deployment web --image=nginx:1.27']);
    live.exec('kubectl wait --for=delete deployment/web --timeout=-1s', undefined, 17);
    live.step();
    live.interrupt();
    expect(drainText(live, 17)).toEqual({ text: '', exitCode: 2 });
    live.exec('kubectl wait --for=delete deployment/web', undefined, 18);
    live.seek(0);
    expect(drainText(live, 18).exitCode).toBe(1);
    expect(live.history.view().commands).toBe(1); // the waits were reads: only the create is recorded
  });
});

describe('kubectl rollout status on the live cluster', () => {
  const SETUP_ROLLOUT = ['kubectl create deployment web --image=nginx:1.26 --replicas=3', 'sim advance 1m', 'kubectl set image deployment/web nginx=nginx:1.27'];

  it('prints each status line as the rollout moves, and ends when it is done, as a script prints it', () => {
    const { live, script } = twins(SETUP_ROLLOUT);
    const line = 'kubectl rollout status deployment/web';
    const first = live.exec(line, undefined, 21);
    expect(first.output).toMatch(/^Waiting for deployment "web" rollout to finish: \d+ out of 3 new replicas have been updated\.\.\.\n$/);
    expect(live.isWatching(21)).toBe(true);
    const run = stepToEnd(live, 21, first.output, 300);
    expect(run.exitCode).toBe(0);
    expect(run.text).toBe(script.execLine(line).output);
    expect(run.text.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(run.text.split('\n').length).toBeGreaterThan(3);
  });

  it('times out with kubectl\'s error; --timeout=0 waits until Ctrl-C', () => {
    const { live, script } = twins(SETUP_ROLLOUT);
    const line = 'kubectl rollout status deployment/web --timeout=2s';
    const run = stepToEnd(live, 22, live.exec(line, undefined, 22).output, 10);
    expect(run.exitCode).toBe(1);
    expect(run.text).toBe(script.execLine(line).output);
    expect(run.text.endsWith('error: timed out waiting for the condition\n')).toBe(true);

    // A paused rollout never finishes: a script gives up after an hour, the terminal waits until Ctrl-C.
    const paused = ['kubectl create deployment web --image=nginx:1.26 --replicas=3', 'sim advance 1m', 'kubectl rollout pause deployment/web', 'kubectl set image deployment/web nginx=nginx:1.27'];
    const other = twins(paused);
    expect(other.script.execLine('kubectl rollout status deployment/web --timeout=0').output).toMatch(/error: timed out waiting for the condition\n$/);
    other.live.exec('kubectl rollout status deployment/web --timeout=0', undefined, 23);
    other.live.setSpeed(1000);
    other.live.play();
    for (let t = 0; t < 20; t++) other.live.tick(250); // 5,000 s
    expect(other.live.session.sim.now - other.script.sim.now).toBeGreaterThan(1000_000);
    expect(drainText(other.live, 23).exitCode).toBeUndefined();
    other.live.interrupt();
    expect(drainText(other.live, 23).exitCode).toBe(2);
  });

  it('follows several objects in turn as a script does', () => {
    const setup = [...SETUP_ROLLOUT, 'kubectl create deployment api --image=nginx:1.26 --replicas=2'];
    const { live, script } = twins(setup);
    const line = 'kubectl rollout status deployment/web deployment/api';
    const run = stepToEnd(live, 24, live.exec(line, undefined, 24).output, 300);
    expect(run.exitCode).toBe(0);
    expect(run.text).toBe(script.execLine(line).output);
  });
});
