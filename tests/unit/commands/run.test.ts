/**
 * `kubectl run`: the client-side errors recorded from a real kubectl v1.31 client
 * (`kubectl.1.31 ARGS`, no cluster: these fail before any request), and the Pod it generates.
 * Real `kubectl run` needs the API server's discovery even for --dry-run=client, so the generated
 * object cannot be recorded here; its shape is derived from the run-pod/v1 generator
 * (pkg/generate/versioned/run.go: containers[].resources {}, dnsPolicy ClusterFirst, the restart
 * policy, status {}, creationTimestamp null).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

/** argv, stderr, exit code, as kubectl v1.31 printed them (stdout was empty for every row). */
const RECORDED: [string[], string, number][] = [
  [["run", "x"], "error: required flag(s) \"image\" not set\n", 1],
  [["run", "--image=busybox"], "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image="], "error: --image is required\n", 1],
  [["run", "x", "--image=BAD::", "--dry-run=client"], "error: Invalid image name \"BAD::\": invalid reference format\n", 1],
  [["run", "x", "--image=Nginx", "--dry-run=client"], "error: Invalid image name \"Nginx\": invalid reference format\n", 1],
  [["run", "-t", "x", "--image=busybox"], "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image=busybox", "--restart=Foo"], "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image=busybox", "--image-pull-policy=Foo"], "error: invalid image pull policy: Foo\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "--rm", "x", "--image=busybox"], "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "-i", "x", "--image=busybox", "--dry-run=client"], "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "--attach", "x", "--image=busybox", "--dry-run=server"], "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image=busybox", "--expose"], "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image=busybox", "--replicas=2"], "error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.\n", 1],
  [["run", "x", "--image=busybox", "--dry-run=maybe"], "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n", 1],
  [["run", "x", "--image=busybox", "--port=abc", "--dry-run=client", "-o", "wide"], "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n", 1],
  [["run", "x", "y", "--image=busybox", "--restart=Never", "--rm"], "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n", 1],
  [["run", "x", "--image=busybox", "--pod-running-timeout=abc"], "error: invalid argument \"abc\" for \"--pod-running-timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl run --help' for usage.\n", 1],
  [["run", "x", "--image=busybox", "--grace-period=x"], "error: invalid argument \"x\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl run --help' for usage.\n", 1],
];

