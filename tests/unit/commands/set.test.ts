/**
 * `kubectl set env`, `set resources` and `set image` as kubectl v1.31 does them (outputs and
 * errors checked against the real client run on Podlab's objects through the fake API server):
 * the changes, the messages, --list (and --resolve), --from, dry runs, --local files, selection
 * by -l and --all, the client-side refusals, the API server refusing to change a pod's spec, the
 * Deployment controller rolling out the change, and tab completion of the subcommands.
 */
import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/commands/completion.ts';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';
import type { Container, PodSpec } from '../../../src/engine/api/types.ts';

const WEB_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  initContainers:
  - name: init
    image: busybox
    command: ["true"]
  containers:
  - name: app
    image: nginx
    env:
    - name: A
      value: "1"
    - name: S
      valueFrom:
        secretKeyRef: {name: sec, key: PASS}
    - name: F
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
    - name: R
      valueFrom:
        resourceFieldRef: {resource: limits.cpu}
    - name: C
      valueFrom:
        configMapKeyRef: {name: cm, key: KEY}
    - name: M
      valueFrom:
        configMapKeyRef: {name: missing, key: KEY}
  - name: side
    image: busybox
    command: ["sleep", "1000"]
`;

const LOCAL_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: default
spec:
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx
        env:
        - name: A
          value: "1"
      - name: side
        image: busybox
`;

/** A CronJob, a Pod and a DaemonSet with none of the fields the API server would fill in. */
const LOCAL_KINDS = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
      - name: c
        image: busybox
`;

/** What kubectl v1.31 prints for \`set env --local -f kinds.yaml X=1 -o yaml\`: the fields typed decoding adds. */
const LOCAL_KINDS_YAML = `apiVersion: batch/v1
kind: CronJob
metadata:
  creationTimestamp: null
  name: cj
spec:
  jobTemplate:
    metadata:
      creationTimestamp: null
    spec:
      template:
        metadata:
          creationTimestamp: null
        spec:
          containers:
          - env:
            - name: X
              value: "1"
            image: busybox
            name: c
            resources: {}
          restartPolicy: OnFailure
  schedule: '* * * * *'
status: {}
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  name: p
spec:
  containers:
  - env:
    - name: X
      value: "1"
    image: busybox
    name: c
    resources: {}
status: {}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  creationTimestamp: null
  name: ds
spec:
  selector:
    matchLabels:
      a: b
  template:
    metadata:
      creationTimestamp: null
      labels:
        a: b
    spec:
      containers:
      - env:
        - name: X
          value: "1"
        image: busybox
        name: c
        resources: {}
  updateStrategy: {}
status:
  currentNumberScheduled: 0
  desiredNumberScheduled: 0
  numberMisscheduled: 0
  numberReady: 0
`;

function memoryFs(files: Record<string, string>): FileSystem {
  return {
    readFile(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
    stat: (path) => (files[path] !== undefined ? 'file' : undefined),
    readDir: () => [],
    join: (dir, name) => `${dir}/${name}`,
  };
}

/** The recorded cluster: deployment nginx (2 replicas), configmap cm, secret sec, pod web, service svc, cronjob cj. */
function cluster(): Session {
  const s = new Session({ seed: 12, fs: memoryFs({ 'd.yaml': LOCAL_DEPLOYMENT, 'kinds.yaml': LOCAL_KINDS }) });
  const setup: [string, string?][] = [
    ['kubectl create deployment nginx --image=nginx:1.25 --replicas=2'],
    ['kubectl create configmap cm --from-literal=a.b=1 --from-literal=KEY=v --from-literal=1bad=x'],
    ['kubectl create secret generic sec --from-literal=PASS=pw'],
    ['kubectl apply -f -', WEB_POD],
    ["kubectl create cronjob cj --image=busybox '--schedule=*/1 * * * *'"],
    ['kubectl create service clusterip svc --tcp=80:80'],
    ['sim advance 30s'],
  ];
  for (const [line, stdin] of setup) expect(s.execLine(line, stdin).exitCode).toBe(0);
  return s;
}

function run(s: Session, line: string, stdin?: string) {
  const r = s.execLine(line, stdin);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

const templateOf = (s: Session, name = 'nginx'): PodSpec =>
  (s.sim.store.get('deployments', 'default', name).spec as { template: { spec: PodSpec } }).template.spec;
const container = (spec: PodSpec, name: string): Container => [...spec.containers, ...(spec.initContainers ?? [])].find((c) => c.name === name)!;

const FORBIDDEN = 'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`';

