/**
 * `kubectl exec`, `logs`, `top` and `sim node fail|recover|exec` / `sim kill` through the runner,
 * against the real kubelets: the command layer's wording with the engine behind it.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/commands/runner.ts';

const WEB = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node-1
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; sleep 3600"]
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sim advance 2m`;

function run(script: string) {
  const r = runScript(script, { seed: 1, file: 'test.podlab' });
  const entry = (line: string) => {
    const e = r.entries.find((x) => x.line === line);
    if (!e) throw new Error(`no entry for ${line}`);
    return e;
  };
  return { ...r, entry };
}

describe('node commands against the kubelets', () => {
  it('exec propagates the exit code and defaults the container', () => {
    const r = run(`${WEB}
kubectl exec web -- sh -c 'exit 3'
kubectl exec web -c nope -- true
kubectl exec web`);
    expect(r.entry("kubectl exec web -- sh -c 'exit 3'")).toMatchObject({
      output: 'Defaulted container "app" out of: app, side\ncommand terminated with exit code 3\n',
      exitCode: 3,
    });
    expect(r.entry('kubectl exec web -c nope -- true')).toMatchObject({
      output: 'Error from server (BadRequest): container nope is not valid for pod web\n',
      exitCode: 1,
    });
    expect(r.entry('kubectl exec web').output).toBe('error: you must specify at least one command for the container\n');
  });

  it('logs shows what the container wrote', () => {
    const r = run(`${WEB}
kubectl logs web -c app`);
    expect(r.entry('kubectl logs web -c app')).toMatchObject({ output: 'hello\n', exitCode: 0 });
  });

  it('a failed node: exec and logs cannot dial its kubelet, top shows <unknown>; recover brings it back', () => {
    const r = run(`${WEB}
sim node fail node-1
kubectl exec web -c app -- true
kubectl logs web -c app --tail 1
kubectl top node node-1
kubectl top nodes
sim node recover node-1
sim node fail nope`);
    expect(r.entry('sim node fail node-1').output).toBe('node/node-1 failed\n');
    expect(r.entry('kubectl exec web -c app -- true').output).toBe(
      'Error from server: error dialing backend: dial tcp 172.18.0.3:10250: connect: no route to host\n',
    );
    expect(r.entry('kubectl logs web -c app --tail 1').output).toBe(
      'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/web/app?tailLines=1": dial tcp 172.18.0.3:10250: connect: no route to host\n',
    );
    expect(r.entry('kubectl top node node-1').output).toBe('Error from server (NotFound): nodemetrics.metrics.k8s.io "node-1" not found\n');
    const top = r.entry('kubectl top nodes').output;
    expect(top).toMatch(/^NAME +CPU\(cores\) +CPU% +MEMORY\(bytes\) +MEMORY% +\n/);
    expect(top).toMatch(/^node-1 +<unknown> +<unknown> +<unknown> +<unknown> +$/m);
    expect(top).toMatch(/^node-2 +\d+m +\d+% +\d+Mi +\d+% +$/m);
    expect(r.entry('sim node recover node-1').output).toBe('node/node-1 recovered\n');
    expect(r.status).toBe(2);
    expect(r.error).toBe('test.podlab:23: sim node fail: node "nope" not found');
  });

  it('sim kill signals the container; sim node exec runs on the node', () => {
    const r = run(`${WEB}
sim kill web -c side
sim kill web --signal HUP`);
    expect(r.entry('sim kill web -c side')).toMatchObject({ output: 'pod/web container side killed (SIGKILL)\n', exitCode: 0 });
    expect(r.entry('sim kill web --signal HUP').exitCode).toBe(2);
    const shell = run('sim node exec node-1 -- sh -c \'exit 4\'');
    expect(shell.entries[0].exitCode).toBe(4);
  });
});
