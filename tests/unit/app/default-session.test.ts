/**
 * The session the app opens on is the sandbox's (issue 10 §5, "progress that is never lost"):
 * the worker reports the default cluster as the sandbox from the start, its log (and `sim
 * cluster` line) replays to the same trace hash, the client saves it per command and never per
 * tick, a session untouched saves nothing (a reload boots as a fresh profile), the time played
 * before leaving the page is kept, a session too large to save is set aside with a message, and
 * a save the worker refuses is set aside too.
 */
import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { LabController } from '../../../src/app/labs/lab-controller.ts';
import type { LabState, SavedSandbox } from '../../../src/app/labs/lab-protocol.ts';
import {
  ARCHIVE_KEY,
  loadArchive,
  loadProgress,
  PROGRESS_ASIDE_KEY,
  PROGRESS_KEY,
  PROGRESS_MAX_CHARS,
  saveProgress,
  saveSession,
  setAsideProgress,
  TOO_LARGE_KEY,
} from '../../../src/app/labs/autosave.ts';
import { playedUntil, saveKey, sessionOf, unsavedReason } from '../../../src/app/labs/labs-client.ts';
import type { ClusterView } from '../../../src/app/protocol.ts';
import { Session } from '../../../src/commands/session.ts';
import { MemoryStorage, state } from '../../support/lab-storage.ts';

async function restored(session: SavedSandbox): Promise<LiveCluster> {
  const live = new LiveCluster();
  const r = await new LabController(live).handle({ kind: 'restore', saved: session });
  expect(state(r).mode).toBe('sandbox');
  return live;
}

describe('the default session is the sandbox session', () => {
  it('is reported as the sandbox from the start, untouched: the same as nothing saved', async () => {
    const live = new LiveCluster();
    const s = state(await new LabController(live).handle({ kind: 'status' }));
    expect(s.mode).toBe('sandbox');
    expect(sessionOf(s)).toEqual({ v: 1, sandbox: true, seed: 1, script: '' });
    expect(live.session.sim.traceHash()).toBe(new Session({ seed: 1 }).sim.traceHash());
  });

  it('replays its commands, played time and steps to the same trace hash', async () => {
    const a = new LiveCluster();
    const labs = new LabController(a);
    a.exec('kubectl create deployment web --image=nginx:1.26 --replicas=3');
    a.play();
    a.tick(700);
    a.tick(450);
    a.pause();
    a.exec('kubectl scale deployment/web --replicas=1');
    a.step();
    const s = state(await labs.handle({ kind: 'status' }));
    expect(s.script).toMatch(/^kubectl create deployment web --image=nginx:1\.26 --replicas=3\nsim advance \d+ms\nkubectl scale deployment\/web --replicas=1\nsim advance 1s\n$/);
    const session = sessionOf(s) as SavedSandbox;
    expect(session).toEqual({ v: 1, sandbox: true, seed: 1, script: s.script });
    expect((await restored(session)).session.sim.traceHash()).toBe(a.session.sim.traceHash());
  });

  it('keeps the `sim cluster` line typed in the default session', async () => {
    const a = new LiveCluster();
    const labs = new LabController(a);
    a.exec('kubectl create namespace gone');
    a.exec('sim cluster --nodes 2');
    a.exec('kubectl create deployment api --image=nginx:1.26 --replicas=2');
    a.exec('sim advance 10s');
    const session = sessionOf(state(await labs.handle({ kind: 'status' }))) as SavedSandbox;
    expect(session).toEqual({ v: 1, sandbox: true, seed: 1, cluster: 'sim cluster --nodes 2', script: 'kubectl create deployment api --image=nginx:1.26 --replicas=2\nsim advance 10s\n' });
    expect((await restored(session)).session.sim.traceHash()).toBe(a.session.sim.traceHash());
  });

  it('keeps the time played after the last save when the page is left (playedUntil)', async () => {
    const a = new LiveCluster();
    const labs = new LabController(a);
    a.exec('kubectl create deployment web --image=nginx:1.26 --replicas=2');
    a.play();
    // Saved at Play: the log so far.
    const atPlay = state(await labs.handle({ kind: 'status' }));
    a.tick(900);
    a.tick(1300);
    const left = playedUntil(atPlay, a.session.sim.now);
    expect(left.now).toBe(a.session.sim.now);
    expect(left.script).toBe(`${atPlay.script}sim advance ${a.session.sim.now - atPlay.now}ms\n`);
    expect((await restored(sessionOf(left) as SavedSandbox)).session.sim.traceHash()).toBe(a.session.sim.traceHash());
    expect(playedUntil(atPlay, atPlay.now)).toBe(atPlay);
  });
});

