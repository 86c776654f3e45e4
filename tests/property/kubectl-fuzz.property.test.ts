/**
 * Fuzzing the command layer (fast-check, seeded): random and mutated kubectl command lines and
 * manifests run on one long-lived cluster. Whatever comes in, a command never throws, a failure
 * speaks kubectl's language on stderr, and a command that fails without reporting any success
 * leaves the cluster exactly as it was (same trace hash).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../src/engine/api/resources.ts';
import { GLOBAL_FLAGS, KUBECTL_VERBS } from '../../src/commands/kubectl/registry.ts';
import { quoteWord } from '../../src/commands/shell/words.ts';
import { Session } from '../../src/commands/session.ts';

/** Flags and verbs that wait on simulated time for long: fuzzing them only burns CPU. */
const SLOW = new Set(['watch', 'watch-only', 'wait', 'drain', 'rollout', 'timeout', 'request-timeout']);

const VERBS = KUBECTL_VERBS.map((v) => v.name).filter((v) => !SLOW.has(v));
const FLAGS = [...new Set([...KUBECTL_VERBS.flatMap((v) => v.flags), ...GLOBAL_FLAGS].filter((f) => !SLOW.has(f.name)).map((f) => `--${f.name}`))];
const SHORT_FLAGS = [...new Set([...KUBECTL_VERBS.flatMap((v) => v.flags), ...GLOBAL_FLAGS].filter((f) => f.short && f.short !== 'w').map((f) => `-${f.short}`))];
const TYPES = RESOURCE_TYPES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]);
const NAMES = ['web', 'db', 'web-config', 'node-1', 'control-plane', 'default', 'kube-system', 'shop', 'nope', 'x'];
const VALUES = [
  '', '0', '-1', '3', '1e9', 'abc', 'yaml', 'json', 'wide', 'name', 'jsonpath={.metadata.name}', 'jsonpath={.items[*',
  'custom-columns=N:.metadata.name', 'go-template={{.metadata.name}}', 'app=web', 'app!=web', 'app in (a,b)', 'app in (',
  'metadata.name=web', 'status.phase=Running', 'spec.nodeName=', '=', 'a=b=c', 'key-', 'key=value:NoSchedule', '80:8080', '80',
  'nginx', 'nginx:1.27', 'busybox', '--', '-', '10s', '1h', 'background', 'orphan', 'foreground', 'client', 'server', 'none', 'true',
  '{"spec":{"replicas":2}}', '[{"op":"remove","path":"/x"}]', '{', 'strategic', 'merge', 'json', 'ClusterIP', 'NodePort', 'deploy/web',
  'pod/web', 'deployment.apps/web', 'svc/web', '/etc/x.yaml', 'configmap', 'secret', 'generic', 'namespace', 'cpu=500m', '200%', '💥',
];

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 4, arbitrary: fc.constantFrom(...TYPES) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...SHORT_FLAGS) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)).map(([f, v]) => `${f}=${v}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** A command line of random kubectl words, the verb usually first. */
const randomLine = fc
  .tuple(fc.constantFrom(...VERBS, ...VERBS, 'gett', 'podz'), fc.array(word, { maxLength: 7 }))
  .map(([verb, rest]) => ['kubectl', verb, ...rest].map(quoteWord).join(' '));

const VALID_LINES = [
  'kubectl get pods -A -o wide',
  'kubectl get deploy web -o yaml',
  'kubectl describe deploy web',
  'kubectl scale deploy web --replicas=3',
  'kubectl create deployment api --image=nginx:1.27 --replicas=2',
  'kubectl create configmap cfg --from-literal=a=b -n shop',
  'kubectl delete configmap cfg -n shop',
  'kubectl set image deploy/web nginx=nginx:1.27',
  'kubectl expose deploy web --port=80 --name=web2',
  'kubectl taint node node-1 k=v:NoSchedule',
  'kubectl taint node node-1 k-',
  'kubectl cordon node-2',
  'kubectl uncordon node-2',
  'kubectl get svc,ep -n default',
  'kubectl logs deploy/web',
  'kubectl top pods',
  'kubectl autoscale deploy web --min=1 --max=3 --cpu-percent=50',
  'kubectl delete hpa web',
  'kubectl get pods -l app=web --field-selector=status.phase=Running -o name',
];

/** A valid line with one word dropped, duplicated, swapped or replaced. */
const mutatedLine = fc
  .tuple(fc.constantFrom(...VALID_LINES), fc.nat(), fc.nat(), fc.constantFrom('drop', 'dup', 'swap', 'replace', 'truncate'), word)
  .map(([line, i, j, how, w]) => {
    const words = line.split(' ');
    const a = 1 + (i % (words.length - 1));
    const b = 1 + (j % (words.length - 1));
    if (how === 'drop') words.splice(a, 1);
    else if (how === 'dup') words.splice(a, 0, words[a]);
    else if (how === 'swap') [words[a], words[b]] = [words[b], words[a]];
    else if (how === 'replace') words[a] = quoteWord(w);
    else return line.slice(0, Math.max(8, i % line.length));
    return words.join(' ');
  });

const MANIFESTS = [
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fuzz
  labels:
    app: fuzz
spec:
  replicas: 2
  selector:
    matchLabels:
      app: fuzz
  template:
    metadata:
      labels:
        app: fuzz
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`,
  `apiVersion: v1
kind: Service
metadata:
  name: fuzz
spec:
  type: NodePort
  selector:
    app: fuzz
  ports:
  - port: 80
    targetPort: 80
`,
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: fuzz
data:
  key: value
---
apiVersion: v1
kind: Pod
metadata:
  name: fuzz-pod
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo hi"]
    envFrom:
    - configMapRef:
        name: fuzz
`,
  `apiVersion: batch/v1
kind: CronJob
metadata:
  name: fuzz
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
`,
];

const SCALARS = ['', '~', 'null', '-1', '0', '99999999999', 'true', '"x"', '[]', '{}', '[a, b]', '{a: 1}', 'Never', 'v1', 'apps/v1', 'batch/v1beta1', '"*/x"', '1.5', 'Always', '!!binary aGk='];

/** A manifest with one line deleted, re-indented, re-valued, duplicated or cut short. */
const mutatedManifest = fc
  .tuple(fc.constantFrom(...MANIFESTS), fc.nat(), fc.constantFrom('delete', 'indent', 'value', 'dup', 'truncate', 'key'), fc.constantFrom(...SCALARS))
  .map(([text, i, how, scalar]) => {
    const lines = text.split('\n');
    const at = i % lines.length;
    if (how === 'delete') lines.splice(at, 1);
    else if (how === 'indent') lines[at] = ` ${lines[at]}`;
    else if (how === 'value') lines[at] = lines[at].replace(/:( .*)?$/, `: ${scalar}`);
    else if (how === 'dup') lines.splice(at, 0, lines[at]);
    else if (how === 'key') lines[at] = lines[at].replace(/^(\s*-?\s*)[A-Za-z]+:/, `$1${scalar === '' ? 'zz' : 'unknownField'}:`);
    else return text.slice(0, i % text.length);
    return lines.join('\n');
  });

const manifestCommand = fc.tuple(mutatedManifest, fc.constantFrom('apply', 'create', 'delete', 'replace')).map(([text, verb]) => ({ line: `kubectl ${verb} -f -`, stdin: text }));

const command = fc.oneof(
  { weight: 4, arbitrary: randomLine.map((line) => ({ line, stdin: undefined as string | undefined })) },
  { weight: 3, arbitrary: mutatedLine.map((line) => ({ line, stdin: undefined as string | undefined })) },
  { weight: 3, arbitrary: manifestCommand },
);

/** How kubectl words the line of stderr that says what failed. */
const KUBECTL_ERROR = /^(error: |Error from server|Error: |The [A-Za-z]+ "[^"]*" is invalid|Warning: |unable to |You must |See 'kubectl |[a-z.]+\/\S+ |No resources found|no kind |the server doesn't have )/;

function fuzzCluster(): Session {
  const session = new Session({ seed: 7 });
  for (const line of [
    'kubectl create namespace shop',
    'kubectl create deployment web --image=nginx:1.27 --replicas=2',
    'kubectl expose deployment web --port=80',
    'kubectl create configmap web-config --from-literal=mode=fuzz',
    'sim advance 1m',
  ]) {
    expect(session.execLine(line).exitCode, line).toBe(0);
  }
  return session;
}

describe('fuzzing kubectl', () => {
  it('never throws; failures are kubectl errors; a rejected command changes nothing unless it waited', () => {
    const session = fuzzCluster();
    fc.assert(
      fc.property(command, ({ line, stdin }) => {
        const before = session.sim.traceHash();
        const startedAt = session.sim.now;
        const result = session.execLine(line, stdin);
        if (result.exitCode === 0) return;
        expect(result.stderr, `${line}\n${stdin ?? ''}`).not.toBe('');
        // kubectl may say something first ("Found 3 pods, using pod/web-…"), then the error; several
        // errors at once are printed raw, one per line, as kubectl's MultipleErrors prints them.
        const lines = result.stderr.trimEnd().split('\n');
        const errorLine = lines.find((l) => KUBECTL_ERROR.test(l));
        if (lines.length < 2) expect(errorLine, `${line}\n${stdin ?? ''}\n${result.stderr}`).toBeDefined();
        // A command that waited (`run --attach` timing out, `wait`, `delete --wait`) let the cluster
        // run on meanwhile, as a real one does; any other rejected command must change nothing.
        const waited = session.sim.now !== startedAt;
        if (result.stdout === '' && !waited) expect(session.sim.traceHash(), `${line}\n${stdin ?? ''}\n${result.output}`).toBe(before);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });
});
