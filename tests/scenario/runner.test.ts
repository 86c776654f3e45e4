/**
 * Scenario scripts through the headless runner: kubectl's wording for the acceptance cases,
 * determinism, and the `npx podlab run` CLI contract (exit codes, --json, --seed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatEntry, runScript } from '../../src/commands/runner.ts';
import type { FileSystem } from '../../src/commands/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const root = join(here, '..', '..');

const fixtureFs: FileSystem = {
  readFile: (p) => readFileSync(join(fixtures, p), 'utf8'),
  stat: (p) => {
    try {
      return statSync(join(fixtures, p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: (p) => readdirSync(join(fixtures, p)).sort(),
  join: (d, n) => join(d, n),
};

/** Runs a script and returns each command's output keyed by its line. */
function run(script: string, seed = 1) {
  const r = runScript(script, { seed, fs: fixtureFs, file: 'test.podlab' });
  return {
    ...r,
    out: (line: string) => r.entries.find((e) => e.line === line)?.output,
    transcript: r.entries.map(formatEntry).join(''),
  };
}

const cli = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'podlab.mjs'), ...args], { encoding: 'utf8', cwd: root });

describe('kubectl wording for the foundation acceptance cases', () => {
  it('an empty namespace, a missing object, a missing namespace', () => {
    const r = run(`kubectl get pods
kubectl get pods nope
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: ghost
EOF
kubectl get ns ghost`);
    expect(r.out('kubectl get pods')).toBe('No resources found in default namespace.\n');
    expect(r.out('kubectl get pods nope')).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.out('kubectl apply -f - <<EOF')).toBe(
      'Error from server (NotFound): error when creating "STDIN": namespaces "ghost" not found\n',
    );
    expect(r.out('kubectl get ns ghost')).toBe('Error from server (NotFound): namespaces "ghost" not found\n');
    expect(r.entries.map((e) => e.exitCode)).toEqual([0, 1, 1, 1]);
  });

  it('malformed YAML names the line and applies nothing, not even the valid documents before it', () => {
    const r = run('kubectl apply -f broken.yaml\nkubectl get configmaps -o name');
    expect(r.out('kubectl apply -f broken.yaml')).toBe(
      "error: error parsing broken.yaml: error converting YAML to JSON: yaml: line 7: did not find expected ',' or ']'\n",
    );
    expect(r.out('kubectl get configmaps -o name')).toBe('configmap/kube-root-ca.crt\n');
  });

  it('in a multi-document file, rejected documents are reported and the others still apply', () => {
    const r = run('kubectl apply -f mixed.yaml\nkubectl get cm -o name');
    expect(r.out('kubectl apply -f mixed.yaml')).toBe(
      [
        'configmap/good-one created',
        'configmap/good-three created',
        'Error from server (Invalid): error when creating "mixed.yaml": Pod "no-image" is invalid: spec.containers[0].image: Required value',
        'Error from server (NotFound): error when creating "mixed.yaml": namespaces "ghost" not found',
        '',
      ].join('\n'),
    );
    expect(r.out('kubectl get cm -o name')).toBe('configmap/good-one\nconfigmap/good-three\nconfigmap/kube-root-ca.crt\n');
  });

  it('a single invalid object prints kubectl\'s "The Pod is invalid" form', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: no-image
spec:
  containers:
  - name: c
EOF`);
    expect(r.entries[0].output).toBe('The Pod "no-image" is invalid: spec.containers[0].image: Required value\n');
    expect(r.entries[0].exitCode).toBe(1);
  });

  it('apply reports created, then unchanged, then configured', () => {
    const r = run(`kubectl apply -f pod.yaml
kubectl apply -f pod.yaml
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: frontend
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
EOF`);
    expect(r.entries.map((e) => e.output)).toEqual(['pod/web created\n', 'pod/web unchanged\n', 'pod/web configured\n']);
  });

  it('unknown resource types, verbs and flags fail as kubectl does', () => {
    const r = run('kubectl get podz\nkubectl gett pods\nkubectl get pods --replicaz\nkubectl get');
    expect(r.out('kubectl get podz')).toBe('error: the server doesn\'t have a resource type "podz"\n');
    expect(r.out('kubectl gett pods')).toBe('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n');
    expect(r.out('kubectl get pods --replicaz')).toBe("error: unknown flag: --replicaz\nSee 'kubectl get --help' for usage.\n");
    // A real kubectl command Podlab does not model yet is not answered as a typo of itself.
    const notYet = run('kubectl port-forward pod/web 8080:80');
    expect(notYet.entries[0]).toMatchObject({ exitCode: 1, output: 'error: "kubectl port-forward" is not available in Podlab yet\n' });
    expect(r.out('kubectl get')).toBe(
      [
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
        '',
        'error: Required resource not specified.',
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
        "See 'kubectl get -h' for help and examples",
        '',
      ].join('\n'),
    );
  });

  it('global flags may come before the verb, as cobra allows (`kubectl -n kube-system get deploy`)', () => {
    const r = run('kubectl -n kube-system get deploy -o name\nkubectl --namespace kube-system get deploy -o name\nkubectl -n kube-system\nkubectl -n kube-system gett pods');
    expect(r.out('kubectl -n kube-system get deploy -o name')).toBe('deployment.apps/coredns\n');
    expect(r.out('kubectl --namespace kube-system get deploy -o name')).toBe('deployment.apps/coredns\n');
    expect(r.out('kubectl -n kube-system gett pods')).toMatch(/^error: unknown command "gett" for "kubectl"/);
  });

  it('get all lists the "all" category with kind-prefixed names, skipping empty kinds', () => {
    const r = run(`kubectl get all
kubectl create -f pod.yaml
kubectl get all -A`);
    expect(r.out('kubectl get all')).toBe(
      [
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s',
        '',
      ].join('\n'),
    );
    // Every kind of the category, in discovery order, each table after a blank line; kube-system
    // holds what kubeadm runs (mirror pods, kube-proxy, CoreDNS).
    const tables = r.out('kubectl get all -A')!.split('\n\n');
    expect(tables.map((t) => t.split('\n')[1].split(/\s+/)[1].split('/')[0])).toEqual([
      'pod',
      'service',
      'daemonset.apps',
      'deployment.apps',
      'replicaset.apps',
    ]);
    // The scheduler binds it at once; the kubelet is still pulling the image.
    expect(tables[0]).toContain('\ndefault       pod/web                                     0/1     ContainerCreating   0          0s\n');
    expect(tables[1]).toContain('\nkube-system   service/kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   60s');
  });

  it('a manifest whose metadata is not a map is refused as kubectl refuses it', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: hello
EOF`);
    expect(r.entries[0].output).toBe(
      'error: unable to decode "STDIN": .metadata accessor error: hello is of the type string, expected map[string]interface{}\n',
    );
  });

  it('delete waits in simulated time: namespaces finish at once, a pod for its grace period', () => {
    const r = run(`kubectl create ns team
kubectl delete ns team
kubectl get ns team
kubectl create -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: bound
spec:
  nodeName: node-1
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
EOF
sim advance 5s
kubectl delete pod bound --timeout=15s
kubectl get pod bound --no-headers
kubectl delete pod bound
kubectl get pod bound`);
    expect(r.out('kubectl delete ns team')).toBe('namespace "team" deleted\n');
    expect(r.out('kubectl get ns team')).toBe('Error from server (NotFound): namespaces "team" not found\n');
    // `sleep` as PID 1 ignores SIGTERM: the kubelet kills it when the 30 s grace period ends.
    expect(r.out('kubectl delete pod bound --timeout=15s')).toBe('pod "bound" deleted\nerror: timed out waiting for the condition on pods/bound\n');
    expect(r.out('kubectl get pod bound --no-headers')).toBe('bound   1/1   Terminating   0     20s\n');
    expect(r.out('kubectl delete pod bound')).toBe('pod "bound" deleted\n');
    expect(r.entries.at(-1)!.time).toBe(35_000);
    expect(r.out('kubectl get pod bound')).toBe('Error from server (NotFound): pods "bound" not found\n');
  });

  it('create honours generateName', () => {
    const r = run(`kubectl create -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  generateName: cfg-
EOF`);
    expect(r.entries[0].output).toMatch(/^configmap\/cfg-[bcdfghjklmnpqrstvwxz2456789]{5} created\n$/);
  });
});