describe('kubectl set', () => {
  it('without a subcommand prints its help to stderr and fails; an unknown one is refused', () => {
    const s = new Session();
    const r = run(s, 'kubectl set');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Configure application resources\.\n[\s\S]*Available Commands:\n {2}env +Update environment variables on a pod template\n/);
    expect(run(s, 'kubectl set foo')).toEqual({ stdout: '', stderr: `error: unknown command "foo"\nSee 'kubectl set -h' for help and examples\n`, exitCode: 1 });
  });

  it('tab completion offers the subcommands, then resource types and names', () => {
    const s = cluster();
    expect(complete('kubectl set ', s.sim).candidates).toEqual(['env', 'image', 'resources', 'sa', 'selector', 'serviceaccount', 'subject']);
    expect(complete('kubectl set r', s.sim).candidates).toEqual(['resources']);
    expect(complete('kubectl set s', s.sim).candidates).toEqual(['sa', 'selector', 'serviceaccount', 'subject']);
    expect(complete('kubectl set env deployment ', s.sim).candidates).toEqual(['nginx']);
    expect(complete('kubectl set resources --lim', s.sim).candidates).toEqual(['--limits']);
    expect(complete('kubectl set env --fr', s.sim).candidates).toEqual(['--from']);
  });
});

describe('kubectl set env: changes', () => {
  it('adds a variable through the API; the Deployment controller rolls it out; the same change again prints nothing', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env deployment/nginx MODE=prod')).toEqual({ stdout: 'deployment.apps/nginx env updated\n', stderr: '', exitCode: 0 });
    expect(container(templateOf(s), 'nginx').env).toEqual([{ name: 'MODE', value: 'prod' }]);
    expect(run(s, 'kubectl set env deployment/nginx MODE=prod')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    run(s, 'sim advance 60s');
    const pods = s.sim.store.list('pods', { namespace: 'default', labelSelector: 'app=nginx' }).items;
    const running = pods.filter((p) => !p.metadata.deletionTimestamp);
    expect(running).toHaveLength(2);
    for (const p of running) expect((p.spec as PodSpec).containers[0].env).toEqual([{ name: 'MODE', value: 'prod' }]);
  });

  it('replaces in place, appends new ones, removes KEY-, and drops an emptied list', () => {
    const s = cluster();
    run(s, 'kubectl set env deploy nginx A=1 B=2 C=3');
    run(s, 'kubectl set env deploy nginx B=20 D=4 A-');
    expect(container(templateOf(s), 'nginx').env).toEqual([
      { name: 'B', value: '20' },
      { name: 'C', value: '3' },
      { name: 'D', value: '4' },
    ]);
    expect(run(s, 'kubectl set env deploy nginx B- C- D-').stdout).toBe('deployment.apps/nginx env updated\n');
    expect(container(templateOf(s), 'nginx').env).toBeUndefined();
  });

  it('-c picks containers by name or wildcard, init containers included; none matching is a warning', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env pod/web B=2 A- --list')).toEqual({
      stdout:
        '# Pod web, container app\n# S from secret sec, key PASS\n# F from field path metadata.name\n# R from resource field limits.cpu\n# C from configmap cm, key KEY\n# M from configmap missing, key KEY\nB=2\n# Pod web, container side\nB=2\n# Pod web, container init\nB=2\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(s, "kubectl set env pod/web -c 's*' --list").stdout).toBe('# Pod web, container side\n');
    expect(run(s, 'kubectl set env pod/web -c nope X=1 --dry-run=client -o yaml')).toEqual({
      stdout: '',
      stderr: 'Warning: Pod/web does not have any containers matching "nope"\n',
      exitCode: 0,
    });
  });

  it('--overwrite=false refuses a different value, per object', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env pod/web A=2 --overwrite=false --dry-run=client -o name')).toEqual({
      stdout: '',
      stderr: "error: pods/web 'A' already has a value (1), and --overwrite is false\n",
      exitCode: 1,
    });
    // Same value: allowed.
    expect(run(s, 'kubectl set env deployment/nginx A=1 --overwrite=false --dry-run=client -o name').stdout).toBe('deployment.apps/nginx\n');
  });

  it('several errors print as kubectl aggregates them, after the objects that went through', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env svc/svc deployment/nginx pod/web A=2 --overwrite=false --dry-run=client')).toEqual({
      stdout: 'deployment.apps/nginx env updated (dry run)\n',
      stderr:
        "error: services/svc the object is not a pod or does not have a pod template: *v1.Service\n\nerror: pods/web 'A' already has a value (1), and --overwrite is false\n\n",
      exitCode: 1,
    });
  });

  it('a pod is patched like the rest, and the API server refuses the change', () => {
    const s = cluster();
    const before = s.sim.store.get('pods', 'default', 'web');
    const r = run(s, 'kubectl set env pod/web X=1');
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`error: failed to patch env update to pod template: ${FORBIDDEN}`)).toBe(true);
    expect(r.exitCode).toBe(1);
    expect(s.sim.store.get('pods', 'default', 'web')).toEqual(before);
  });

  it('--dry-run=server goes to the API without persisting; client dry run and -o print the changed object', () => {
    const s = cluster();
    const rv = s.sim.store.get('deployments', 'default', 'nginx').metadata.resourceVersion;
    expect(run(s, 'kubectl set env deployment/nginx A=1 --dry-run=server').stdout).toBe('deployment.apps/nginx env updated (server dry run)\n');
    expect(run(s, 'kubectl set env deployment nginx A=1 --dry-run=client').stdout).toBe('deployment.apps/nginx env updated (dry run)\n');
    expect(s.sim.store.get('deployments', 'default', 'nginx').metadata.resourceVersion).toBe(rv);
    const json = run(s, 'kubectl set env deployment nginx A=1 --dry-run=client -o json').stdout;
    // A typed object: Go struct order, not sorted keys.
    expect(json.startsWith('{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n    "metadata": {\n        "name": "nginx",')).toBe(true);
    expect(JSON.parse(json).spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('a pod template printed after the change shows a reference divisor as kubectl decodes it', () => {
    const s = cluster();
    const yaml = run(s, 'kubectl set env pod/web A=3 --containers=app -o yaml --dry-run=client').stdout;
    expect(yaml).toContain('        resourceFieldRef:\n          divisor: "0"\n          resource: limits.cpu\n');
    expect(yaml).toContain('    - name: A\n      value: "3"\n');
  });

  it('-e adds pairs; -e - reads KEY=VALUE lines from stdin (comments dropped)', () => {
    const s = cluster();
    run(s, 'kubectl set env deployment/nginx -e X=1 -e - Y=2', 'RAILS_ENV=prod # the mode\n\n# nothing\nRAILS_PORT=3000\n');
    expect(container(templateOf(s), 'nginx').env).toEqual([
      { name: 'X', value: '1' },
      { name: 'RAILS_ENV', value: 'prod ' },
      { name: 'RAILS_PORT', value: '3000' },
      { name: 'Y', value: '2' },
    ]);
  });

  it('selects by -l and by --all', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env -l app=nginx deployment A=1 --dry-run=client').stdout).toBe('deployment.apps/nginx env updated (dry run)\n');
    expect(run(s, 'kubectl set env deployment --all A=1 --dry-run=client').stdout).toBe('deployment.apps/nginx env updated (dry run)\n');
    expect(run(s, 'kubectl set env cj/cj A=1 --dry-run=client').stdout).toBe('cronjob.batch/cj env updated (dry run)\n');
  });
});

