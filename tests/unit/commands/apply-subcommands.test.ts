/**
 * `kubectl apply view-last-applied | set-last-applied | edit-last-applied` and `apply --prune`:
 * what real kubectl v1.31 printed for Podlab's objects (apply-expose.recorded.json, recorded by
 * apply-expose-record.ts from apply-expose-scenarios.ts), and what the writes the read-only
 * recording cannot make do to the cluster.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/commands/completion.ts';
import { LAST_APPLIED_ANNOTATION } from '../../../src/commands/kubectl/last-applied.ts';
import type { Session } from '../../../src/commands/session.ts';
import type { Recorded } from './apply-expose-record.ts';
import { playSetup, SCENARIOS, withoutEditFileDigits } from './apply-expose-scenarios.ts';

const recorded = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'apply-expose.recorded.json'), 'utf8')) as Recorded[];

/** Replays one recorded case in a fresh cluster built as the recording's was. */
export function replay(r: Recorded): { buffer?: string; stdout: string; stderr: string; exitCode: number } {
  const scenario = SCENARIOS.find((s) => s.name === r.scenario);
  if (!scenario) throw new Error(`no scenario ${r.scenario}`);
  let buffer: string | undefined;
  let stdin = r.stdin;
  if (r.buffer !== undefined) {
    buffer = playSetup(scenario, true).execLine(r.line).edit;
    stdin = typeof r.edit === 'string' ? r.edit : buffer;
  }
  const res = playSetup(scenario).execLine(r.line, stdin);
  return { ...(buffer !== undefined ? { buffer } : {}), stdout: res.stdout, stderr: withoutEditFileDigits(res.stderr), exitCode: res.exitCode };
}

const expected = (r: Recorded) => ({ ...(r.buffer !== undefined ? { buffer: r.buffer } : {}), stdout: r.stdout, stderr: withoutEditFileDigits(r.stderr), exitCode: r.exitCode });

describe.each(['view-last-applied', 'set-last-applied', 'edit-last-applied', 'prune'])('kubectl apply (%s) as kubectl v1.31 prints it', (name) => {
  it.each(recorded.filter((r) => r.scenario === name).map((r) => [r.line, r] as const))('%s', (_line, r) => {
    expect(replay(r)).toEqual(expected(r));
  });
});

