/**
 * `kubectl events` against real kubectl v1.31 over the same cluster (info-golden.ts), plus what
 * the recordings cannot show: the kubeconfig context's namespace and the client-side errors.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { recordedCluster, run, serverRows } from './info-golden.ts';

describe('kubectl events, as kubectl v1.31 prints it', () => {
  const s = recordedCluster();
  it.each(serverRows('events').map((r) => [r.command, r] as const))('%s', (command, row) => {
    expect(run(s, command)).toEqual(row);
  });
});

describe('kubectl events', () => {
  const s = recordedCluster();

  it('lists the context namespace after config set-context', () => {
    const fresh = recordedCluster();
    fresh.execLine('kubectl config set-context --current --namespace=dev');
    expect(fresh.execLine('kubectl events').stdout).toBe(s.execLine('kubectl events -n dev').stdout);
  });

  it.each([
    ['kubectl events --for pod', 'error: --for must be in resource/name form\n'],
    ['kubectl events --for pod/a/b', 'error: arguments in resource/name form may not have more than one slash\n'],
    ['kubectl events --for podz/a', 'error: the server doesn\'t have a resource type "podz"\n'],
    ['kubectl events --types=Foo', 'error: valid --types are Normal or Warning\n'],
    [
      'kubectl events -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    ],
  ])('%s fails as kubectl does', (line, stderr) => {
    const r = new Session().execLine(line);
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr, exitCode: 1 });
  });

  it('accepts types in any case and as several flags', () => {
    expect(s.execLine('kubectl events -A --types=warning --types normal').stdout).toBe(s.execLine('kubectl events -A').stdout);
  });
});

describe('kubectl events --watch', () => {
  it('prints the current events first, then each new one as it happens, until --request-timeout', () => {
    const s = new Session();
    s.execLine('kubectl create deployment web --image=nginx:1.27');
    const start = s.sim.now;
    const r = s.execLine('kubectl events -w --for deployment/web --request-timeout=5s');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n0s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[a-z0-9]+ to 1\n$/);
    expect(s.sim.now - start).toBe(5000);
    // A scale-up during the next watch arrives as it happens (the old event is listed first).
    s.execLine('kubectl scale deployment web --replicas=3');
    const again = s.execLine('kubectl events -w --for deployment/web --request-timeout=1s -o name').stdout.split('\n');
    expect(again).toHaveLength(3);
    expect(again[0]).toMatch(/^event\/web\.[0-9a-f]+$/);
    expect(again[1]).toMatch(/^event\/web\.[0-9a-f]+$/);
  });

  it('keeps column widths across rows and prints repeated events again with their count', () => {
    const s = new Session();
    s.execLine('kubectl create deployment broken --image=nginx:does-not-exist');
    const lines = s.execLine('kubectl events -w --types=Warning --request-timeout=40s').stdout.split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN {3}TYPE {6}REASON {3}OBJECT +MESSAGE$/);
    expect(lines[1]).toMatch(/^\d+s {10}Warning {3}Failed {3}Pod\/broken-/);
    expect(lines.some((l) => /^0s \(x2 over \d+s\) {3}Warning {3}Failed {3}Pod\/broken-/.test(l))).toBe(true);
  });
});