describe('kubectl set env: --list and --resolve', () => {
  const LIST =
    '# Pod web, container app\nA=1\n# S from secret sec, key PASS\n# F from field path metadata.name\n# R from resource field limits.cpu\n# C from configmap cm, key KEY\n# M from configmap missing, key KEY\n# Pod web, container side\n# Pod web, container init\n';

  it('lists every container, references as comments', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env pod/web --list')).toEqual({ stdout: LIST, stderr: '', exitCode: 0 });
    expect(run(s, 'kubectl set env deployment/nginx --list -e B=1').stdout).toBe('# Deployment nginx, container nginx\nB=1\n');
    expect(run(s, 'kubectl set env svc/svc --list')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('--resolve looks references up; what cannot be found stays a comment and is reported, without failing', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env pod/web --list --resolve')).toEqual({
      stdout:
        '# Pod web, container app\nA=1\nS=pw\nF=web\nR=0\nC=v\n# M from configmap missing, key KEY\n# Pod web, container side\n# Pod web, container init\n',
      stderr: 'error retrieving reference for M: configmaps "missing" not found\n',
      exitCode: 0,
    });
  });

  it('with --local reads only the files; references to missing objects are reported sorted', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env --local -f d.yaml --list')).toEqual({
      stdout: '# Deployment nginx, container nginx\nA=1\n# Deployment nginx, container side\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(s, 'kubectl set env --local -f d.yaml B=2 -o yaml').stdout).toContain('      - env:\n        - name: A\n          value: "1"\n        - name: B\n          value: "2"\n');
  });

  it('prints local objects as kubectl decodes them: zero structs, null times, empty resources', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env --local -f kinds.yaml X=1 -o yaml')).toEqual({ stdout: LOCAL_KINDS_YAML, stderr: '', exitCode: 0 });
    expect(run(s, 'kubectl set env --local -f kinds.yaml X=1').stdout).toBe(
      'cronjob.batch/cj env updated\npod/p env updated\ndaemonset.apps/ds env updated\n',
    );
  });
});

