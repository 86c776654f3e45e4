/**
 * Jobs through the command layer: a 3-completion, parallelism-2 Job runs two pods, then one, and
 * completes (`kubectl get jobs` STATUS/COMPLETIONS/DURATION, SuccessCriteriaMet then Complete);
 * a failing Job backs off 10 s, 20 s between pods and fails at its backoffLimit; a Job past its
 * activeDeadlineSeconds deletes its pod and fails once the pod has terminated; Indexed Jobs; the
 * `kubectl create job` generators; and a snapshot taken mid-Job continues as if uninterrupted.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function job(name: string, spec: Record<string, unknown>, command: string[], restartPolicy = 'Never'): string {
  const template = { spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox:1.36', command }] } };
  return JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { ...spec, template } });
}

const table = (...rows: string[]): string => `${rows.join('\n')}\n`;
const jobEvents = (lab: Lab, name: string) => lab.events(name).map((e) => `${e.type} ${e.reason}: ${e.message}`);
const podNames = (lab: Lab, selector: string) =>
  lab
    .out(`kubectl get pods -l ${selector} -o name`)
    .split('\n')
    .filter((l) => l !== '');

describe('Job', () => {
  it('runs 3 completions 2 at a time and completes', () => {
    const lab = new Lab(1);
    expect(lab.apply(job('work', { completions: 3, parallelism: 2 }, ['sh', '-c', 'sleep 5']))).toBe('job.batch/work created\n');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS    COMPLETIONS   DURATION   AGE', 'work   Running   0/3           0s         0s'));
    expect(podNames(lab, 'job-name=work')).toHaveLength(2);
    lab.advance('7s');
    // Both pods finished (counted a second after, as pod events are batched); the third runs.
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS    COMPLETIONS   DURATION   AGE', 'work   Running   2/3           7s         7s'));
    expect(lab.out('kubectl get jobs -o jsonpath={.items[0].status.active}')).toBe('1');
    lab.advance('7s');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS     COMPLETIONS   DURATION   AGE', 'work   Complete   3/3           13s        14s'));
    expect(lab.out('kubectl get job work -o jsonpath={.status.conditions[*].type}')).toBe('SuccessCriteriaMet Complete');
    expect(lab.out('kubectl get job work -o jsonpath={.status.conditions[1].reason}/{.status.conditions[1].message}')).toBe(
      'CompletionsReached/Reached expected number of succeeded pods',
    );
    const pods = podNames(lab, 'job-name=work');
    expect(pods).toHaveLength(3);
    expect(pods).toEqual(['pod/work-dl28s', 'pod/work-smrbq', 'pod/work-zt7wg']);
    expect(jobEvents(lab, 'work')).toEqual([
      'Normal SuccessfulCreate: Created pod: work-smrbq',
      'Normal SuccessfulCreate: Created pod: work-dl28s',
      'Normal SuccessfulCreate: Created pod: work-zt7wg',
      'Normal Completed: Job completed',
    ]);
    // Counted pods lose the tracking finalizer; uncountedTerminatedPods is left empty.
    expect(lab.out(`kubectl get ${pods[0]} -o jsonpath={.metadata.finalizers}`)).toBe('');
    expect(lab.out('kubectl get job work -o jsonpath={.status.uncountedTerminatedPods}')).toBe('{}');
    expect(lab.out('kubectl get jobs -o wide')).toMatch(
      /^NAME {3}STATUS {5}COMPLETIONS {3}DURATION {3}AGE {3}CONTAINERS {3}IMAGES {9}SELECTOR\nwork {3}Complete {3}3\/3 {11}13s {8}14s {3}c {12}busybox:1\.36 {3}batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}\n$/,
    );
    const described = lab.out('kubectl describe job work');
    for (const line of [
      'Parallelism:      2\n',
      'Completions:      3\n',
      'Completion Mode:  NonIndexed\n',
      'Suspend:          false\n',
      'Backoff Limit:    6\n',
      'Start Time:       Wed, 01 Jan 2025 00:00:00 +0000\n',
      'Completed At:     Wed, 01 Jan 2025 00:00:13 +0000\n',
      'Duration:         13s\n',
      'Pods Statuses:    0 Active (0 Ready) / 3 Succeeded / 0 Failed\n',
      '  Normal  Completed         1s    job-controller  Job completed\n',
    ]) {
      expect(described).toContain(line);
    }
  });

  it('backs off between failed pods and stops at backoffLimit', () => {
    const lab = new Lab(1);
    lab.apply(job('fail', { backoffLimit: 2 }, ['sh', '-c', 'exit 1']));
    lab.advance('2m');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS   COMPLETIONS   DURATION   AGE', 'fail   Failed   0/1           2m         2m'));
    const created = lab
      .out("kubectl get pods -l job-name=fail -o jsonpath='{range .items[*]}{.metadata.creationTimestamp}{\"\\n\"}{end}'")
      .trim()
      .split('\n')
      .map((t) => Date.parse(t) / 1000)
      .sort((a, b) => a - b);
    // The first pod fails at once; its replacement waits 10 s from that failure, the next 20 s.
    expect(created.map((t) => t - created[0])).toEqual([0, 10, 30]);
    expect(lab.out('kubectl get job fail -o jsonpath={.status.failed}')).toBe('3');
    expect(lab.out('kubectl get job fail -o jsonpath={.status.conditions[*].type}')).toBe('FailureTarget Failed');
    expect(jobEvents(lab, 'fail').at(-1)).toBe('Warning BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(lab.out('kubectl describe job fail')).toContain('Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed\n');
  });

  it('counts OnFailure container restarts against backoffLimit', () => {
    const lab = new Lab(1);
    lab.apply(job('retry', { backoffLimit: 2 }, ['sh', '-c', 'exit 1'], 'OnFailure'));
    lab.advance('2m');
    expect(lab.out('kubectl get jobs retry -o jsonpath={.status.conditions[-1:].type}/{.status.conditions[-1:].reason}')).toBe('Failed/BackoffLimitExceeded');
    expect(podNames(lab, 'job-name=retry')).toEqual([]);
  });

  it('fails a Job running past activeDeadlineSeconds once its pod has terminated', () => {
    const lab = new Lab(1);
    lab.apply(job('slow', { activeDeadlineSeconds: 20 }, ['sleep', '3600']));
    lab.advance('19s');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS    COMPLETIONS   DURATION   AGE', 'slow   Running   0/1           19s        19s'));
    lab.advance('1s');
    // The deadline passed: FailureTarget while the pod (sleep ignores SIGTERM) takes its 30 s to stop.
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS          COMPLETIONS   DURATION   AGE', 'slow   FailureTarget   0/1           20s        20s'));
    const pod = podNames(lab, 'job-name=slow')[0];
    expect(lab.out(`kubectl get ${pod} --no-headers`)).toMatch(/Terminating/);
    lab.advance('31s');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME   STATUS   COMPLETIONS   DURATION   AGE', 'slow   Failed   0/1           51s        51s'));
    expect(jobEvents(lab, 'slow')).toEqual([
      `Normal SuccessfulCreate: Created pod: ${pod.slice(4)}`,
      `Normal SuccessfulDelete: Deleted pod: ${pod.slice(4)}`,
      'Warning DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(lab.out('kubectl get pods -l job-name=slow')).toBe('No resources found in default namespace.\n');
  });

  it('gives Indexed Job pods a completion index and records completed indexes', () => {
    const lab = new Lab(1);
    lab.apply(job('idx', { completions: 4, parallelism: 2, completionMode: 'Indexed' }, ['sh', '-c', 'echo index $JOB_COMPLETION_INDEX; sleep 2']));
    lab.advance('1s');
    const first = podNames(lab, 'job-name=idx');
    expect(first.map((p) => p.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['pod/idx-0', 'pod/idx-1']);
    expect(lab.out(`kubectl get ${first[1]} -o jsonpath={.metadata.labels}`)).toContain('"batch.kubernetes.io/job-completion-index":"1"');
    expect(lab.out(`kubectl get ${first[1]} -o jsonpath={.spec.hostname}`)).toBe('idx-1');
    expect(lab.out(`kubectl logs ${first[1]}`)).toBe('index 1\n');
    lab.advance('30s');
    expect(lab.out('kubectl get job idx -o jsonpath={.status.completedIndexes}/{.status.succeeded}')).toBe('0-3/4');
    expect(lab.out('kubectl describe job idx')).toContain('Completed Indexes:  0-3\n');
  });

  it('continues after a snapshot and restore exactly as without one', () => {
    const run = (restore: boolean) => {
      const lab = new Lab(3);
      lab.apply(job('fail', { backoffLimit: 3 }, ['sh', '-c', 'exit 1']));
      lab.advance('15s');
      if (restore) lab.snapshotRestore();
      lab.advance('3m');
      return [lab.out('kubectl get jobs,pods'), lab.session.sim.traceHash()];
    };
    expect(run(true)).toEqual(run(false));
  });
});

describe('kubectl create job', () => {
  it('creates a Job from an image and command, and one from a CronJob template', () => {
    const lab = new Lab(1);
    expect(lab.out('kubectl create job hello --image=busybox:1.36 -- echo hi')).toBe('job.batch/hello created\n');
    expect(lab.out("kubectl create cronjob tick --image=busybox:1.36 --schedule='*/5 * * * *' -- date")).toBe('cronjob.batch/tick created\n');
    expect(lab.out('kubectl create job manual --from=cronjob/tick')).toBe('job.batch/manual created\n');
    expect(lab.out('kubectl get job hello -o jsonpath={.spec.template.spec.containers[0].command}/{.spec.template.spec.restartPolicy}')).toBe('["echo","hi"]/Never');
    expect(lab.out('kubectl get job manual -o jsonpath={.metadata.annotations}/{.metadata.ownerReferences[0].kind}/{.spec.template.spec.restartPolicy}')).toBe(
      '{"cronjob.kubernetes.io/instantiate":"manual"}/CronJob/OnFailure',
    );
    lab.advance('10s');
    expect(lab.out('kubectl logs job/hello')).toBe('hi\n');
    expect(lab.out('kubectl get jobs')).toBe(
      table('NAME     STATUS     COMPLETIONS   DURATION   AGE', 'hello    Complete   1/1           1s         10s', 'manual   Complete   1/1           1s         10s'),
    );
  });

  it.each([
    ['kubectl create job x', 'error: either --image or --from must be specified\n'],
    ['kubectl create job x --image=busybox --from=cronjob/tick', 'error: either --image or --from must be specified\n'],
    ['kubectl create job x --from=cronjob/nope', 'Error from server (NotFound): cronjobs.batch "nope" not found\n'],
    ['kubectl create job --image=busybox', "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n"],
    // cobra's required-flag check (recorded from kubectl v1.31 in create-generators.golden.json).
    ['kubectl create cronjob c --image=busybox', 'error: required flag(s) "schedule" not set\n'],
    ["kubectl create cronjob c --schedule='* * * * *'", 'error: required flag(s) "image" not set\n'],
    ["kubectl create cronjob c --image=busybox --schedule='61 * * * *'", 'The CronJob "c" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n'],
    [
      "kubectl create cronjob c --image=busybox --schedule=@hourly --restart=Always",
      'The CronJob "c" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    ],
  ])('%s', (line, want) => {
    const lab = new Lab(1);
    expect(lab.out(line)).toBe(want);
  });
});
