/**
 * CronJobs through the command layer, on simulated time: `*\/1 * * * *` creates a Job each minute
 * (named by the scheduled minute, annotated with the scheduled time) and keeps the 3 newest
 * successful ones; Forbid skips a run while one is active (JobAlreadyActive) and starts the
 * missed one late; Replace deletes the running Job; a suspended CronJob that missed more than 100
 * starts warns TooManyMissedTimes and runs only the latest; a time zone moves the wall clock; an
 * idle day costs only its runs.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function cronJob(name: string, spec: Record<string, unknown>, command: string[] = ['sh', '-c', 'date; echo Hello']): string {
  const template = { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36', command }] } };
  return JSON.stringify({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { jobTemplate: { spec: { template } }, ...spec } });
}

const table = (...rows: string[]): string => `${rows.join('\n')}\n`;
const cronEvents = (lab: Lab, name: string) => lab.events(name).map((e) => `${e.type} ${e.reason}: ${e.message}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`);

describe('CronJob', () => {
  it('creates a Job every simulated minute and keeps the 3 newest successful ones', () => {
    const lab = new Lab(1);
    expect(lab.apply(cronJob('hello', { schedule: '*/1 * * * *' }))).toBe('cronjob.batch/hello created\n');
    expect(lab.out('kubectl get cj')).toBe(
      table('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE', 'hello   */1 * * * *   <none>     False     0        <none>          0s'),
    );
    lab.advance('61s');
    expect(lab.out('kubectl get jobs')).toBe(table('NAME             STATUS    COMPLETIONS   DURATION   AGE', 'hello-28928161   Running   0/1           1s         1s'));
    expect(lab.out('kubectl get job hello-28928161 -o jsonpath={.metadata.annotations}')).toBe('{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2025-01-01T00:01:00Z"}');
    lab.advance('270s'); // 00:05:31
    expect(lab.out('kubectl get jobs')).toBe(
      table(
        'NAME             STATUS     COMPLETIONS   DURATION   AGE',
        'hello-28928163   Complete   1/1           1s         2m31s',
        'hello-28928164   Complete   1/1           1s         91s',
        'hello-28928165   Complete   1/1           1s         31s',
      ),
    );
    expect(lab.out('kubectl get cj')).toBe(
      table('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE', 'hello   */1 * * * *   <none>     False     0        31s             5m31s'),
    );
    expect(lab.out('kubectl get cj hello -o jsonpath={.status.lastScheduleTime}/{.status.lastSuccessfulTime}')).toBe('2025-01-01T00:05:00Z/2025-01-01T00:05:01Z');
    expect(cronEvents(lab, 'hello')).toEqual([
      'Normal SuccessfulCreate: Created job hello-28928161',
      'Normal SawCompletedJob: Saw completed job: hello-28928161, condition: Complete',
      'Normal SuccessfulCreate: Created job hello-28928162',
      'Normal SawCompletedJob: Saw completed job: hello-28928162, condition: Complete',
      'Normal SuccessfulCreate: Created job hello-28928163',
      'Normal SawCompletedJob: Saw completed job: hello-28928163, condition: Complete',
      'Normal SuccessfulCreate: Created job hello-28928164',
      'Normal SawCompletedJob: Saw completed job: hello-28928164, condition: Complete',
      'Normal SuccessfulDelete: Deleted job hello-28928161',
      'Normal SuccessfulCreate: Created job hello-28928165',
      'Normal SawCompletedJob: Saw completed job: hello-28928165, condition: Complete',
      'Normal SuccessfulDelete: Deleted job hello-28928162',
    ]);
    // The deleted Jobs' pods went with them (background deletion by the garbage collector).
    expect(lab.out('kubectl get pods -o name')).not.toContain('hello-28928161-');
  });

  it('Forbid skips a run while the last is active, then starts the missed one late', () => {
    const lab = new Lab(1);
    lab.apply(cronJob('hello', { schedule: '*/1 * * * *', concurrencyPolicy: 'Forbid' }, ['sleep', '90']));
    lab.advance('4m');
    expect(lab.out('kubectl get jobs')).toBe(
      table('NAME             STATUS     COMPLETIONS   DURATION   AGE', 'hello-28928161   Complete   1/1           92s        3m', 'hello-28928162   Running    0/1           88s        88s'),
    );
    expect(cronEvents(lab, 'hello')).toEqual([
      'Normal SuccessfulCreate: Created job hello-28928161',
      'Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid (x2)',
      'Normal SawCompletedJob: Saw completed job: hello-28928161, condition: Complete',
      'Normal SuccessfulCreate: Created job hello-28928162',
    ]);
  });

  it('Replace deletes the running Job before starting the next', () => {
    const lab = new Lab(1);
    lab.apply(cronJob('rep', { schedule: '*/1 * * * *', concurrencyPolicy: 'Replace' }, ['sleep', '90']));
    lab.advance('2m1s');
    expect(lab.out('kubectl get jobs -o name')).toBe('job.batch/rep-28928162\n');
    expect(cronEvents(lab, 'rep')).toEqual([
      'Normal SuccessfulCreate: Created job rep-28928161',
      'Normal SuccessfulDelete: Deleted job rep-28928161',
      'Normal SuccessfulCreate: Created job rep-28928162',
    ]);
    expect(lab.out('kubectl describe cj rep')).toContain('Last Schedule Time:  Wed, 01 Jan 2025 00:02:00 +0000\nActive Jobs:         rep-28928162\n');
  });

  it('warns about too many missed start times and runs only the latest', () => {
    const lab = new Lab(1);
    lab.apply(cronJob('late', { schedule: '*/1 * * * *', suspend: true }));
    lab.advance('3h');
    expect(lab.out('kubectl get jobs')).toBe('No resources found in default namespace.\n');
    lab.apply(cronJob('late', { schedule: '*/1 * * * *', suspend: false }));
    expect(lab.out('kubectl get jobs -o name')).toBe('job.batch/late-28928340\n');
    expect(cronEvents(lab, 'late')).toEqual([
      'Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      'Normal SuccessfulCreate: Created job late-28928340',
    ]);
  });

  it('kubectl describe cronjob', () => {
    const lab = new Lab(1);
    lab.out("kubectl create cronjob tick --image=busybox:1.36 --schedule='*/5 * * * *' -- date");
    lab.advance('5m1s');
    expect(lab.out('kubectl describe cj tick')).toBe(
      [
        'Name:                          tick',
        'Namespace:                     default',
        'Labels:                        <none>',
        'Annotations:                   <none>',
        'Schedule:                      */5 * * * *',
        'Concurrency Policy:            Allow',
        'Suspend:                       False',
        'Successful Job History Limit:  3',
        'Failed Job History Limit:      1',
        'Starting Deadline Seconds:     <unset>',
        'Selector:                      <unset>',
        'Parallelism:                   <unset>',
        'Completions:                   <unset>',
        'Pod Template:',
        '  Labels:  <none>',
        '  Containers:',
        '   tick:',
        '    Image:      busybox:1.36',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      date',
        '    Environment:     <none>',
        '    Mounts:          <none>',
        '  Volumes:           <none>',
        '  Node-Selectors:    <none>',
        '  Tolerations:       <none>',
        'Last Schedule Time:  Wed, 01 Jan 2025 00:05:00 +0000',
        'Active Jobs:         tick-28928165',
        'Events:',
        '  Type    Reason            Age   From                Message',
        '  ----    ------            ----  ----                -------',
        '  Normal  SuccessfulCreate  1s    cronjob-controller  Created job tick-28928165',
        '',
      ].join('\n'),
    );
  });

  it('schedules on the time zone’s wall clock, and an idle day costs only its runs', () => {
    const lab = new Lab(1);
    lab.apply(cronJob('tokyo', { schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' }));
    expect(lab.out('kubectl get cj')).toBe(
      table('NAME    SCHEDULE    TIMEZONE     SUSPEND   ACTIVE   LAST SCHEDULE   AGE', 'tokyo   0 9 * * *   Asia/Tokyo   False     0        <none>          0s'),
    );
    const rv = Number(lab.out('kubectl get cj tokyo -o jsonpath={.metadata.resourceVersion}'));
    lab.advance('23h59m');
    // Nothing happened in between: the CronJob was not touched (events aside).
    expect(Number(lab.out('kubectl get cj tokyo -o jsonpath={.metadata.resourceVersion}'))).toBe(rv);
    lab.advance('2m');
    // 09:00 in Tokyo is 00:00 UTC on 2 January.
    expect(lab.out('kubectl get jobs -o name')).toBe('job.batch/tokyo-28929600\n');
    expect(lab.out('kubectl get job tokyo-28929600 -o jsonpath={.metadata.annotations}')).toBe('{"batch.kubernetes.io/cronjob-scheduled-timestamp":"2025-01-02T09:00:00+09:00"}');
  }, 60_000);
});
