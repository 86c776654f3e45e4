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

  it('stops on Ctrl-C with exit code 130 and prints nothing after', () => {
    const live = new LiveCluster();
    live.exec(SETUP[0]);
    live.exec('kubectl get pods -w', undefined, 3);
    live.step();
    live.interrupt();
    const d = drainText(live, 3);
    expect(d.exitCode).toBe(130);
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
