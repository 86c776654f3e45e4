/**
 * `podlab lab ...` (and the `labs` / `grade` aliases): listing, starting, grading scripts and
 * manifests with the exit codes, YAML export and loading a lab file, share links, and the error
 * wording. Most cases call the CLI module in-process; one spawns `bin/podlab.mjs` for real exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { runLab } from '../../../src/cli/lab.ts';
import { BUILTIN_LABS, builtinLab } from '../../../src/labs/builtin/index.ts';
import { resolveLab } from '../../../src/labs/variants.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function lab(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runLab(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-labs-'));
});

describe('podlab lab', () => {
  it('list prints every built-in lab in course order', async () => {
    const r = await lab('list');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(BUILTIN_LABS.length);
    expect(lines[0]).toMatch(/^ 1 {2}pods-containers +beginner +Pods and containers: images, logs and exec$/);
    expect(lines[13]).toMatch(/^14 {2}quotas-limits +advanced +ResourceQuotas and LimitRanges$/);
  });

  it('start prints the variant\'s story, goals and setup transcript', async () => {
    const r = await lab('start', 'deployments-scaling', '--seed', '3', '--hints');
    const v = resolveLab(builtinLab('deployments-scaling')!, 3);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('Deployments: scaling up and down\nlab deployments-scaling · beginner · seed 3\n\n')).toBe(true);
    expect(r.out).toContain(`1. Traffic is coming: scale Deployment ${v.values.app} to ${v.values.n} replicas`);
    expect(r.out).toContain(`Goals:\n  - Deployment ${v.values.app} has ${v.values.n} available replicas\n`);
    expect(r.out).toContain(`Hints:\n  - kubectl scale deployment/${v.values.app} --replicas=${v.values.n}\n`);
    expect(r.out).toContain('Setup:\n$ kubectl apply -f - <<EOF\ndeployment.apps/');
  });

  it('check grades a script: ✓ for each goal and exit 0; ✗ with reasons and exit 1', async () => {
    const v = resolveLab(builtinLab('deployments-scaling')!, 3);
    const good = await lab('check', 'deployments-scaling', '--seed', '3', file('good.podlab', v.solution));
    expect(good.code).toBe(0);
    expect(good.out).toContain(`✓ Deployment ${v.values.app} has ${v.values.n} available replicas\n    deployment "${v.values.app}": ${v.values.n} replicas available\n`);
    expect(good.out).toContain('score: 2/2 goals — passed\ntrace hash: ');
    const bad = await lab('check', 'deployments-scaling', file('bad.podlab', `kubectl scale deploy/${v.values.app} --replicas=1\n`), '--seed=3');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`✗ Deployment ${v.values.app} has ${v.values.n} available replicas\n    deployment "${v.values.app}" wants 1 replica, not ${v.values.n}\n`);
    expect(bad.out).toContain('score: 0/2 goals\n');
  });

  it('check is deterministic and prints JSON with --json', async () => {
    const script = file('json.podlab', 'kubectl get pods\n');
    const a = await lab('check', 'probes', script, '--json');
    const b = await lab('check', 'probes', script, '--json');
    expect(a.out).toBe(b.out);
    const report = JSON.parse(a.out);
    expect(report).toMatchObject({ labId: 'probes', seed: 1, ok: false, passed: 0, total: 2 });
    expect(report.traceHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('check applies manifest files as a submission', async () => {
    const v = resolveLab(builtinLab('volumes')!, 2);
    const manifest = file('pvc.yaml', `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${v.values.pvc}}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: ${v.values.size}Gi}}\n`);
    const r = await lab('check', 'volumes', manifest, file('wait.podlab', 'sim advance 30s\n'), '--seed', '2');
    expect(r.out).toContain('score: 2/2 goals — passed');
    expect(r.code).toBe(0);
  });

  it('check refuses sim cluster in a submission and reports where', async () => {
    const r = await lab('check', 'deployments-scaling', file('reset.podlab', 'kubectl get pods\nsim cluster --nodes 1\nkubectl get nodes\n'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`error: ${join(dir, 'reset.podlab')}:2: sim cluster is not allowed in a lab: it would replace the lab's cluster\n`);
  });

  it('export writes YAML that loads back by path, and a bad file fails in kubectl\'s words', async () => {
    const y = await lab('export', 'hpa');
    expect(y.code).toBe(0);
    expect(y.out.startsWith('id: hpa\n')).toBe(true);
    const path = file('hpa.yaml', y.out);
    const sol = file('hpa-solution.podlab', (await lab('solution', path, '--seed', '4')).out);
    expect((await lab('check', path, sol, '--seed', '4')).code).toBe(0);
    const broken = file('broken.yaml', y.out.replace('level: advanced', 'level: expert\ncolour: red'));
    const r = await lab('start', broken);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: error validating "${broken}": error validating data: [ValidationError(Lab): unknown field "colour", ValidationError(Lab.level): unsupported value: "expert": supported values: "beginner", "intermediate", "advanced"]\n`,
    );
  });

  it('share and open round-trip a lab, seed and script', async () => {
    const v = resolveLab(builtinLab('deployments-scaling')!, 9);
    const script = file('share.podlab', v.solution);
    const link = await lab('share', 'deployments-scaling', script, '--seed', '9');
    expect(link.out).toMatch(/^v1\.[A-Za-z0-9_-]+\n$/);
    const opened = await lab('open', link.out.trim());
    const direct = await lab('check', 'deployments-scaling', script, '--seed', '9');
    expect(opened.code).toBe(0);
    expect(opened.out).toBe(direct.out);
    const bad = await lab('open', 'v9.AAAA');
    expect(bad).toEqual({ code: 2, out: '', err: 'error: invalid share link: version v9 is not supported (this Podlab reads v1 links)\n' });
  });

  it.each([
    [['nope'], 'podlab lab: unknown lab command "nope"'],
    [['start', 'no-such-lab'], 'podlab lab: no built-in lab "no-such-lab" and no such file (podlab lab list shows the built-in labs)\n'],
    [['check', 'probes'], 'podlab lab: missing LAB and SUBMISSION (a script, manifests, or both)\n'],
    [['check', 'probes', 'x.podlab', '--seed', 'abc'], 'podlab lab: --seed wants a whole number from 0 to 4294967295, got "abc"\n'],
    [['list', '--fast'], 'podlab lab: unknown flag --fast\n'],
  ])('%j is a usage error (exit 2)', async (argv, err) => {
    const r = await lab(...argv);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(err)).toBe(true);
  });
});

describe('the podlab binary', () => {
  it('podlab grade exits 0 when every goal passes (spawned: tsx compiles at start, so one run only)', () => {
    const sol = file('bin-solution.podlab', resolveLab(builtinLab('replicasets')!, 1).solution);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'podlab.mjs'), 'grade', 'replicasets', sol], { encoding: 'utf8', cwd: root });
    expect(r.stdout).toContain('score: 3/3 goals — passed');
    expect(r.status).toBe(0);
  }, 60_000);

  it('podlab labs lists the labs', async () => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((t) => ((out += String(t)), true));
    try {
      expect(await main(['labs'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out).toBe((await lab('list')).out);
  });
});