describe('saveKey: per command, never per tick', () => {
  const view = (over: Partial<ClusterView>, history: Partial<NonNullable<ClusterView['history']>> = {}): ClusterView =>
    ({ now: 1000, playing: false, traceHash: 'h1', history: { start: 0, end: 1000, past: false, markers: [], snapshots: 1, commands: 0, ...history }, ...over }) as ClusterView;

  it('ignores the ticks of a running clock in the sandbox and in the session the app opened on', () => {
    for (const mode of ['sandbox', undefined] as const) {
      const a = saveKey(mode, view({ playing: true, now: 1000, traceHash: 'h1' }));
      expect(saveKey(mode, view({ playing: true, now: 5000, traceHash: 'h2' }, { end: 5000, snapshots: 3 }))).toBe(a);
      // A command, Pause, time travel: saved.
      expect(saveKey(mode, view({ playing: true, now: 5000, traceHash: 'h2' }, { commands: 1 }))).not.toBe(a);
      expect(saveKey(mode, view({ playing: false }))).not.toBe(a);
      expect(saveKey(mode, view({ playing: true }, { past: true }))).not.toBe(a);
      expect(saveKey(mode, view({ playing: true }, { lastForkAt: 500 }))).not.toBe(a);
    }
  });

  it('saves a step or a command while paused, and every change in a lab (its goals are live)', () => {
    const paused = saveKey('sandbox', view({}));
    expect(saveKey('sandbox', view({ now: 2000 }))).not.toBe(paused);
    expect(saveKey('sandbox', view({ traceHash: 'h2' }))).not.toBe(paused);
    expect(saveKey('sandbox', view({}))).toBe(paused);
    const lab = saveKey('lab', view({ playing: true }));
    expect(saveKey('lab', view({ playing: true, now: 1100 }))).not.toBe(lab);
    expect(saveKey('none', view({}))).toBeUndefined();
  });
});

describe('saving the session', () => {
  const sandbox = (script: string): SavedSandbox => ({ v: 1, sandbox: true, seed: 1, script });

  it('does not save a log whose oldest commands the history dropped (it would replay to another state); says why once', () => {
    const state: LabState = { mode: 'sandbox', goals: [], script: 'kubectl get pods\n', now: 0, seed: 1 };
    expect(sessionOf(state)).toBeDefined();
    const truncated: LabState = { ...state, logNote: 'The oldest commands were dropped from the history (more than it keeps): the log no longer starts at the lab\'s start.' };
    expect(sessionOf(truncated)).toBeUndefined();
    expect(unsavedReason(truncated)).toBe(
      'error: your session is too long to save: the history dropped its oldest commands, so its log no longer replays to this state; the last complete save is kept',
    );
    expect(unsavedReason(state)).toBeUndefined();
  });

  it('sets a session too large to save aside with a message; a reload starts clean and the archive keeps the last that fit', () => {
    const store = new MemoryStorage();
    const small = sandbox('kubectl create namespace a\n');
    expect(saveSession(small, store)).toEqual({ archive: { labs: [], sandbox: small } });
    const big = sandbox(`kubectl create namespace b\n${'kubectl get pods\n'.repeat(PROGRESS_MAX_CHARS / 16)}`);
    const r = saveSession(big, store);
    const length = JSON.stringify(big).length;
    expect(r.tooLarge).toBe(
      `error: your sandbox session is too large to save: it is ${length} characters, more than ${PROGRESS_MAX_CHARS} (it was set aside under "${TOO_LARGE_KEY}"); a reload starts clean, and "Resume" picks up the last sandbox session that fit`,
    );
    expect(store.getItem(TOO_LARGE_KEY)).toBe(JSON.stringify(big));
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
    expect(loadProgress(store)).toEqual({});
    expect(r.archive.sandbox).toEqual(small);
    expect(loadArchive(store)).toEqual({ archive: { labs: [], sandbox: small } });
    // Small again: saved as before.
    saveProgress(sandbox('kubectl get pods\n'), store);
    expect(loadProgress(store).progress).toEqual(sandbox('kubectl get pods\n'));
    expect(JSON.parse(store.getItem(ARCHIVE_KEY)!).sandbox).toEqual(sandbox('kubectl get pods\n'));
  });

  it('sets aside a save the worker refused, without deleting it', () => {
    const store = new MemoryStorage();
    const text = JSON.stringify({ v: 1, lab: 'no-such-lab', seed: 1, script: '' });
    store.setItem(PROGRESS_KEY, text);
    store.setItem(PROGRESS_ASIDE_KEY, 'older');
    expect(setAsideProgress(store)).toBe(`(it was set aside under "${PROGRESS_ASIDE_KEY}.2"; the app starts without it)`);
    expect(store.getItem(`${PROGRESS_ASIDE_KEY}.2`)).toBe(text);
    expect(store.getItem(PROGRESS_ASIDE_KEY)).toBe('older');
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
    expect(setAsideProgress(store)).toBe('(the app starts without it)');
  });
});
