/**
 * The patch machinery through kubectl: `kubectl apply` of a manifest whose container order
 * changed (the three-way patch's $setElementOrder), a container dropped from the manifest, a
 * sidecar added by `kubectl patch` kept by a later apply, and `kubectl patch` with the directives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createThreeWayMergePatch } from '../../../src/engine/api/patch.ts';
import { lastApplied, withLastApplied } from '../../../src/commands/kubectl/last-applied.ts';
import { sortedJson } from '../../../src/commands/kubectl/json.ts';
import { decodeForServer, readManifests } from '../../../src/commands/kubectl/manifests.ts';
import type { CommandIO, FileSystem } from '../../../src/commands/types.ts';
import { MANIFESTS_DIR, ORACLE_SCENARIOS, playSetup, REPO_DIR, type Recording, type Scenario } from '../../../tools/fake-apiserver/scenarios.ts';
import { Lab } from '../../support/manifests.ts';

const deployment = (containers: string[]): string =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
${containers.map((c) => `      - name: ${c}\n        image: busybox:1.36\n        command: ["sleep", "3600"]\n`).join('')}`;

const names = (l: Lab): string => l.out(`kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].name}'`);

describe('kubectl apply: list order as Kubernetes gives it', () => {
  it('a manifest with its containers reordered reorders them, and rolls out', () => {
    const l = new Lab();
    l.apply(deployment(['a', 'b', 'c']));
    expect(names(l)).toBe('a b c');
    expect(l.out('kubectl apply -f -', deployment(['c', 'a', 'b']))).toBe('deployment.apps/web configured\n');
    expect(names(l)).toBe('c a b');
    expect(l.out('kubectl apply -f -', deployment(['c', 'a', 'b']))).toBe('deployment.apps/web unchanged\n');
  });

  it('a container dropped from the manifest goes; one added goes where the manifest puts it', () => {
    const l = new Lab();
    l.apply(deployment(['a', 'b']));
    l.out('kubectl apply -f -', deployment(['x', 'b']));
    expect(names(l)).toBe('x b');
  });

  it('a sidecar added by kubectl patch (placed first) survives the next apply, which keeps its place', () => {
    const l = new Lab();
    l.apply(deployment(['a', 'b']));
    l.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1.36"}]}}}}'`);
    expect(names(l)).toBe('side a b');
    l.out('kubectl apply -f -', deployment(['b', 'a']));
    expect(names(l)).toBe('side b a');
  });
});

describe('kubectl patch: the directives reach the server', () => {
  it('$setElementOrder reorders, $patch: delete removes a container, $deleteFromPrimitiveList a finalizer', () => {
    const l = new Lab();
    l.apply(deployment(['a', 'b', 'c']));
    l.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"b"},{"name":"a"}]}}}}'`);
    expect(names(l)).toBe('c b a');
    l.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"b","$patch":"delete"}]}}}}'`);
    expect(names(l)).toBe('c a');
    l.run(`kubectl patch deploy web -p '{"metadata":{"finalizers":["example.com/x","example.com/y"]}}'`);
    l.run(`kubectl patch deploy web -p '{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/x"]}}'`);
    expect(l.out(`kubectl get deploy web -o jsonpath='{.metadata.finalizers}'`)).toBe('["example.com/y"]');
  });

  it('a bad strategic patch is refused in the API server words', () => {
    const l = new Lab();
    l.apply(deployment(['a']));
    // interpretStrategicMergePatchError passes this one through: a 500 Status without a reason.
    const r = l.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`);
    expect([r.output, r.exitCode]).toEqual(['Error from server: map: map[image:x] does not contain declared merge key: name\n', 1]);
    expect(l.out(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"$setElementOrder/containers":{"name":"a"}}}}}'`)).toBe(
      'Error from server: expected a []interface {}, but received a map[string]interface {}\n',
    );
    // The malformed directive keys are a BadRequest.
    expect(l.out(`kubectl patch deploy web -p '{"metadata":{"$deleteFromPrimitiveListfinalizers":["a"]}}'`)).toBe(
      'Error from server (BadRequest): invalid patch format of primitive list\n',
    );
  });
});

describe('kubectl apply: $retainKeys', () => {
  const withVolume = (source: string): string =>
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy:
${source.startsWith('emptyDir') ? '    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n' : '    type: Recreate\n'}  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: c
        image: nginx
      volumes:
      - name: data
        ${source}
`;

  it('a volume whose source changes keeps only the new source; Recreate drops rollingUpdate', () => {
    const l = new Lab();
    l.apply(withVolume('emptyDir: {}'));
    expect(l.out('kubectl apply -f -', withVolume('hostPath: {path: /srv}'))).toBe('deployment.apps/web configured\n');
    expect(l.out(`kubectl get deploy web -o jsonpath='{.spec.template.spec.volumes}'`)).toBe('[{"hostPath":{"path":"/srv","type":""},"name":"data"}]');
    expect(l.out(`kubectl get deploy web -o jsonpath='{.spec.strategy}'`)).toBe('{"type":"Recreate"}');
  });
});

describe('kubectl apply: $retainKeys clears what the server defaulted', () => {
  it('a Deployment applied without a strategy (defaulted RollingUpdate), then with type Recreate: rollingUpdate goes', () => {
    const l = new Lab();
    l.apply(deployment(['a']));
    expect(l.out(`kubectl get deploy web -o jsonpath='{.spec.strategy}'`)).toBe('{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}');
    const recreate = deployment(['a']).replace('  replicas: 1\n', '  replicas: 1\n  strategy:\n    type: Recreate\n');
    expect(l.out('kubectl apply -f -', recreate)).toBe('deployment.apps/web configured\n');
    expect(l.out(`kubectl get deploy web -o jsonpath='{.spec.strategy}'`)).toBe('{"type":"Recreate"}');
  });
});

/**
 * Real kubectl v1.31 as the oracle (tools/fake-apiserver ORACLE_SCENARIOS, recorded in
 * tests/golden-kubectl/apply-reapply.json): corpus files applied once in Podlab, then applied again
 * by real kubectl against Podlab's objects. kubectl computes the three-way patch itself; `{}` is
 * not sent (`unchanged`), anything else is sent and refused by the read-only recording server with
 * the patch in its message. Podlab's patch must be the same patch, and its apply must say
 * `unchanged` or `configured` accordingly.
 */
