/**
 * PriorityClasses through kubectl: `get priorityclasses` / `get pc` with a v1.31 API server's
 * columns (NAME, VALUE, GLOBAL-DEFAULT, AGE; no wide-only columns before v1.32), create and
 * delete wording for a cluster-scoped scheduling.k8s.io kind, and the admission errors as
 * kubectl prints them.
 */
import { describe, expect, it } from 'vitest';
import { systemPriorityClasses } from '../../../src/engine/cluster/priority-classes.ts';
import { testBed } from './harness.ts';

const HIGH = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000000
globalDefault: true
description: "For the shop's front end."
`;

/** The system classes at bootstrap, a user class `high` (global default) 60 s later; now = 70 s. */
function bed() {
  const b = testBed();
  for (const o of systemPriorityClasses()) b.sim.store.create(o);
  b.sim.advance(60_000);
  expect(b.run('kubectl create -f -', HIGH).stdout).toBe('priorityclass.scheduling.k8s.io/high created\n');
  b.sim.advance(10_000);
  return b;
}

const TABLE = `NAME                      VALUE        GLOBAL-DEFAULT   AGE
high                      1000000      true             10s
system-cluster-critical   2000000000   false            70s
system-node-critical      2000001000   false            70s
`;

describe('kubectl get priorityclasses', () => {
  it('NAME, VALUE, GLOBAL-DEFAULT, AGE, by name; the same with pc, -o wide and -A', () => {
    const b = bed();
    for (const line of ['kubectl get priorityclasses', 'kubectl get pc', 'kubectl get priorityclass.scheduling.k8s.io', 'kubectl get pc -o wide', 'kubectl get pc -A']) {
      expect(b.run(line).stdout).toBe(TABLE);
    }
  });

  it('one by name, -o yaml as the API server serves it', () => {
    const b = bed();
    expect(b.run('kubectl get pc system-node-critical').stdout).toBe(
      'NAME                   VALUE        GLOBAL-DEFAULT   AGE\nsystem-node-critical   2000001000   false            70s\n',
    );
    const yaml = b.run('kubectl get pc system-cluster-critical -o yaml').stdout;
    expect(yaml).toMatch(
      /^apiVersion: scheduling\.k8s\.io\/v1\ndescription: Used for system critical pods that must run in the cluster, but can be\n {2}moved to another node if necessary\.\nkind: PriorityClass\nmetadata:\n {2}creationTimestamp: "2025-01-01T00:00:00Z"\n {2}generation: 1\n {2}name: system-cluster-critical\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]+\npreemptionPolicy: PreemptLowerPriority\nvalue: 2000000000\n$/,
    );
    expect(b.run('kubectl get pc nope').stderr).toBe('Error from server (NotFound): priorityclasses.scheduling.k8s.io "nope" not found\n');
  });

  it('delete says priorityclass.scheduling.k8s.io', () => {
    const b = bed();
    expect(b.run('kubectl delete pc high').stdout).toBe('priorityclass.scheduling.k8s.io "high" deleted\n');
    expect(b.run('kubectl get pc -o name').stdout).toBe('priorityclass.scheduling.k8s.io/system-cluster-critical\npriorityclass.scheduling.k8s.io/system-node-critical\n');
  });

  it('the system classes cannot be deleted (the registry refuses, Forbidden)', () => {
    const b = bed();
    const before = b.sim.store.resourceVersion;
    const r = b.run('kubectl delete pc system-node-critical');
    expect(r.stderr).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted\n',
    );
    expect(r.exitCode).toBe(1);
    expect(b.sim.store.resourceVersion).toBe(before);
    expect(b.run('kubectl delete pc --all').output).toBe(
      [
        'priorityclass.scheduling.k8s.io "high" deleted',
        'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted',
        'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl create priorityclass: admission errors', () => {
  const cases: { name: string; manifest: string; stderr: string }[] = [
    {
      name: 'a second global default',
      manifest: 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: other\nvalue: 5\nglobalDefault: true\n',
      stderr:
        'Error from server (Forbidden): error when creating "STDIN": priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass high is already marked as default. Only one default can exist\n',
    },
    {
      name: 'a user class above one billion',
      manifest: 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: over\nvalue: 1000000001\n',
      stderr: 'The PriorityClass "over" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
    },
    {
      name: 'a reserved name',
      manifest: 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: system-critical\nvalue: 10\n',
      stderr:
        "The PriorityClass \"system-critical\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-critical is not a known system priority class\n",
    },
    {
      name: 'a system class again',
      manifest: 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: system-node-critical\nvalue: 2000001000\n',
      stderr: 'Error from server (AlreadyExists): error when creating "STDIN": priorityclasses.scheduling.k8s.io "system-node-critical" already exists\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = bed().run('kubectl create -f -', c.manifest);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
    });
  }
});