const run = (s: Session, line: string) => {
  const r = s.execLine(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};

describe('kubectl run: client-side errors as kubectl v1.31 prints them', () => {
  it.each(RECORDED.map(([argv, stderr, code]) => [argv.join(' '), stderr, code] as const))('%s', (line, stderr, code) => {
    expect(run(new Session({ seed: 1 }), `kubectl ${line}`)).toEqual({ stdout: '', stderr, exitCode: code });
  });
});

describe('kubectl run: the generated Pod', () => {
  it('prints the run-pod/v1 Pod for --dry-run=client -o yaml', () => {
    expect(run(new Session({ seed: 1 }), 'kubectl run nginx --image=nginx --dry-run=client -o yaml')).toEqual({
      stdout: `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('takes --labels, --port, --env, --image-pull-policy, -n, and the words after -- as args', () => {
    const out = run(
      new Session({ seed: 1 }),
      'kubectl run web --image=nginx:1.27 -l app=web,tier=fe --port=80 --env=A=1 --env=B=x --image-pull-policy=IfNotPresent --restart=OnFailure -n shop --dry-run=client -o yaml -- --flag value',
    ).stdout;
    expect(out).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    app: web
    tier: fe
  name: web
  namespace: shop
spec:
  containers:
  - args:
    - --flag
    - value
    env:
    - name: A
      value: "1"
    - name: B
      value: x
    image: nginx:1.27
    imagePullPolicy: IfNotPresent
    name: web
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: OnFailure
status: {}
`);
  });

  it('puts the words in command with --command, and prints JSON in the Pod struct order', () => {
    expect(run(new Session({ seed: 1 }), 'kubectl run bb --image=busybox --restart=Never --command --dry-run=client -o json -- sleep 3600').stdout).toBe(`{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "bb",
        "creationTimestamp": null,
        "labels": {
            "run": "bb"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "bb",
                "image": "busybox",
                "command": [
                    "sleep",
                    "3600"
                ],
                "resources": {}
            }
        ],
        "restartPolicy": "Never",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
`);
  });

  it('merges --overrides into the generated object', () => {
    const out = run(new Session({ seed: 1 }), `kubectl run ov --image=nginx --overrides='{"spec":{"nodeName":"n1"},"metadata":{"labels":{"a":"b"}}}' --dry-run=client -o yaml`).stdout;
    expect(out).toContain('  labels:\n    a: b\n    run: ov\n');
    expect(out).toContain('  dnsPolicy: ClusterFirst\n  nodeName: n1\n  restartPolicy: Always\n');
  });

  it('refuses overrides that do not leave an object to decode as a Pod', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, `kubectl run x --image=nginx --override-type=json --overrides='[{"op":"replace","path":"","value":5}]' --dry-run=client`)).toEqual({
      stdout: '',
      stderr: 'error: json: cannot unmarshal number into Go value of type v1.Pod\n',
      exitCode: 1,
    });
    expect(run(s, `kubectl run x --image=nginx --overrides='[1]' --dry-run=client`).stderr).toBe('error: json: cannot unmarshal array into Go value of type map[string]interface {}\n');
  });

  it('rejects a bad --labels, --env or --port as the generator does', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl run x --image=nginx -l app --dry-run=client').stderr).toBe('error: unexpected label spec: app\n');
    expect(run(s, 'kubectl run x --image=nginx --env=1A=b --dry-run=client').stderr).toBe('error: invalid env: 1A=b\n');
    expect(run(s, 'kubectl run x --image=nginx --port=http --dry-run=client').stderr).toBe('error: strconv.Atoi: parsing "http": invalid syntax\n');
  });

  it('with --expose prints the Service first, then --- twice (as kubectl v1.31 does), then the Pod', () => {
    const out = run(new Session({ seed: 1 }), 'kubectl run web --image=nginx --port=80 --expose --dry-run=client -o yaml').stdout;
    expect(out.split('---\n')[0]).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: web
status:
  loadBalancer: {}
`);
    expect(out.split('---\n')[1]).toBe('');
    expect(out.split('---\n')[2]).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });
});

describe('kubectl run against the cluster', () => {
  it('creates the pod, which runs; a second run of the name is AlreadyExists', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl run nginx --image=nginx')).toEqual({ stdout: 'pod/nginx created\n', stderr: '', exitCode: 0 });
    s.execLine('sim advance 30s');
    expect(s.execLine('kubectl get pod nginx --show-labels').stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +LABELS\nnginx +1\/1 +Running +0 +30s +run=nginx\n$/);
    expect(run(s, 'kubectl run nginx --image=nginx')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "nginx" already exists\n', exitCode: 1 });
  });

  it('--dry-run=server and -o name', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl run a --image=nginx --dry-run=server').stdout).toBe('pod/a created (server dry run)\n');
    expect(s.execLine('kubectl get pod a').exitCode).toBe(1);
    expect(run(s, 'kubectl run b --image=nginx -o name').stdout).toBe('pod/b\n');
  });

  it('--expose whose Service fails still creates the pod, then reports the error', () => {
    const s = new Session({ seed: 1 });
    s.execLine('kubectl create service clusterip web --tcp=80');
    expect(run(s, 'kubectl run web --image=nginx --port=80 --expose')).toEqual({
      stdout: 'pod/web created\n',
      stderr: 'Error from server (AlreadyExists): services "web" already exists\n',
      exitCode: 1,
    });
  });

  it('--expose creates a ClusterIP Service selecting the pod', () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl run web --image=nginx --port=80 --expose').stdout).toBe('service/web created\npod/web created\n');
    expect(s.execLine('kubectl get svc web -o jsonpath={.spec.selector.run}').stdout).toBe('web');
  });

  it("-it --rm with --restart=Never: kubectl's no-TTY notice, the output, the pod deleted, exit 0", () => {
    const s = new Session({ seed: 1 });
    expect(run(s, 'kubectl run -it --rm debug --image=busybox --restart=Never -- echo hello')).toEqual({
      stdout: 'hello\npod "debug" deleted\n',
      stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
      exitCode: 0,
    });
    expect(s.execLine('kubectl get pod debug').exitCode).toBe(1);
  });

  it("-i with --restart=Never exits with the container's exit code", () => {
    const s = new Session({ seed: 1 });
    expect(run(s, `kubectl run -i fail --image=busybox --restart=Never -- sh -c 'echo out; exit 3'`)).toEqual({
      stdout: 'out\n',
      stderr: 'pod default/fail terminated (Error)\n',
      exitCode: 3,
    });
  });
});
