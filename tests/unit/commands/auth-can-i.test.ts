/**
 * `kubectl auth can-i` and `kubectl auth whoami` against what kubectl v1.31 printed for the same
 * cluster (auth.recorded.json, recorded by auth-record.ts through tools/fake-apiserver, whose
 * review endpoints answer with the engine's RBAC authorizer), and the RBAC lab situations the
 * recording does not cover.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { AUTH_COMMANDS, AUTH_SETUP } from './auth-scenario.ts';

interface Recorded {
  setup: typeof AUTH_SETUP;
  runs: { command: string; stdout: string; stderr: string; exitCode: number }[];
}

const recorded = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'auth.recorded.json'), 'utf8')) as Recorded;

function cluster(): Session {
  const s = new Session({ seed: recorded.setup.seed });
  for (const line of recorded.setup.lines) expect(s.execLine(line).exitCode).toBe(0);
  return s;
}

describe('kubectl auth as kubectl v1.31 prints it', () => {
  it('the recording is of the current scenario', () => {
    expect(recorded.setup).toEqual(AUTH_SETUP);
    expect(recorded.runs.map((r) => r.command)).toEqual(AUTH_COMMANDS);
  });

  const s = cluster();
  it.each(recorded.runs.map((r) => [r.command, r] as const))('%s', (command, run) => {
    const r = s.execLine(command);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode });
  });
});

describe('kubectl auth can-i follows the RBAC objects as they change', () => {
  const SA = '--as=system:serviceaccount:dev:app';

  it('a deleted RoleBinding takes its rights away; a ClusterRoleBinding gives them everywhere', () => {
    const s = cluster();
    expect(s.execLine(`kubectl auth can-i list pods -n dev ${SA}`).stdout).toBe('yes\n');
    expect(s.execLine('kubectl delete rolebinding app-reads-pods -n dev').exitCode).toBe(0);
    expect(s.execLine(`kubectl auth can-i list pods -n dev ${SA}`)).toMatchObject({ stdout: 'no\n', exitCode: 1 });
    expect(s.execLine('kubectl create clusterrolebinding app-view --clusterrole=view --serviceaccount=dev:app').exitCode).toBe(0);
    expect(s.execLine(`kubectl auth can-i list deployments.apps -A ${SA}`).stdout).toBe('yes\n');
    expect(s.execLine(`kubectl auth can-i list secrets -n kube-system ${SA}`).stdout).toBe('no\n');
  });

  it('a Role edited to add a verb allows it', () => {
    const s = cluster();
    expect(s.execLine(`kubectl auth can-i delete pods -n dev ${SA}`).stdout).toBe('no\n');
    expect(s.execLine(`kubectl patch role pod-reader -n dev --type=json -p '[{"op":"add","path":"/rules/0/verbs/-","value":"delete"}]'`).exitCode).toBe(0);
    expect(s.execLine(`kubectl auth can-i delete pods -n dev ${SA}`).stdout).toBe('yes\n');
  });

  it("the admin's rights come from the kubeadm:cluster-admins binding", () => {
    const s = cluster();
    expect(s.execLine('kubectl auth can-i delete nodes').stdout).toBe('yes\n');
    expect(s.execLine('kubectl delete clusterrolebinding kubeadm:cluster-admins').exitCode).toBe(0);
    expect(s.execLine('kubectl auth can-i delete nodes')).toMatchObject({ stdout: 'no\n', exitCode: 1 });
    expect(s.execLine('kubectl auth can-i get /version').stdout).toBe('yes\n');
  });

  it('uses the namespace of the current context', () => {
    const s = cluster();
    expect(s.execLine(`kubectl auth can-i get pods ${SA}`).stdout).toBe('no\n');
    expect(s.execLine('kubectl config set-context --current --namespace=dev').exitCode).toBe(0);
    expect(s.execLine(`kubectl auth can-i get pods ${SA}`).stdout).toBe('yes\n');
  });
});