describe('kubectl apply: the three-way patch is the one real kubectl computes', () => {
  const scenario = ORACLE_SCENARIOS.find((s) => s.name === 'apply-reapply');
  const recorded = JSON.parse(readFileSync(join(REPO_DIR, 'tests/golden-kubectl/apply-reapply.json'), 'utf8')) as Recording[];
  const manifests: FileSystem = {
    readFile: (p) => readFileSync(join(MANIFESTS_DIR, p), 'utf8'),
    stat: (p) => (existsSync(join(MANIFESTS_DIR, p)) ? 'file' : undefined),
    readDir: () => [],
    join: (d, n) => join(d, n),
  };
  const silent = { out: () => undefined, err: () => undefined } as unknown as CommandIO;

  it('replays the cluster the recording was made from', () => {
    expect(scenario).toBeDefined();
    expect(playSetup(scenario as Scenario).sim.traceHash()).toBe(readFileSync(join(REPO_DIR, 'tests/golden-kubectl/apply-reapply.trace'), 'utf8').trim());
  });

  it.each(recorded.map((r) => [r.command, r] as const))('%s', (_command, rec) => {
    const session = playSetup(scenario as Scenario);
    const words = rec.command.split(' ');
    const path = words[3];
    const ns = words.includes('-n') ? words[words.indexOf('-n') + 1] : 'default';
    // The patches real kubectl sent (and the server refused), by object name.
    const sent = new Map<string, string>();
    for (const m of rec.stderr.matchAll(/error when applying patch:\n(.*)\nto:\n[\s\S]*?\nName: "([^"]*)"/g)) sent.set(m[2], m[1]);
    for (const m of readManifests(manifests, [path], false, undefined).objects) {
      const desired = decodeForServer(silent, m, 'Ignore', false);
      if (m.rt.namespaced) desired.metadata.namespace = ns;
      const live = session.sim.store.get(m.rt, m.rt.namespaced ? ns : '', desired.metadata.name ?? '');
      const patch = createThreeWayMergePatch(lastApplied(live) ?? {}, withLastApplied(desired), live);
      const name = desired.metadata.name ?? '';
      if (sent.has(name)) expect(sortedJson(patch)).toBe(sortedJson(JSON.parse(sent.get(name) ?? '')));
      else {
        expect(rec.stdout).toContain(`/${name} unchanged (server dry run)\n`);
        expect(patch).toEqual({});
      }
    }
    // And Podlab's own apply says so.
    const out = session.execLine(rec.command.replace(' --validate=false --dry-run=server', '')).output;
    for (const name of sent.keys()) expect(out).toMatch(new RegExp(`/${name} configured\\n`));
    expect(out.match(/ unchanged\n/g)?.length ?? 0).toBe(rec.stdout.match(/ unchanged \(server dry run\)\n/g)?.length ?? 0);
  });
});