describe('kubectl set env --from', () => {
  it('imports every key of a ConfigMap as references, names upper-cased and made valid, sorted', () => {
    const s = cluster();
    const printed = run(s, 'kubectl set env deployment/nginx --from=configmap/cm --dry-run=client -o yaml');
    expect(printed.stderr).toBe('Warning: key 1bad transferred to 1BAD\nWarning: key a.b transferred to A_B\n');
    const yaml = printed.stdout;
    expect(yaml).toContain(
      '      - env:\n        - name: 1BAD\n          valueFrom:\n            configMapKeyRef:\n              key: 1bad\n              name: cm\n        - name: KEY\n          valueFrom:\n            configMapKeyRef:\n              key: KEY\n              name: cm\n        - name: A_B\n          valueFrom:\n            configMapKeyRef:\n              key: a.b\n              name: cm\n        image: nginx:1.25\n',
    );
    // `1BAD` is no valid variable name: the API server refuses the template, and nothing changes.
    const r = run(s, 'kubectl set env deployment/nginx --from=configmap/cm');
    expect(r.stderr).toMatch(/^Warning: key 1bad transferred to 1BAD\nWarning: key a.b transferred to A_B\nerror: failed to patch env update to pod template: Deployment\.apps "nginx" is invalid: spec\.template\.spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1BAD": /);
    expect(container(templateOf(s), 'nginx').env).toBeUndefined();
    run(s, 'kubectl set env deployment/nginx --from=configmap/cm --keys=KEY --keys=a.b');
    expect(container(templateOf(s), 'nginx').env).toEqual([
      { name: 'KEY', valueFrom: { configMapKeyRef: { name: 'cm', key: 'KEY' } } },
      { name: 'A_B', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a.b' } } },
    ]);
  });

  it('--prefix and --keys (a comma list) for a Secret', () => {
    const s = cluster();
    run(s, 'kubectl set env deployment/nginx --from=secret/sec --prefix=X_ --keys=PASS,nokey');
    expect(container(templateOf(s), 'nginx').env).toEqual([{ name: 'X_PASS', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASS' } } }]);
  });

  it.each([
    ['kubectl set env deployment/nginx --from=svc/svc --dry-run=client', 'error: unsupported resource specified in --from\n'],
    ['kubectl set env deployment/nginx --from=configmap/nope --dry-run=client', 'Error from server (NotFound): configmaps "nope" not found\n'],
    ['kubectl set env deployment/nginx --from=configmap --dry-run=client', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl set env deployment/nginx --keys=a', 'error: when specifying --keys, a configmap or secret must be provided with --from\n'],
  ])('%s', (line, stderr) => {
    expect(run(cluster(), line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('kubectl set env: refusals', () => {
  it.each([
    ['kubectl set env', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['kubectl set env --all --list', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['kubectl set env deployment/nginx --list -o yaml', 'error: --list and --output may not be specified together\n'],
    ['kubectl set env deployment/nginx A=B A-', 'error: can not both modify and remove the same environment variable in the same command\n'],
    ['kubectl set env deployment/nginx A=1 svc/svc --dry-run=client', 'error: all resources must be specified before environment changes: deployment/nginx A=1 svc/svc\n'],
    [
      'kubectl set env deployment/nginx 1A=B',
      `error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
    ],
    ['kubectl set env deployment/nginx A=B --dry-run=server --local', 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'],
    ['kubectl set env deployment/nginx -l a=b --all A=1', 'error: cannot set --all and --selector at the same time\n'],
    [
      'kubectl set env deployment/nginx A=1 --local',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    ['kubectl set env deployment/nope A=1 --dry-run=client', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [
      'kubectl set env deployment nginx A=1 --dry-run=client -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    ],
  ])('%s', (line, stderr) => {
    expect(run(cluster(), line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('nothing to change prints nothing', () => {
    const s = cluster();
    expect(run(s, 'kubectl set env deployment/nginx --dry-run=client')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run(s, 'kubectl set env deployment/nginx A-')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('a removal given only by -e goes through, then fails as kubectl does', () => {
    const s = cluster();
    run(s, 'kubectl set env deployment/nginx A=1');
    expect(run(s, 'kubectl set env deployment/nginx -e A-')).toEqual({ stdout: '', stderr: 'error: at least one environment variable must be provided\n', exitCode: 1 });
    expect(container(templateOf(s), 'nginx').env).toBeUndefined();
  });
});

describe('kubectl set resources', () => {
  it('sets limits and requests through the API; the rollout gives the pods the new resources', () => {
    const s = cluster();
    expect(run(s, 'kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m')).toEqual({
      stdout: 'deployment.apps/nginx resource requirements updated\n',
      stderr: '',
      exitCode: 0,
    });
    expect(container(templateOf(s), 'nginx').resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    run(s, 'sim advance 60s');
    const pods = s.sim.store.list('pods', { namespace: 'default', labelSelector: 'app=nginx' }).items.filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(2);
    for (const p of pods) expect((p.spec as PodSpec).containers[0].resources?.limits).toEqual({ cpu: '200m', memory: '512Mi' });
  });

  it('merges key by key into what the container has; quantities in canonical form', () => {
    const s = cluster();
    run(s, 'kubectl set resources deployment nginx --limits=cpu=1.5,memory=1000000');
    run(s, 'kubectl set resources deployment/nginx --limits=cpu=2 --requests=cpu=0');
    expect(container(templateOf(s), 'nginx').resources).toEqual({ limits: { cpu: '2', memory: '1M' }, requests: { cpu: '0' } });
    // The same values again: nothing to send, nothing printed.
    expect(run(s, 'kubectl set resources deployment/nginx --limits=cpu=2')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('-c picks containers (init ones too); other names are an error', () => {
    const s = cluster();
    const yaml = run(s, 'kubectl set resources pod web -c app --limits=cpu=1.5,memory=1000000 --dry-run=client -o yaml').stdout;
    expect(yaml).toContain('    name: app\n    resources:\n      limits:\n        cpu: 1500m\n        memory: 1M\n');
    expect(yaml).toContain('    name: side\n    resources: {}\n');
    expect(run(s, 'kubectl set resources pod web -c nope --requests=cpu=100m --dry-run=client')).toEqual({
      stdout: '',
      stderr: 'error: unable to find container named nope\n',
      exitCode: 1,
    });
    expect(run(s, 'kubectl set resources pod web -c init --requests=cpu=100m --dry-run=client').stdout).toBe('pod/web resource requirements updated (dry run)\n');
  });

  it('a pod is refused by the API server; other kinds have no pod template', () => {
    const s = cluster();
    const r = run(s, 'kubectl set resources pod/web --limits=cpu=1');
    expect(r.stderr.startsWith(`error: failed to patch resources update to pod template ${FORBIDDEN}`)).toBe(true);
    expect(run(s, 'kubectl set resources svc svc --requests=cpu=100m --dry-run=client')).toEqual({
      stdout: '',
      stderr: 'error: services/svc the object is not a pod or does not have a pod template: *v1.Service\n',
      exitCode: 1,
    });
  });

  it('--local changes a file only; -l and --all select', () => {
    const s = cluster();
    const yaml = run(s, 'kubectl set resources --limits=cpu=1 --local -f d.yaml -o yaml').stdout;
    expect(yaml).toContain('        name: nginx\n        resources:\n          limits:\n            cpu: "1"\n');
    expect(yaml).toContain('      - image: busybox\n        name: side\n        resources:\n          limits:\n            cpu: "1"\n');
    expect(run(s, 'kubectl set resources deployment --all --limits=cpu=1 --dry-run=client -o name').stdout).toBe('deployment.apps/nginx\n');
    expect(run(s, 'kubectl set resources deployment -l app=nginx --limits=cpu=1 --dry-run=client').stdout).toBe(
      'deployment.apps/nginx resource requirements updated (dry run)\n',
    );
  });

  it.each([
    [
      'kubectl set resources',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    ['kubectl set resources deployment nginx', 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'],
    ['kubectl set resources deployment nginx --limits=cpu', 'error: Invalid argument syntax cpu, expected <resource>=<value>\n'],
    ['kubectl set resources deployment nginx --limits=cpu=x', "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
    ['kubectl set resources deployment --limits=cpu=1 --dry-run=client', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl set resources deployment nginx --limits=cpu=1 --all -l app=x', 'error: name cannot be provided when a selector is specified\n'],
    ['kubectl set resources deployment/nginx --limits=cpu=1 --all -l a=b', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    [
      'kubectl set resources deployment nginx --limits=cpu=1 --local --dry-run=client',
      "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    ],
    ['kubectl set resources deployment nope --limits=cpu=1', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ])('%s', (line, stderr) => {
    expect(run(cluster(), line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('kubectl set image', () => {
  it('changes a pod image (the one spec change the API server allows) and selects by -l', () => {
    const s = cluster();
    expect(run(s, 'kubectl set image pod/web app=nginx:2').stdout).toBe('pod/web image updated\n');
    expect(container(s.sim.store.get('pods', 'default', 'web').spec as PodSpec, 'app').image).toBe('nginx:2');
    expect(run(s, 'kubectl set image deploy -l app=nginx nginx=nginx:1.27').stdout).toBe('deployment.apps/nginx image updated\n');
    expect(container(templateOf(s), 'nginx').image).toBe('nginx:1.27');
  });

  it.each([
    ['kubectl set image svc/svc a=b --dry-run=client', 'error: services/svc the object is not a pod or does not have a pod template: *v1.Service\n'],
    ['kubectl set image deployment/nginx nope=b --dry-run=client', 'error: unable to find container named "nope"\n'],
    ['kubectl set image deployment/nginx nginx=nginx:2 nginx- --dry-run=client', 'error: invalid image format: nginx-\n'],
    ['kubectl set image deployment/nginx --dry-run=client', 'error: at least one image update is required\n'],
    // Validate's problems come together, one a line.
    [
      "kubectl set image deployment --all -l app=nginx a=b '*=c' --dry-run=client",
      'cannot set --all and --selector at the same time\nall containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    ],
    [
      'kubectl set image --local --dry-run=server a=b',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
  ])('%s', (line, stderr) => {
    expect(run(cluster(), line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
