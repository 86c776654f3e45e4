/**
 * The situations recorded from a real kubectl v1.31 (apply-expose-record.ts) and replayed through
 * Podlab (apply-subcommands.test.ts, expose-overrides.test.ts): `kubectl apply view-, set- and
 * edit-last-applied`, `apply --prune` and `expose --overrides`. The recorder serves Podlab's
 * objects with the read-only tools/fake-apiserver, so every command here only reads: client dry
 * runs, views, and edits that end before a write (cancelled, skipped, refused). What the writes
 * do is checked in the tests themselves.
 */
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

/** The manifests `-f NAME` reads (kubectl's working directory, Podlab's file system). */
export const FILES: Record<string, string> = {
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
      - name: nginx
        image: nginx:1.27
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels:
    app: web
data:
  mode: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
data:
  x: "1"
`,
  'three.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels:
    app: web
data:
  mode: a
`,
};

/** One command line; `stdin` feeds `-f -`; `edit` is what the editor saves (null: saved unchanged). */
export interface Case {
  line: string;
  stdin?: string;
  edit?: string | null;
}

export interface Scenario {
  name: string;
  setup: string[];
  cases: Case[];
}

const SETUP = [
  'kubectl apply -f web.yaml',
  'kubectl apply -f cm.yaml',
  'kubectl create configmap plain --from-literal=a=b',
  'kubectl create ns other',
  'kubectl apply -f three.yaml -n other',
  'kubectl create deployment nolast --image=nginx',
];

