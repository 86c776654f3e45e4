/**
 * The labs' app glue: the command log as a script, the autosave's checks, and the worker's
 * LabController on a LiveCluster in Node: a lab's start replaces the cluster and its history,
 * the log replays to the same trace hash, grading equals gradeLab, links round-trip, a bad link
 * changes nothing, and a lab's timed event survives time travel.
 */
import { describe, expect, it } from 'vitest';
import { builtinLab } from '../../../src/labs/builtin/index.ts';
import { gradeLab, playCommands, scriptCommands, startLab } from '../../../src/labs/play.ts';
import { resolveLab } from '../../../src/labs/variants.ts';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { LabController } from '../../../src/app/labs/lab-controller.ts';
import { advanceLine, commandLogScript, commandText, heredocDelimiter } from '../../../src/app/labs/command-log.ts';
import { loadProgress, parseSavedProgress, PROGRESS_ASIDE_KEY, PROGRESS_KEY, saveProgress } from '../../../src/app/labs/autosave.ts';
import { MemoryStorage, state } from '../../support/lab-storage.ts';

describe('command log → script', () => {
  it('writes gaps as sim advance in an exact unit', () => {
    expect(advanceLine(120_000)).toBe('sim advance 2m');
    expect(advanceLine(7_200_000)).toBe('sim advance 2h');
    expect(advanceLine(1500)).toBe('sim advance 1500ms');
    expect(advanceLine(3000)).toBe('sim advance 3s');
  });

  it('re-quotes words, adds heredocs with a free delimiter, and the time between commands', () => {
    expect(commandText(`kubectl annotate pod/a  note='two words'`)).toBe("kubectl annotate pod/a 'note=two words'\n");
    expect(heredocDelimiter('a\nEOF\nEOF1\n')).toBe('EOF2');
    const script = commandLogScript(
      [
        { at: 1000, end: 1000, line: 'kubectl apply -f -', stdin: 'kind: X\nEOF\n' },
        { at: 1000, end: 31_000, line: 'sim advance 30s' },
        { at: 32_500, end: 32_500, line: 'kubectl scale deploy/web --replicas=3' },
      ],
      0,
      40_000,
    );
    expect(script).toBe(
      'sim advance 1s\nkubectl apply -f - <<EOF1\nkind: X\nEOF\nEOF1\nsim advance 30s\nsim advance 1500ms\nkubectl scale deploy/web --replicas=3\nsim advance 7500ms\n',
    );
    // It reads back as the same commands.
    expect(scriptCommands(script).map((c) => [c.words.join(' '), c.stdin])).toEqual([
      ['sim advance 1s', undefined],
      ['kubectl apply -f -', 'kind: X\nEOF\n'],
      ['sim advance 30s', undefined],
      ['sim advance 1500ms', undefined],
      ['kubectl scale deploy/web --replicas=3', undefined],
      ['sim advance 7500ms', undefined],
    ]);
  });

  it('adds the newline a heredoc body always ends with', () => {
    expect(commandText('kubectl apply -f -', 'a: 1')).toBe('kubectl apply -f - <<EOF\na: 1\nEOF\n');
  });
});

describe('lab builder form', () => {
  it('turns the common goal form into YAML the lab schema accepts', async () => {
    const { goalYaml } = await import('../../../src/app/views/labs/LabBuilder.tsx');
    const text = goalYaml('deploymentAvailable', { name: 'web', replicas: '3', image: '' }, 1) + goalYaml('pods', { selector: 'app=db', count: '0' }, 2);
    expect(text).toBe(
      '- id: goal-1\n  title: "Deployment available: web, 3"\n  check: {type: deploymentAvailable, name: "web", replicas: 3}\n' +
        '- id: goal-2\n  title: "Pods by selector: app=db, 0"\n  check: {type: pods, selector: "app=db", count: 0}\n',
    );
    const live = new LiveCluster();
    const r = await new LabController(live).handle({ kind: 'testGoals', goalsYaml: text });
    expect(r.kind === 'goals' ? r.goals.map((g) => [g.id, g.pass]) : r).toEqual([
      ['goal-1', false],
      ['goal-2', true],
    ]);
  });
});

