/**
 * `kubectl set selector`, `set serviceaccount` and `set subject`: outputs and errors recorded
 * from kubectl v1.31 with `--local` files (client-side, so the real binary ran them for real),
 * and the writes through Podlab's API server (the selector and service account land, a stale
 * --resource-version is a Conflict, the RBAC kinds Podlab does not store answer as a server
 * without them does).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';
import { addSubjects, wantedSubjects } from '../../../src/commands/kubectl/verbs/set-subject.ts';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: c
        image: nginx
`;

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  minAvailable: 1
`;

const FILES: Record<string, string> = {
  'svc.yaml': SVC,
  'dep.yaml': DEP,
  'pdb.yaml': PDB,
  'two.yaml': `${DEP}---\n${SVC}`,
  'three.yaml': `${DEP}---\n${SVC}---\n${CM}`,
};

const fs: FileSystem = {
  readFile(path) {
    const text = FILES[path];
    if (text === undefined) throw new Error(`no such file: ${path}`);
    return text;
  },
  stat: (path) => (FILES[path] !== undefined ? 'file' : undefined),
  readDir: () => [],
  join: (d, n) => `${d}/${n}`,
};

const run = (line: string, session = new Session({ fs })) => session.execLine(line);

/** [command, stdout, stderr, exit code] as kubectl v1.31 printed them. */
const LOCAL: [string, string, string, number][] = [
  [
    "kubectl set selector --local -f svc.yaml app=x,tier=y -o yaml",
    'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  ports:\n  - port: 80\n    targetPort: 0\n  selector:\n    app: x\n    tier: "y"\nstatus:\n  loadBalancer: {}\n',
    '',
    0,
  ],
  ['kubectl set selector --local -f svc.yaml app=x', 'service/web selector updated\n', '', 0],
  ['kubectl set selector --local -f svc.yaml app=x -o json', "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"port\": 80,\n                \"targetPort\": 0\n            }\n        ],\n        \"selector\": {\n            \"app\": \"x\"\n        }\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n", '', 0],
  ['kubectl set sa --local -f dep.yaml sa1 -o json', "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"web\"\n            }\n        },\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n                \"labels\": {\n                    \"app\": \"web\"\n                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"name\": \"c\",\n                        \"image\": \"nginx\",\n                        \"resources\": {}\n                    }\n                ],\n                \"serviceAccountName\": \"sa1\"\n            }\n        },\n        \"strategy\": {}\n    },\n    \"status\": {}\n}\n", '', 0],
  ['kubectl set selector --local -f dep.yaml app=x', '', 'error: setting a selector is only supported for Services\n', 1],
  ['kubectl set selector --local -f svc.yaml', '', 'error: one selector is required\n', 1],
  ["kubectl set selector --local -f svc.yaml 'app in (b,a)'", '', 'error: match expression [{app In [a b]}] not supported on this object\n', 1],
  [
    'kubectl set selector --local -f svc.yaml a=b c=d',
    '',
    "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    1,
  ],
  ["kubectl set selector --local -f svc.yaml '!!!'", '', `error: couldn't parse the selector string "!!!": unable to parse requirement: found '!', expected: identifier\n`, 1],
  ["kubectl set selector --local -f svc.yaml 'a>1'", '', 'error: "gt" isn\'t supported in label selectors\n', 1],
  ["kubectl set selector --local -f svc.yaml 'b=1,a!=2'", '', 'error: "!=" is not a valid label selector operator\n', 1],
  ['kubectl set selector --local -f two.yaml a=b', 'service/web selector updated\n', 'error: setting a selector is only supported for Services\n', 1],
  [
    'kubectl set sa --local -f dep.yaml sa1 -o yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: c\n        resources: {}\n      serviceAccountName: sa1\nstatus: {}\n',
    '',
    0,
  ],
  ['kubectl set sa --local -f dep.yaml sa1', 'deployment.apps/web serviceaccount updated\n', '', 0],
  ['kubectl set sa --local -f svc.yaml sa1', '', 'error: service/web the object is not a pod or does not have a pod template: *v1.Service\n', 1],
  ['kubectl set sa --local -f pdb.yaml x', '', 'error: poddisruptionbudget.policy/pdb\n the object is not a pod or does not have a pod template: *v1.PodDisruptionBudget\n', 1],
  ['kubectl set sa --local -f dep.yaml', '', 'error: serviceaccount is required\n', 1],
  [
    'kubectl set sa --local dep sa1',
    '',
    "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    1,
  ],
  ['kubectl set sa --local -f two.yaml x', 'deployment.apps/web serviceaccount updated\n', 'error: service/web the object is not a pod or does not have a pod template: *v1.Service\n', 1],
  ['kubectl set subject --local -f dep.yaml --user=a', '', 'error: deployment.apps/web\n setting subjects is only supported for RoleBinding/ClusterRoleBinding\n', 1],
  ['kubectl set subject --local -f svc.yaml', '', 'error: you must specify at least one value of user, group or serviceaccount\n', 1],
  [
    'kubectl set subject --local -f three.yaml --user=a',
    '',
    'error: deployment.apps/web\n setting subjects is only supported for RoleBinding/ClusterRoleBinding\n\nerror: service/web setting subjects is only supported for RoleBinding/ClusterRoleBinding\n\nerror: configmap/cm setting subjects is only supported for RoleBinding/ClusterRoleBinding\n\n',
    1,
  ],
  ['kubectl set subject --local -f svc.yaml --serviceaccount=a', '', 'error: serviceaccount must be <namespace>:<name>\n', 1],
  ['kubectl set subject --local -f svc.yaml --user=a --all -l a=b', '', 'error: cannot set --all and --selector at the same time\n', 1],
  ['kubectl set subject --local -f svc.yaml --serviceaccount=a:b', '', 'error: service/web setting subjects is only supported for RoleBinding/ClusterRoleBinding\n', 1],
];

