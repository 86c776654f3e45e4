/**
 * Progress that is never lost (issue 10 §5): the store (the session a reload restores, every
 * lab's progress, the sandbox, builder drafts; corrupt values set aside), the progress file's
 * pure codec (versioned JSON; size, format, version and shape checks, in plain words), the merge
 * on import, and the worker's side: the sandbox session replayed deterministically, an import
 * that restores its session, a bad import that changes nothing, and `gradeScript` equal to
 * `podlab grade --json`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLab } from '../../../src/cli/lab.ts';
import { Session } from '../../../src/commands/session.ts';
import { builtinLab } from '../../../src/labs/builtin/index.ts';
import { resolveLab } from '../../../src/labs/variants.ts';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { LabController } from '../../../src/app/labs/lab-controller.ts';
import type { LabDraft, LabState, ProgressFile, SavedProgress, SavedSandbox } from '../../../src/app/labs/lab-protocol.ts';
import {
  ALL_PROGRESS_MAX_CHARS,
  ARCHIVE_KEY,
  DRAFTS_KEY,
  loadArchive,
  loadDrafts,
  loadProgress,
  parseSavedProgress,
  PROGRESS_ASIDE_KEY,
  PROGRESS_KEY,
  saveDrafts,
  saveProgress,
} from '../../../src/app/labs/autosave.ts';
import { decodeProgressFile, describeProgressFile, encodeProgressFile, mergeProgress } from '../../../src/app/labs/progress-file.ts';
import { sessionOf } from '../../../src/app/labs/labs-client.ts';
import { MemoryStorage, state } from '../../support/lab-storage.ts';

const LAB = builtinLab('deployments-scaling')!;
const scaling: SavedProgress = { v: 1, lab: 'deployments-scaling', seed: 7, script: 'kubectl get pods\n' };
const sandbox: SavedSandbox = { v: 1, sandbox: true, seed: 1, cluster: 'sim cluster --nodes 2', script: 'kubectl create namespace a\nsim advance 5s\n' };
const draft: LabDraft = { id: 'my-lab', title: 'Mine', level: 'beginner', intro: 'Hi', steps: ['one'], hints: [], goalsYaml: '' };
const file = (over: Partial<ProgressFile> = {}): string => encodeProgressFile({ current: scaling, labs: [scaling], sandbox, drafts: [draft], ...over });
const decodeError = (text: string): string => {
  const d = decodeProgressFile(text);
  return d.ok ? '(decoded)' : d.message;
};

describe('the progress store', () => {
  it('saves the sandbox as the session a reload restores, and every lab in the archive', () => {
    const store = new MemoryStorage();
    saveProgress(scaling, store);
    saveProgress({ ...scaling, lab: 'rolling-update', seed: 2 }, store);
    saveProgress({ ...scaling, script: 'kubectl get pods\nkubectl get nodes\n' }, store);
    saveProgress(sandbox, store);
    expect(loadProgress(store).progress).toEqual(sandbox);
    const { archive } = loadArchive(store);
    // One entry per lab, the latest; the sandbox's own.
    expect(archive.labs.map((l) => [l.lab, l.script])).toEqual([
      ['rolling-update', 'kubectl get pods\n'],
      ['deployments-scaling', 'kubectl get pods\nkubectl get nodes\n'],
    ]);
    expect(archive.sandbox).toEqual(sandbox);
    // Started afresh: the reload restores the fresh start, but the archive keeps the old progress
    // until the first command.
    saveProgress({ ...sandbox, script: '' }, store);
    saveProgress({ ...scaling, seed: 9, script: '' }, store);
    expect(loadProgress(store).progress).toEqual({ ...scaling, seed: 9, script: '' });
    expect(loadArchive(store).archive.sandbox).toEqual(sandbox);
    expect(loadArchive(store).archive.labs[1]).toEqual({ ...scaling, script: 'kubectl get pods\nkubectl get nodes\n' });
    saveProgress({ ...scaling, seed: 9, script: 'kubectl get rs\n' }, store);
    expect(loadArchive(store).archive.labs[1]).toEqual({ ...scaling, seed: 9, script: 'kubectl get rs\n' });
  });

  it('checks a saved sandbox session as it checks a lab\'s progress', () => {
    expect(parseSavedProgress(JSON.stringify(sandbox))).toEqual({ ok: true, progress: sandbox });
    const msg = (v: unknown) => {
      const p = parseSavedProgress(JSON.stringify(v));
      return p.ok ? '' : p.message;
    };
    expect(msg({ ...sandbox, cluster: 'rm -rf /' })).toBe('error: the saved lab progress cannot be read: cluster must be a "sim cluster" command line');
    expect(msg({ ...sandbox, sandbox: 'yes' })).toBe('error: the saved lab progress cannot be read: sandbox must be true');
    expect(msg({ ...sandbox, lab: 'x' })).toBe('error: the saved lab progress cannot be read: unknown field "lab"');
    expect(msg({ ...sandbox, v: 3 })).toBe('error: the saved lab progress cannot be read: it was saved by a newer Podlab (version 3; this one reads version 1)');
  });

  it('sets every unreadable value aside (a second one beside the first) and starts without it', () => {
    const store = new MemoryStorage();
    store.setItem(PROGRESS_ASIDE_KEY, 'an older unreadable save');
    store.setItem(PROGRESS_KEY, JSON.stringify({ ...sandbox, v: 2 }));
    store.setItem(ARCHIVE_KEY, '{"v":1,"labs":[{"v":1}]}');
    store.setItem(DRAFTS_KEY, '{"v":1,"drafts":[{"id":"x"}]}');
    const current = loadProgress(store);
    expect(current.progress).toBeUndefined();
    expect(current.message).toBe(
      `error: the saved lab progress cannot be read: it was saved by a newer Podlab (version 2; this one reads version 1) (it was set aside under "${PROGRESS_ASIDE_KEY}.2"; the app starts without it)`,
    );
    expect(store.getItem(PROGRESS_ASIDE_KEY)).toBe('an older unreadable save');
    expect(store.getItem(`${PROGRESS_ASIDE_KEY}.2`)).toBe(JSON.stringify({ ...sandbox, v: 2 }));
    const archive = loadArchive(store);
    expect(archive.archive).toEqual({ labs: [], sandbox: null });
    expect(archive.message).toMatch(/^error: the saved progress of your labs cannot be read: labs\[0\]: seed must be a whole number/);
    expect(store.getItem(`${ARCHIVE_KEY}.unreadable`)).toBe('{"v":1,"labs":[{"v":1}]}');
    const drafts = loadDrafts(store);
    expect(drafts.drafts).toEqual([]);
    expect(drafts.message).toMatch(/^error: the saved lab builder drafts cannot be read: drafts\[0\]: unknown field|drafts\[0\]: title must be text/);
    expect(store.getItem(`${DRAFTS_KEY}.unreadable`)).toBe('{"v":1,"drafts":[{"id":"x"}]}');
    saveDrafts([draft], store);
    expect(loadDrafts(store)).toEqual({ drafts: [draft] });
  });

  it('saves what the worker reports: a lab, the sandbox (with its cluster line), nothing for the app as it opened', () => {
    const base: LabState = { mode: 'none', goals: [], script: '', now: 0 };
    expect(sessionOf(base)).toBeUndefined();
    expect(sessionOf({ ...base, mode: 'sandbox', seed: 1, cluster: 'sim cluster --nodes 2', script: 'x\n' })).toEqual({ v: 1, sandbox: true, seed: 1, cluster: 'sim cluster --nodes 2', script: 'x\n' });
  });
});

describe('the progress file', () => {
  it('is versioned JSON that reads back as it was written', () => {
    const text = file();
    expect(text.startsWith('{\n  "format": "podlab-progress",\n  "v": 1,\n  "current": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const d = decodeProgressFile(text);
    expect(d).toEqual({ ok: true, file: { format: 'podlab-progress', v: 1, current: scaling, labs: [scaling], sandbox, drafts: [draft] } });
    expect(d.ok && describeProgressFile(d.file)).toBe('1 lab, the sandbox session and 1 builder draft');
    expect(decodeProgressFile(encodeProgressFile({ current: null, labs: [], sandbox: null, drafts: [] }))).toMatchObject({ ok: true });
  });

  it('encode → decode is the identity for any well-formed progress (property)', () => {
    const text = fc.string({ maxLength: 40 });
    const labId = fc.constantFrom('deployments-scaling', 'probes', 'hpa', 'rolling-update');
    const seed = fc.nat({ max: 0xffffffff });
    const labProgress = fc.record({ v: fc.constant(1 as const), lab: labId, seed, script: text });
    const sandboxSession = fc.record(
      { v: fc.constant(1 as const), sandbox: fc.constant(true as const), seed, cluster: fc.constantFrom('sim cluster', 'sim cluster --nodes 2'), script: text },
      { requiredKeys: ['v', 'sandbox', 'seed', 'script'] },
    );
    const labDraft = fc.record({
      id: text,
      title: text,
      level: fc.constantFrom('beginner' as const, 'intermediate' as const, 'advanced' as const),
      intro: text,
      steps: fc.array(text, { maxLength: 4 }),
      hints: fc.array(text, { maxLength: 4 }),
      goalsYaml: text,
    });
    fc.assert(
      fc.property(
        fc.option(fc.oneof(labProgress, sandboxSession), { nil: null }),
        fc.uniqueArray(labProgress, { selector: (l) => l.lab, maxLength: 4 }),
        fc.option(sandboxSession, { nil: null }),
        fc.array(labDraft, { maxLength: 3 }),
        (current, labs, sandbox, drafts) => {
          const f = { current, labs, sandbox, drafts };
          const d = decodeProgressFile(encodeProgressFile(f));
          expect(d).toEqual({ ok: true, file: { format: 'podlab-progress', v: 1, ...f } });
        },
      ),
      { seed: 10, numRuns: 200 },
    );
  });

  it('refuses what is too big, not JSON, not a progress file, newer, or malformed — saying what is wrong', () => {
    const prefix = 'error: the progress file cannot be imported:';
    expect(decodeError('x'.repeat(ALL_PROGRESS_MAX_CHARS + 1))).toBe(`${prefix} it is ${ALL_PROGRESS_MAX_CHARS + 1} characters, more than ${ALL_PROGRESS_MAX_CHARS}`);
    expect(decodeError(file().slice(0, 50))).toBe(`${prefix} it is not JSON (a Podlab progress file is the JSON that "Export progress" downloads)`);
    expect(decodeError('[1]')).toBe(`${prefix} it is not a Podlab progress file (not a JSON object)`);
    expect(decodeError('{"v":1}')).toBe(`${prefix} it is not a Podlab progress file (no "format": "podlab-progress")`);
    const edit = (f: (o: Record<string, unknown>) => void): string => {
      const o = JSON.parse(file()) as Record<string, unknown>;
      f(o);
      return decodeError(JSON.stringify(o));
    };
    expect(edit((o) => (o.v = 2))).toBe(`${prefix} it was exported by a newer Podlab (version 2; this one reads version 1)`);
    expect(edit((o) => (o.v = '1'))).toBe(`${prefix} "v" must be 1`);
    expect(edit((o) => (o.extra = true))).toBe(`${prefix} unknown field "extra"`);
    expect(edit((o) => (o.labs = {}))).toBe(`${prefix} labs must be a list`);
    expect(edit((o) => (o.labs = [scaling, { ...scaling, seed: 9 }]))).toBe(`${prefix} labs[1]: a second entry for lab "deployments-scaling"`);
    expect(edit((o) => (o.labs = [{ ...scaling, seed: 1.5 }]))).toBe(`${prefix} labs[0]: seed must be a whole number from 0 to 4294967295`);
    expect(edit((o) => (o.labs = [sandbox]))).toBe(`${prefix} labs[0]: it is a sandbox session, not a lab's progress`);
    expect(edit((o) => (o.current = { ...scaling, lab: '<img src=x onerror=alert(1)>' }))).toBe(`${prefix} current: lab id "<img src=x onerror=alert(1)>" is not a lab id`);
    expect(edit((o) => (o.sandbox = scaling))).toBe(`${prefix} sandbox: it is a lab's progress, not a sandbox session`);
    expect(edit((o) => (o.drafts = [{ ...draft, level: 'expert' }]))).toBe(`${prefix} drafts[0]: level must be one of beginner, intermediate, advanced`);
    expect(edit((o) => (o.drafts = [{ ...draft, steps: [1] }]))).toBe(`${prefix} drafts[0]: steps must be a list of text`);
  });

  it('merges into what is saved: the file\'s entries win, the rest is kept', () => {
    const d = decodeProgressFile(file({ labs: [{ ...scaling, seed: 9 }], sandbox: null, drafts: [{ ...draft, title: 'From the file' }, { ...draft, id: 'other' }] }));
    if (!d.ok) throw new Error(d.message);
    const rolling: SavedProgress = { v: 1, lab: 'rolling-update', seed: 1, script: '' };
    const merged = mergeProgress({ labs: [scaling, rolling], sandbox, drafts: [draft, { ...draft, id: 'mine' }] }, d.file);
    expect(merged.labs).toEqual([rolling, { ...scaling, seed: 9 }]);
    expect(merged.sandbox).toEqual(sandbox);
    expect(merged.drafts.map((x) => [x.id, x.title])).toEqual([
      ['my-lab', 'From the file'],
      ['mine', 'Mine'],
      ['other', 'Mine'],
    ]);
  });
});

describe('the worker: sandbox sessions, imports, grading a script', () => {
  it('replays a saved sandbox session (its cluster line and log) to the same state', async () => {
    const a = new LiveCluster();
    const labsA = new LabController(a);
    await labsA.handle({ kind: 'sandbox' });
    a.exec('kubectl create deployment web --image=nginx:1.26 --replicas=2');
    a.exec('sim advance 20s');
    a.exec('sim cluster --nodes 2');
    a.exec('kubectl create deployment api --image=nginx:1.26 --replicas=3');
    a.play();
    a.tick(400);
    a.tick(300);
    a.pause();
    a.exec('sim advance 7s');
    const saved = state(await labsA.handle({ kind: 'status' }));
    expect(saved.mode).toBe('sandbox');
    expect(saved.cluster).toBe('sim cluster --nodes 2');
    expect(saved.script).toMatch(/^kubectl create deployment api --image=nginx:1\.26 --replicas=3\nsim advance \d+ms\nsim advance 7s\n$/);
    const session = sessionOf(saved)!;
    expect(parseSavedProgress(JSON.stringify(session))).toEqual({ ok: true, progress: session });

    const b = new LiveCluster();
    const labsB = new LabController(b);
    const restored = state(await labsB.handle({ kind: 'restore', saved: session }));
    expect(restored.mode).toBe('sandbox');
    expect(restored.script).toBe(saved.script);
    expect(b.session.sim.traceHash()).toBe(a.session.sim.traceHash());
    // And again: deterministic.
    const c = new LiveCluster();
    await new LabController(c).handle({ kind: 'restore', saved: session });
    expect(c.session.sim.traceHash()).toBe(a.session.sim.traceHash());
  });

  it('imports a file: checks every lab and script, then restores its session; a bad file changes nothing', async () => {
    const live = new LiveCluster();
    const labs = new LabController(live);
    await labs.handle({ kind: 'start', lab: 'rolling-update', seed: 3 });
    live.exec('sim advance 10s');
    const before = live.session.sim.traceHash();
    const prefix = 'error: the progress file cannot be imported:';
    const bad: [string, string][] = [
      [file({ labs: [{ ...scaling, lab: 'no-such-lab' }] }), `${prefix} labs[0]: no built-in lab "no-such-lab"`],
      [file({ current: { ...scaling, script: "kubectl get 'pods\n" } }), `${prefix} current: line 1:`],
      [file({ sandbox: { ...sandbox, cluster: 'sim cluster --nodes "2' } }), `${prefix} sandbox: "sim cluster --nodes \\"2" is not a sim cluster command`],
      [file({ labs: [{ ...scaling, lab: { id: 'x', title: 'inline' } as unknown as string }] }), `${prefix} labs[0]: `],
      ['{"format":"podlab-progress","v":7}', `${prefix} it was exported by a newer Podlab (version 7; this one reads version 1)`],
    ];
    for (const [text, message] of bad) {
      const r = await labs.handle({ kind: 'import', text });
      expect(r.kind, message).toBe('error');
      if (r.kind === 'error') expect(r.message.startsWith(message), `${r.message} / ${message}`).toBe(true);
      expect(live.session.sim.traceHash()).toBe(before);
      expect(state(await labs.handle({ kind: 'status' })).lab?.id).toBe('rolling-update');
    }

    const v = resolveLab(LAB, 7);
    const good = file({ current: { ...scaling, script: `kubectl scale deployment/${String(v.values.app)} --replicas=${String(v.values.n)}\nsim advance 20s\n` } });
    const r = await labs.handle({ kind: 'import', text: good });
    if (r.kind !== 'imported') throw new Error(JSON.stringify(r));
    expect(r.state?.lab?.id).toBe('deployments-scaling');
    expect(r.output).toBe('replayed 2 commands');
    expect(r.file.drafts).toEqual([draft]);
    const fresh = new LiveCluster();
    await new LabController(fresh).handle({ kind: 'restore', saved: r.file.current! });
    expect(live.session.sim.traceHash()).toBe(fresh.session.sim.traceHash());

    // A file with no current session: checked, nothing restored.
    const none = await labs.handle({ kind: 'import', text: file({ current: null }) });
    expect(none.kind === 'imported' && none.state).toBeUndefined();
    expect(live.session.sim.traceHash()).toBe(fresh.session.sim.traceHash());
  });

  it('grades a script as `podlab grade --json` prints it, byte for byte, without touching the live cluster', async () => {
    const live = new LiveCluster();
    const labs = new LabController(live);
    const before = live.session.sim.traceHash();
    expect(before).toBe(new Session({ seed: 1 }).sim.traceHash());
    const dir = mkdtempSync(join(tmpdir(), 'podlab-grade-'));
    for (const [script, ok] of [
      [resolveLab(LAB, 4).solution, true],
      ['kubectl get pods\n', false],
    ] as const) {
      const r = await labs.handle({ kind: 'gradeScript', lab: LAB.id, seed: 4, script });
      if (r.kind !== 'report') throw new Error(JSON.stringify(r));
      const f = join(dir, `${String(ok)}.podlab`);
      writeFileSync(f, script);
      let out = '';
      expect(await runLab(['check', LAB.id, f, '--seed', '4', '--json'], { out: (t) => (out += t), err: (t) => (out += t) })).toBe(ok ? 0 : 1);
      expect(`${r.json}\n`).toBe(out);
      expect(r.ok).toBe(ok);
    }
    expect(live.session.sim.traceHash()).toBe(before);
  });
});