describe('autosave', () => {
  it('accepts a well-formed save and rejects what is not, saying why', () => {
    expect(parseSavedProgress(JSON.stringify({ v: 1, lab: 'deployments-scaling', seed: 7, script: 'sim advance 1s\n' }))).toEqual({
      ok: true,
      progress: { v: 1, lab: 'deployments-scaling', seed: 7, script: 'sim advance 1s\n' },
    });
    const msg = (t: string) => {
      const p = parseSavedProgress(t);
      return p.ok ? '' : p.message;
    };
    expect(msg('{not json')).toBe('error: the saved lab progress cannot be read: it is not JSON');
    expect(msg('[]')).toBe('error: the saved lab progress cannot be read: it is not an object');
    expect(msg(JSON.stringify({ v: 2, lab: 'x', seed: 1, script: '' }))).toContain('saved by a newer Podlab (version 2');
    expect(msg(JSON.stringify({ v: 1, lab: 'x', seed: -1, script: '' }))).toContain('seed must be a whole number');
    expect(msg(JSON.stringify({ v: 1, lab: 'Bad Id', seed: 1, script: '' }))).toContain('is not a lab id');
    expect(msg(JSON.stringify({ v: 1, lab: 'x', seed: 1, script: '', extra: 1 }))).toContain('unknown field "extra"');
    expect(msg(JSON.stringify({ v: 1, lab: 'x', seed: 1, script: 3 }))).toContain('script must be text');
  });

  it('sets a corrupt save aside, reports it and leaves the rest of storage alone', () => {
    const store = new MemoryStorage();
    store.setItem('podlab.theme', 'dark');
    store.setItem(PROGRESS_KEY, '{"v":1,"lab":');
    const r = loadProgress(store);
    expect(r.progress).toBeUndefined();
    expect(r.message).toMatch(/^error: the saved lab progress cannot be read: it is not JSON \(it was set aside/);
    expect(store.getItem(PROGRESS_ASIDE_KEY)).toBe('{"v":1,"lab":');
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
    expect(store.getItem('podlab.theme')).toBe('dark');
    saveProgress({ v: 1, lab: 'deployments-scaling', seed: 3, script: '' }, store);
    expect(loadProgress(store).progress).toEqual({ v: 1, lab: 'deployments-scaling', seed: 3, script: '' });
  });
});

describe('LabController on the live cluster', () => {
  const lab = builtinLab('deployments-scaling')!;
  const SEED = 7;

  it('starts a lab as a new history, logs the student, and grades exactly as gradeLab', async () => {
    const live = new LiveCluster();
    live.exec('kubectl create namespace before');
    const labs = new LabController(live);
    const start = state(await labs.handle({ kind: 'start', lab: lab.id, seed: SEED }));
    expect(start.mode).toBe('lab');
    expect(start.goals.map((g) => g.pass)).toEqual([false, false]);
    expect(start.script).toBe('');
    // The lab's start state, not the cluster before, and a history that starts there.
    const fresh = startLab(lab, SEED);
    expect(live.session.sim.traceHash()).toBe(fresh.session.sim.traceHash());
    expect(live.history.start).toBe(fresh.startMs);
    expect(live.history.view().commands).toBe(0);

    // The solution, typed with time played in between (ticks), as in the app.
    const solution = resolveLab(lab, SEED).solution;
    live.play();
    for (const c of scriptCommands(solution)) {
      live.tick(200);
      live.tick(130);
      live.exec(c.words.join(' '), c.stdin);
    }
    live.tick(250);
    live.pause();
    const done = state(await labs.handle({ kind: 'status' }));
    expect(done.goals.every((g) => g.pass)).toBe(true);

    // The log replays to the same state in a fresh copy of the lab.
    const replay = startLab(lab, SEED);
    playCommands(replay, scriptCommands(done.script));
    expect(replay.session.sim.traceHash()).toBe(live.session.sim.traceHash());

    const graded = await labs.handle({ kind: 'grade' });
    if (graded.kind !== 'grade') throw new Error(JSON.stringify(graded));
    const node = gradeLab(lab, SEED, done.script);
    expect(graded.grade.ok).toBe(true);
    expect(graded.grade.traceHash).toBe(node.traceHash);
    expect(graded.grade.text).toContain('score: 2/2 goals — passed');
    // Grading ran in a copy: the live cluster did not move.
    expect(live.session.sim.traceHash()).toBe(replay.session.sim.traceHash());

    // sim cluster would leave the lab: refused, not logged.
    expect(live.exec('sim cluster --nodes 1')).toEqual({ output: "sim cluster is not allowed in a lab: it would replace the lab's cluster\n", exitCode: 2 });
    expect(state(await labs.handle({ kind: 'status' })).script).toBe(done.script);
  });

  it('shares a link that opens to the same state, and a bad link changes nothing', async () => {
    const a = new LiveCluster();
    const labsA = new LabController(a);
    await labsA.handle({ kind: 'start', lab: lab.id, seed: SEED });
    a.exec(`kubectl scale deployment/${String(resolveLab(lab, SEED).values.app)} --replicas=5`);
    a.exec('sim advance 12s');
    a.exec('sim bogus'); // a script error: not in the log
    const link = await labsA.handle({ kind: 'share' });
    if (link.kind !== 'link') throw new Error(JSON.stringify(link));
    expect(link.link).toMatch(/^v1\.[A-Za-z0-9_-]+$/);

    const b = new LiveCluster();
    const labsB = new LabController(b);
    const opened = await labsB.handle({ kind: 'open', link: link.link });
    expect(state(opened).lab?.id).toBe(lab.id);
    expect(b.session.sim.traceHash()).toBe(a.session.sim.traceHash());

    const before = b.session.sim.traceHash();
    for (const bad of ['v1.AAAA', 'v9.abc', `${link.link.slice(0, -6)}!!`, 'nonsense']) {
      const r = await labsB.handle({ kind: 'open', link: bad });
      expect(r.kind).toBe('error');
      if (r.kind === 'error') expect(r.message).toMatch(/^error: invalid share link: /);
    }
    const { encodeShareLink } = await import('../../../src/labs/share.ts');
    expect(await labsB.handle({ kind: 'open', link: await encodeShareLink({ lab: 'no-such-lab', seed: 1, script: '' }) })).toEqual({
      kind: 'error',
      message: 'error: invalid share link: the link names lab "no-such-lab", which is not a built-in lab',
    });
    const unknown = await labsB.handle({ kind: 'restore', saved: { v: 1, lab: 'no-such-lab', seed: 1, script: '' } });
    expect(unknown).toEqual({ kind: 'error', message: 'error: no built-in lab "no-such-lab"' });
    expect(b.session.sim.traceHash()).toBe(before);
    expect(state(await labsB.handle({ kind: 'status' })).lab?.id).toBe(lab.id);
  });

  it('keeps a timed lab event through time travel (the restored cluster still fails the node)', async () => {
    const nodeLab = builtinLab('node-failure')!;
    expect(nodeLab.sim?.length).toBeGreaterThan(0);
    const live = new LiveCluster();
    const labs = new LabController(live);
    const s = state(await labs.handle({ kind: 'start', lab: nodeLab.id, seed: 2 }));
    expect(s.lab?.events[0]).toMatch(/fails .* after the start/);
    live.exec('sim advance 30s');
    live.exec('kubectl create namespace x');
    live.exec('sim advance 10m');
    // Back in time (a snapshot restored, commands replayed), then a new future from there that
    // passes the node failure at 1m: the restored cluster must still have the lab's timer handler.
    live.seek(live.history.start + 45_000);
    expect(live.history.past).toBe(true);
    expect(live.exec('kubectl create namespace y').exitCode).toBe(0);
    expect(live.exec('sim advance 5m')).toMatchObject({ exitCode: 0 });
    const failing = resolveLab(nodeLab, 2).sim![0].node;
    expect(live.exec(`kubectl get node ${failing} --no-headers`).output).toMatch(/NotReady/);
    const script = state(await labs.handle({ kind: 'status' })).script;
    // The seek landed at 30 s: `sim advance 10m` was running at 45 s, and a command is atomic.
    expect(script).toBe('sim advance 30s\nkubectl create namespace x\nkubectl create namespace y\nsim advance 5m\n');
    const replay = startLab(nodeLab, 2);
    playCommands(replay, scriptCommands(script));
    expect(live.session.sim.traceHash()).toBe(replay.session.sim.traceHash());
  });

  it('tests a builder draft\'s goals against the current cluster and exports it as YAML and a link', async () => {
    const live = new LiveCluster();
    const labs = new LabController(live);
    await labs.handle({ kind: 'sandbox' });
    live.exec('kubectl create deployment web --image=nginx:1.26 --replicas=2');
    live.exec('sim advance 30s');
    const goalsYaml = '- id: web\n  title: web runs 2\n  check: {type: deploymentAvailable, name: web, replicas: 2}\n- id: three\n  title: web runs 3\n  check: {type: deploymentAvailable, name: web, replicas: 3}\n';
    const tested = await labs.handle({ kind: 'testGoals', goalsYaml });
    if (tested.kind !== 'goals') throw new Error(JSON.stringify(tested));
    expect(tested.goals.map((g) => g.pass)).toEqual([true, false]);
    const bad = await labs.handle({ kind: 'testGoals', goalsYaml: '- id: x\n  title: t\n  check: {type: nope}\n' });
    expect(bad.kind).toBe('error');
    const built = await labs.handle({ kind: 'build', draft: { id: 'my-lab', title: 'Mine', level: 'beginner', intro: 'Hi', steps: ['Scale web'], hints: [], goalsYaml } });
    if (built.kind !== 'built') throw new Error(JSON.stringify(built));
    expect(built.yaml).toContain('id: my-lab');
    expect(built.yaml).toContain('kubectl create deployment web');
    // The built lab starts where the cluster is now.
    const b = new LiveCluster();
    const labsB = new LabController(b);
    state(await labsB.handle({ kind: 'open', link: built.link }));
    expect(b.session.sim.traceHash()).toBe(live.session.sim.traceHash());
  });
});