describe('kubectl set selector|serviceaccount|subject --local, as kubectl v1.31 prints them', () => {
  it.each(LOCAL)('%s', (line, stdout, stderr, code) => {
    const r = run(line);
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(code);
  });
});

describe('kubectl set selector|serviceaccount against the API server', () => {
  const cluster = () => {
    const s = new Session({ fs });
    s.execLine('kubectl create deployment web --image=nginx');
    s.execLine('kubectl expose deploy web --port=80');
    return s;
  };

  it('replaces a Service selector (and drops it for an empty one)', () => {
    const s = cluster();
    expect(run('kubectl set selector svc web app=other,x=y', s).stdout).toBe('service/web selector updated\n');
    expect(run('kubectl get svc web -o jsonpath={.spec.selector}', s).stdout).toBe('{"app":"other","x":"y"}');
    expect(run("kubectl set selector svc/web ''", s).stdout).toBe('service/web selector updated\n');
    expect(run('kubectl get svc web -o jsonpath={.spec.selector}', s).stdout).toBe('');
  });

  it('prints even when nothing changes, and honours dry runs', () => {
    const s = cluster();
    expect(run('kubectl set selector svc web app=web', s).stdout).toBe('service/web selector updated\n');
    expect(run('kubectl set selector svc web app=x --dry-run=server', s).stdout).toBe('service/web selector updated (server dry run)\n');
    expect(run('kubectl set selector svc web app=x --dry-run=client -o name', s).stdout).toBe('service/web\n');
    expect(run('kubectl get svc web -o jsonpath={.spec.selector.app}', s).stdout).toBe('web');
  });

  it('makes a stale --resource-version a Conflict', () => {
    const r = run('kubectl set selector svc web app=web --resource-version=1', cluster());
    expect(r.stderr).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on services "web": the object has been modified; please apply your changes to the latest version and try again\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('refuses other kinds on the server too', () => {
    expect(run('kubectl set selector deploy web app=x', cluster()).stderr).toBe('error: setting a selector is only supported for Services\n');
  });

  it('sets a pod template service account, and the rollout carries it', () => {
    const s = cluster();
    expect(run('kubectl set serviceaccount deploy web robot', s).stdout).toBe('deployment.apps/web serviceaccount updated\n');
    expect(run('kubectl get deploy web -o jsonpath={.spec.template.spec.serviceAccountName}', s).stdout).toBe('robot');
    expect(run('kubectl set sa deploy/web other --dry-run=server', s).stdout).toBe('deployment.apps/web serviceaccount updated (server dry run)\n');
    expect(run('kubectl get deploy web -o jsonpath={.spec.template.spec.serviceAccountName}', s).stdout).toBe('robot');
  });

  it('adds subjects to stored RoleBindings and ClusterRoleBindings', () => {
    const s = new Session({ seed: 1 });
    expect(run('kubectl set subject rolebinding admin --user=a', s).stderr).toBe('Error from server (NotFound): rolebindings.rbac.authorization.k8s.io "admin" not found\n');
    run('kubectl create rolebinding admin --clusterrole=admin --user=a', s);
    expect(run('kubectl set subject rolebinding admin --user=a', s).stdout).toBe('');
    expect(run('kubectl set subject rolebinding admin --user=b --serviceaccount=:robot --dry-run=server', s).stdout).toBe(
      'rolebinding.rbac.authorization.k8s.io/admin subjects updated (server dry run)\n',
    );
    expect(run('kubectl set subject rolebinding/admin --group=devs --serviceaccount=:robot', s).stdout).toBe('rolebinding.rbac.authorization.k8s.io/admin subjects updated\n');
    expect(run('kubectl get rolebinding admin -o jsonpath={.subjects[*].name}', s).stdout).toBe('a devs robot');
    expect(run('kubectl get rolebinding admin -o jsonpath={.subjects[2].namespace}', s).stdout).toBe('default');
    expect(run('kubectl set subject clusterrolebinding cluster-admin --user=me', s).stdout).toBe('clusterrolebinding.rbac.authorization.k8s.io/cluster-admin subjects updated\n');
  });
});

describe("set subject's subject arithmetic (kubectl's addSubjects)", () => {
  it('adds users, groups and service accounts, sorted and deduplicated, once', () => {
    const wanted = wantedSubjects(['b', 'a', 'a'], ['g'], ['kube-system:sa', ':x'], 'dev');
    expect(wanted).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'a' },
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'b' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'g' },
      { kind: 'ServiceAccount', name: 'x', namespace: 'dev' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'kube-system' },
    ]);
    const first = addSubjects([wanted[0]], wanted);
    expect(first.changed).toBe(true);
    expect(first.subjects).toHaveLength(5);
    expect(addSubjects(first.subjects, wanted).changed).toBe(false);
  });
});