const CM = (name: string, mode: string, labels = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${labels}data:\n  mode: ${mode}\n`;
const annotation = (s: Session, name: string, ns = 'default') => s.sim.store.get('configmaps', ns, name).metadata.annotations?.[LAST_APPLIED_ANNOTATION];

function cluster(): Session {
  return playSetup(SCENARIOS[0]);
}

describe('kubectl apply set-last-applied', () => {
  it('writes the file, as compact sorted JSON, into the annotation and nothing else', () => {
    const s = cluster();
    const before = s.sim.store.get('configmaps', 'default', 'cfg');
    const r = s.execLine('kubectl apply set-last-applied -f -', CM('cfg', 'b'));
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['configmap/cfg configured\n', '', 0]);
    const after = s.sim.store.get('configmaps', 'default', 'cfg');
    expect(annotation(s, 'cfg')).toBe('{"apiVersion":"v1","data":{"mode":"b"},"kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"}}');
    expect(after.data).toEqual(before.data);
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    // view-last-applied -o json indents the annotation as it is (json.Indent): no newline at its end here.
    expect(s.execLine('kubectl apply view-last-applied cm/cfg -o json').stdout).toBe(
      '{\n  "apiVersion": "v1",\n  "data": {\n    "mode": "b"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "name": "cfg",\n    "namespace": "default"\n  }\n}',
    );
    // The same file again: the annotation already says it.
    expect(s.execLine('kubectl apply set-last-applied -f -', CM('cfg', 'b')).stdout).toBe('set-last-applied cfg: no changes required.\n');
    // A later apply computes its merge from the new annotation: `mode: b` was "applied", so dropping it removes it.
    expect(s.execLine('kubectl apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n').stdout).toBe('configmap/cfg configured\n');
    expect(s.sim.store.get('configmaps', 'default', 'cfg').data).toBeUndefined();
  });

  it('--create-annotation adds it to an object created without one; a server dry run changes nothing', () => {
    const s = cluster();
    expect(s.execLine('kubectl apply set-last-applied -f - --create-annotation --dry-run=server', CM('plain', 'x')).stdout).toBe('configmap/plain configured (server dry run)\n');
    expect(annotation(s, 'plain')).toBeUndefined();
    expect(s.execLine('kubectl apply set-last-applied -f - --create-annotation -o jsonpath={.metadata.annotations}', CM('plain', 'x')).stdout).toBe(
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"mode\\":\\"x\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"name\\":\\"plain\\",\\"namespace\\":\\"default\\"}}"}',
    );
  });

  it('checks every object before patching any', () => {
    const s = cluster();
    const r = s.execLine('kubectl apply set-last-applied -f -', `${CM('cfg', 'z')}---\n${CM('plain', 'z')}`);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'error: no last-applied-configuration annotation found on resource: plain, to create the annotation, run the command with --create-annotation\n', 1]);
    expect(annotation(s, 'cfg')).toContain('"mode":"a"');
  });
});

describe('kubectl apply edit-last-applied', () => {
  it('without stdin hands the annotation to the editor; the saved text becomes the annotation', () => {
    const s = playSetup(SCENARIOS[0], true);
    const opened = s.execLine('kubectl apply edit-last-applied cm/cfg');
    expect(opened.edit).toContain("# Please edit the 'last-applied-configuration' annotations below.\n");
    expect(opened.edit).toContain('  mode: a\n');
    const saved = (opened.edit ?? '').replace('mode: a', 'mode: edited');
    const r = s.execLine('kubectl apply edit-last-applied cm/cfg', saved);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['configmap/cfg edited\n', '', 0]);
    expect(JSON.parse(annotation(s, 'cfg') ?? '')).toEqual({
      apiVersion: 'v1',
      data: { mode: 'edited' },
      kind: 'ConfigMap',
      metadata: { annotations: {}, labels: { app: 'web' }, name: 'cfg', namespace: 'default' },
    });
    // Only the annotation changed: the data is still what was applied.
    expect(s.sim.store.get('configmaps', 'default', 'cfg').data).toEqual({ mode: 'a' });
  });

  it('in a script without stdin says how to give the text', () => {
    const r = cluster().execLine('kubectl apply edit-last-applied cm/cfg');
    expect([r.stderr, r.exitCode]).toEqual([
      'error: there is no editor in a script: give the edited configuration as a here-document (kubectl apply edit-last-applied deploy/web <<EOF ... EOF)\n',
      1,
    ]);
  });

  it('an object renamed in the editor is patched by its new name, which must exist', () => {
    const s = cluster();
    const r = s.execLine('kubectl apply edit-last-applied cm/cfg', CM('nope', 'b'));
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nError from server \(NotFound\): configmaps "nope" not found\n$/);
    expect(r.exitCode).toBe(1);
  });
});

describe('kubectl apply --prune', () => {
  const PRUNE_CM = 'kubectl apply -f - --prune --all --prune-allowlist=core/v1/ConfigMap';

  it('deletes the applied objects of the allowlisted kinds in the applied namespaces that the files no longer have', () => {
    const s = cluster();
    const r = s.execLine(PRUNE_CM, CM('cfg', 'a', '  labels:\n    app: web\n'));
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['configmap/cfg unchanged\nconfigmap/other pruned\n', '', 0]);
    expect(s.sim.store.tryGet('configmaps', 'default', 'other')).toBeUndefined();
    // Not applied (no annotation), or in a namespace nothing was applied to: kept.
    expect(s.sim.store.tryGet('configmaps', 'default', 'plain')).toBeDefined();
    expect(s.sim.store.tryGet('configmaps', 'other', 'cfg')).toBeDefined();
    expect(s.sim.store.tryGet('deployments', 'default', 'web')).toBeDefined();
  });

  it('-l prunes only what the selector matches, and applies only the objects it matches', () => {
    const s = cluster();
    const r = s.execLine('kubectl apply -f - --prune -l app=web --prune-allowlist=core/v1/ConfigMap --prune-allowlist=apps/v1/Deployment', `${CM('cfg', 'c', '  labels:\n    app: web\n')}---\n${CM('other', 'c')}`);
    expect(r.stdout).toBe('configmap/cfg configured\ndeployment.apps/web pruned\n');
    expect(s.sim.store.tryGet('deployments', 'default', 'web')).toBeUndefined();
    expect(s.sim.store.get('configmaps', 'default', 'other').data).toEqual({ x: '1' });
  });

  it('the default allowlist warns as kubectl 1.31 does, and prunes every kind it names', () => {
    const s = cluster();
    const r = s.execLine('kubectl apply -f - --prune --all', CM('cfg', 'a', '  labels:\n    app: web\n'));
    expect(r.stdout).toBe('configmap/cfg unchanged\nconfigmap/other pruned\ndeployment.apps/web pruned\n');
    expect(r.stderr).toMatch(/^W\d{4} [\d:.]+ +\d+ prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources by default/);
  });

  it('a server dry run reports without deleting; an apply error means no pruning', () => {
    const s = cluster();
    expect(s.execLine(`${PRUNE_CM} --dry-run=server`, CM('cfg', 'a')).stdout).toBe('configmap/cfg configured (server dry run)\nconfigmap/other pruned (server dry run)\n');
    expect(s.sim.store.tryGet('configmaps', 'default', 'other')).toBeDefined();
    const r = s.execLine(PRUNE_CM, `${CM('cfg', 'a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n`);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain('pruned');
    expect(s.sim.store.tryGet('configmaps', 'default', 'other')).toBeDefined();
  });

  it.each([
    ['--server-side', 'error: --server-side is not available in Podlab yet\n'],
    ['--force', 'error: --force is not available in Podlab yet\n'],
    ['--wait', 'error: --wait is not available in Podlab yet\n'],
    ['--overwrite=false', 'error: --overwrite is not available in Podlab yet\n'],
    ['-k dir', 'error: kustomize directories are not supported in Podlab\n'],
  ])('apply %s: listed in help, refused when used', (flag, err) => {
    const s = cluster();
    const r = s.execLine(`kubectl apply ${flag === '-k dir' ? '' : '-f - '}${flag}`, CM('cfg', 'q'));
    expect([r.stderr, r.exitCode]).toEqual([err, 1]);
    expect(s.sim.store.get('configmaps', 'default', 'cfg').data).toEqual({ mode: 'a' });
  });
});

describe('kubectl apply: tab completion', () => {
  const s = cluster();
  it.each([
    ['kubectl apply ', ['edit-last-applied', 'set-last-applied', 'view-last-applied']],
    ['kubectl apply v', ['view-last-applied']],
    ['kubectl apply view-last-applied configmap ', ['cfg', 'kube-root-ca.crt', 'other', 'plain']],
    ['kubectl apply edit-last-applied deployment ', ['nolast', 'web']],
    ['kubectl apply --prune-a', ['--prune-allowlist']],
  ])('%j', (line, words) => {
    expect(complete(line, s.sim).candidates).toEqual(words);
  });
});
