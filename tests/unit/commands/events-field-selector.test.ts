/**
 * `kubectl get events --field-selector`: the API server's field labels for core/v1 Events
 * (reason, involvedObject.*, type, source...) filter what the scheduler records, e.g. the
 * FailedScheduling events of one pod.
 */
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import { testBed } from './harness.ts';

function bed() {
  const b = testBed();
  const events = new EventRecorder(b.sim.store, b.sim.kernel);
  const web = b.sim.addPod('web');
  const db = b.sim.addPod('db');
  const api = b.sim.addPod('api', { namespace: 'shop' });
  const unschedulable = '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: x}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
  events.record({ involved: web, type: 'Warning', reason: 'FailedScheduling', message: unschedulable, component: 'default-scheduler' });
  b.sim.advance(5000);
  events.record({ involved: db, type: 'Warning', reason: 'FailedScheduling', message: unschedulable, component: 'default-scheduler' });
  events.record({ involved: db, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/db to n1', component: 'default-scheduler' });
  events.record({ involved: api, type: 'Warning', reason: 'FailedScheduling', message: unschedulable, component: 'default-scheduler' });
  b.sim.advance(5000);
  return b;
}

const HEAD = 'LAST SEEN   TYPE      REASON             OBJECT    MESSAGE\n';
const WEB = '10s         Warning   FailedScheduling   pod/web   0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: x}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n';

describe('kubectl get events --field-selector', () => {
  it('reason and involvedObject.name select one pod’s scheduling failures', () => {
    const r = bed().run('kubectl get events --field-selector reason=FailedScheduling,involvedObject.name=web');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([HEAD + WEB, '', 0]);
  });

  it('the same selector with -o name, and across namespaces', () => {
    const b = bed();
    const names = b.run('kubectl get ev --field-selector reason=FailedScheduling -A -o name').stdout.trim().split('\n');
    expect(names.map((n) => n.replace(/\.[0-9a-f]+$/, ''))).toEqual(['event/db', 'event/web', 'event/api']);
    const shop = b.run('kubectl get events -n shop --field-selector involvedObject.kind=Pod,reason=FailedScheduling');
    expect(shop.stdout).toContain('pod/api');
  });

  it('type, source and != narrow further', () => {
    const b = bed();
    const normal = b.run('kubectl get events --field-selector type=Normal,source=default-scheduler');
    expect(normal.stdout).toBe(
      'LAST SEEN   TYPE     REASON      OBJECT   MESSAGE\n5s          Normal   Scheduled   pod/db   Successfully assigned default/db to n1\n',
    );
    const notDb = b.run('kubectl get events --field-selector involvedObject.name!=db');
    expect([notDb.stdout, notDb.stderr]).toEqual([HEAD + WEB, '']);
  });

  it('nothing matching, and a field the API server does not index', () => {
    const b = bed();
    const none = b.run('kubectl get events --field-selector reason=FailedScheduling,involvedObject.name=nope');
    expect([none.stdout, none.stderr, none.exitCode]).toEqual(['', 'No resources found in default namespace.\n', 0]);
    const bad = b.run('kubectl get events --field-selector message=x');
    expect([bad.stderr, bad.exitCode]).toEqual([
      'Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "message=x": field label not supported: message\n',
      1,
    ]);
  });
});