const cm = (name: string, extra = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  mode: b\n`;

/** The configuration `kubectl apply -f three.yaml` recorded, as the editor would be saved with it. */
const CFG_AS_APPLIED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  annotations: {}\n  labels:\n    app: web\n  namespace: default\ndata:\n  mode: a\n';

export const SCENARIOS: Scenario[] = [
  {
    name: 'view-last-applied',
    setup: SETUP,
    cases: [
      { line: 'kubectl apply view-last-applied deploy/web' },
      { line: 'kubectl apply view-last-applied deploy/web -o json' },
      { line: 'kubectl apply view-last-applied configmap' },
      { line: 'kubectl apply view-last-applied cm -l app=web' },
      { line: 'kubectl apply view-last-applied cm --all' },
      { line: 'kubectl apply view-last-applied cm -n default' },
      { line: 'kubectl apply view-last-applied cm --all -o json' },
      { line: 'kubectl apply view-last-applied -f cm.yaml' },
      { line: 'kubectl apply view-last-applied -f cm.yaml -l app=web' },
      { line: 'kubectl apply view-last-applied cm/cfg deploy/web' },
      { line: 'kubectl apply view-last-applied cm cfg plain' },
      { line: 'kubectl apply view-last-applied cm/plain' },
      { line: 'kubectl apply view-last-applied cm -l app=nothing' },
      { line: 'kubectl apply view-last-applied cm/cfg -n other -o json' },
      { line: 'kubectl apply view-last-applied cm/nope' },
      { line: 'kubectl apply view-last-applied cm cfg nope' },
      { line: 'kubectl apply view-last-applied cm/nope -o wide' },
      { line: 'kubectl apply view-last-applied cm/cfg -o wide' },
      { line: 'kubectl apply view-last-applied cm -o name' },
      { line: 'kubectl apply view-last-applied' },
      { line: 'kubectl apply view-last-applied cm --all -l a=b' },
      { line: 'kubectl apply view-last-applied cm/cfg --all' },
      { line: 'kubectl apply view-last-applied cm cfg -l app=web' },
      { line: 'kubectl apply view-last-applied cm/cfg -f cm.yaml' },
      { line: 'kubectl apply view-last-applied cm cfg -f cm.yaml' },
      { line: 'kubectl apply view-last-applied cm/cfg extra' },
      { line: 'kubectl apply view-last-applied -f - -o json', stdin: '' },
      { line: 'kubectl apply view-last-applied cm --all -A' },
      { line: 'kubectl apply view-last-applied cm/cfg --bogus' },
    ],
  },
  {
    name: 'set-last-applied',
    setup: SETUP,
    cases: [
      { line: 'kubectl apply set-last-applied -f cm.yaml --dry-run=client' },
      { line: 'kubectl apply set-last-applied -f cm.yaml --dry-run=client -o yaml' },
      { line: 'kubectl apply set-last-applied -f cm.yaml --dry-run=client -o name' },
      { line: 'kubectl apply set-last-applied -f web.yaml --dry-run=client -o jsonpath={.metadata.name}' },
      { line: 'kubectl apply set-last-applied' },
      { line: 'kubectl apply set-last-applied cm/cfg' },
      { line: 'kubectl apply set-last-applied -f cm.yaml -o wide' },
      { line: 'kubectl apply set-last-applied -f cm.yaml --dry-run=bad' },
      { line: 'kubectl apply set-last-applied -f - --dry-run=client', stdin: cm('plain') },
      { line: 'kubectl apply set-last-applied -f - --dry-run=client --create-annotation', stdin: cm('plain') },
      { line: 'kubectl apply set-last-applied -f - --dry-run=client', stdin: cm('nope') },
      { line: 'kubectl apply set-last-applied -f - -n kube-system --dry-run=client', stdin: cm('cfg', '  namespace: default\n') },
      { line: 'kubectl apply set-last-applied -f - --dry-run=client', stdin: CFG_AS_APPLIED },
      { line: 'kubectl apply set-last-applied -l x -f cm.yaml' },
    ],
  },
  {
    name: 'edit-last-applied',
    setup: SETUP,
    cases: [
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false', edit: null },
      { line: 'kubectl apply edit-last-applied cm --validate=false', edit: null },
      { line: 'kubectl apply edit-last-applied cm/cfg -o json --validate=false', edit: null },
      { line: 'kubectl apply edit-last-applied deploy/web cm/cfg --validate=false', edit: null },
      { line: 'kubectl apply edit-last-applied -f cm.yaml --validate=false', edit: null },
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false', edit: '# only a comment\n' },
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false', edit: CFG_AS_APPLIED },
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false -o yaml', edit: CFG_AS_APPLIED },
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false', edit: cm('cfg', '  namespace: other\n') },
      { line: 'kubectl apply edit-last-applied cm/cfg --validate=false', edit: 'apiVersion: v1\nkind: [\n' },
      { line: 'kubectl apply edit-last-applied cm/plain --validate=false' },
      { line: 'kubectl apply edit-last-applied cm/cfg -o name --validate=false' },
      { line: 'kubectl apply edit-last-applied cm/nope --validate=false' },
      { line: 'kubectl apply edit-last-applied --validate=false' },
      { line: 'kubectl apply edit-last-applied cm -l a=b' },
    ],
  },
  {
    name: 'prune',
    setup: SETUP,
    cases: [
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/ConfigMap --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/ConfigMap --dry-run=client --validate=false -o name' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=apps/v1/Deployment --dry-run=client --validate=false -o yaml' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/ConfigMap --prune-allowlist=apps/v1/Deployment --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=apps/v1/Deployment,core/v1/ConfigMap --dry-run=client --validate=false -o name' },
      { line: 'kubectl apply -f three.yaml --prune -l app=web --prune-allowlist=apps/v1/Deployment,core/v1/ConfigMap --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/ConfigMap --dry-run=client --validate=false -o yaml' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/Namespace --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/ConfigMap -n other --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --cascade=true --prune --all --prune-allowlist=core/v1/ConfigMap --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=core/v1/Foo --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --prune --all --prune-allowlist=apps/v2/Deployment --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml -l app=nothing --dry-run=client --validate=false' },
      { line: 'kubectl apply -f cm.yaml -l app=web --dry-run=client --validate=false' },
      { line: 'kubectl apply -f three.yaml --all --dry-run=client --validate=false' },
      { line: 'kubectl apply --prune -f cm.yaml --validate=false' },
      { line: 'kubectl apply --prune --all -l a=b -f cm.yaml' },
      { line: 'kubectl apply --prune --all --prune-allowlist=foo -f cm.yaml' },
      { line: 'kubectl apply --prune --all --server-side -f cm.yaml' },
      { line: 'kubectl apply -f cm.yaml --force-conflicts --validate=false' },
      { line: 'kubectl apply -f cm.yaml --cascade=bad' },
      { line: 'kubectl apply -k x -f cm.yaml' },
      { line: 'kubectl apply foo -f cm.yaml' },
      { line: 'kubectl apply -f cm.yaml --timeout=bad' },
      { line: 'kubectl apply nosuch' },
      { line: 'kubectl apply -f cm.yaml --prune-whitelist=core/v1/ConfigMap' },
      { line: 'kubectl apply -f cm.yaml -o bad --dry-run=client --validate=false' },
    ],
  },
  {
    name: 'expose-overrides',
    setup: ['kubectl apply -f web.yaml'],
    cases: [
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"spec":{"type":"NodePort"}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"metadata":{"labels":{"x":"y"}},"spec":{"ports":[{"port":81}]}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"ports":[{"port":80,"name":"http"}]}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --override-type=json --overrides='[{"op":"add","path":"/spec/externalName","value":"x"}]'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=json --overrides='[{"op":"remove","path":"/spec/nope"}]'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=json --overrides='{}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=json --overrides='[1]'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=json --overrides='{bad'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=strategic --overrides='[]'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=strategic --overrides='null' -o yaml` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --override-type=bad --overrides='{}'` },
      { line: 'kubectl expose deploy web --port=80 --dry-run=client --override-type=bad' },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{bad'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='null'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='3'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='[]'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"spec":{"ports":[{"port":"80"}]}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"metadata":{"labels":{"a":1}}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"spec":{"bogus":1},"extra":2}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"apiVersion":null}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"kind":null}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"apiVersion":"v2"}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client --overrides='{"kind":"Foo"}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"kind":"ConfigMap","data":{"a":"b"}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o name --overrides='{"kind":"ConfigMap"}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"metadata":{"name":"other"}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"spec":{"ports":null}}'` },
      { line: `kubectl expose deploy web --port=80 --dry-run=client -o yaml --overrides='{"spec":{"sessionAffinity":"ClientIP","ports":[{"port":80,"targetPort":"http"}]}}'` },
    ],
  },
];

/** FILES as the session's file system (flat: every path names one of them). */
export const filesFs: FileSystem = {
  readFile: (p) => {
    const text = FILES[p];
    if (text === undefined) throw new Error(`open ${p}: no such file or directory`);
    return text;
  },
  stat: (p) => (FILES[p] !== undefined ? 'file' : undefined),
  readDir: () => [],
  join: (d, n) => `${d}/${n}`,
};

/** The seed both the recording and the replay build their cluster with. */
export const SEED = 1;

/** A session with the scenario's setup played (each line must succeed). */
export function playSetup(s: Scenario, editor = false): Session {
  const session = new Session({ seed: SEED, fs: filesFs, editor });
  for (const line of s.setup) {
    const r = session.execLine(line);
    if (r.exitCode !== 0) throw new Error(`${s.name}: setup "${line}" failed:\n${r.output}`);
  }
  return session;
}

/** kubectl names its kept edit file at random: the recordings and Podlab's output are compared without the digits. */
export const withoutEditFileDigits = (text: string): string => text.replace(/kubectl-edit-\d+\.(yaml|json)/g, 'kubectl-edit-N.$1');