describe('determinism', () => {
  const script = readFileSync(join(fixtures, 'basic.podlab'), 'utf8');

  it('the same script and seed give byte-identical transcripts and trace hashes', () => {
    const a = run(script, 9);
    const b = run(script, 9);
    expect(a.status).toBe(0);
    expect(a.transcript).toBe(b.transcript);
    expect(a.session.sim.traceHash()).toBe(b.session.sim.traceHash());
  });

  it('a different seed gives different uids, so a different trace hash', () => {
    expect(run(script, 1).session.sim.traceHash()).not.toBe(run(script, 2).session.sim.traceHash());
  });
});

// Each case spawns `node bin/podlab.mjs` (tsx compiles the sources at start, about 2–3 s on a
// 2-core machine), some of them twice.
describe('npx podlab run', { timeout: 30_000 }, () => {
  it('prints the transcript and exits 0; the same run twice is byte-identical', () => {
    const r = cli(['run', join(fixtures, 'basic.podlab'), '--seed', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$ kubectl get pods                      # nothing yet\nNo resources found in default namespace.\n');
    expect(r.stdout).toContain('$ kubectl apply -f pod.yaml\npod/web created\n$ kubectl apply -f pod.yaml\npod/web unchanged\n');
    expect(cli(['run', join(fixtures, 'basic.podlab'), '--seed', '3']).stdout).toBe(r.stdout);
  });

  it('--json prints one {line, output, exitCode, time} object per command', () => {
    const r = cli(['run', join(fixtures, 'basic.podlab'), '--json']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ line: 'sim cluster --nodes 2', output: expect.any(String), exitCode: 0, time: 0 });
    expect(lines.find((l) => l.line === 'kubectl get pod nope').exitCode).toBe(1);
    expect(lines.every((l) => Object.keys(l).join() === 'line,output,exitCode,time')).toBe(true);
  });

  it('exits 2 for a missing file or bad arguments', () => {
    expect(cli(['run', 'no/such/file.podlab']).status).toBe(2);
    expect(cli(['run', join(fixtures, 'basic.podlab'), '--seed', 'x']).status).toBe(2);
    expect(cli(['walk']).status).toBe(2);
  });

  it('exits 2 naming file and line for an unparsable line or a bad sim directive', () => {
    const r = run('kubectl get pods\nsim advance soon\nkubectl get nodes');
    expect(r.status).toBe(2);
    expect(r.error).toBe('test.podlab:2: sim advance: expected one duration such as 500ms, 30s, 5m or 2h, got "soon"');
    expect(r.entries).toHaveLength(2);
    const q = run("kubectl get pods\nkubectl get 'unterminated");
    expect([q.status, q.error, q.entries.length]).toEqual([2, 'test.podlab:2: unterminated single quote', 0]);
  });
});
