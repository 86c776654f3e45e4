/**
 * The horizontal pod autoscaler through the command layer: a Deployment whose pods run
 * `stress --cpu 1` under a 500m limit (so each uses 500m of a 250m request: 200 %), autoscaled
 * with `kubectl autoscale`, read back with `kubectl get hpa` / `describe hpa` and its events;
 * idle pods scaled down after the 5-minute stabilisation; missing requests reported as upstream.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

interface DeploymentOpts {
  replicas: number;
  command: string[];
  image: string;
  resources?: Record<string, Record<string, string>>;
}

function deployment(o: DeploymentOpts): string {
  const container: Record<string, unknown> = { name: 'app', image: o.image, command: o.command };
  if (o.resources) container.resources = o.resources;
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: o.replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } } },
  });
}

const busy = (replicas: number) =>
  deployment({ replicas, image: 'polinux/stress', command: ['stress', '--cpu', '1'], resources: { requests: { cpu: '250m' }, limits: { cpu: '500m' } } });
const idle = (replicas: number, resources = true) =>
  deployment({ replicas, image: 'busybox:1.36', command: ['sleep', '3600'], resources: resources ? { requests: { cpu: '250m' } } : undefined });

const hpaTable = (targets: string, replicas: number, age: string, min = 1): string =>
  [
    'NAME   REFERENCE        TARGETS' + ' '.repeat(Math.max(3, targets.length - 7 + 3)) + 'MINPODS   MAXPODS   REPLICAS   AGE',
    `web    Deployment/web   ${targets}   ${min}         10        ${String(replicas).padEnd(8)}   ${age}`,
    '',
  ].join('\n');

describe('HPA scenario', () => {
  it('scales a busy Deployment up, 15 s after kubectl autoscale and every 15 s after', () => {
    const lab = new Lab(1);
    lab.apply(busy(1));
    lab.advance('30s');
    expect(lab.out('kubectl autoscale deployment web --max=10 --cpu-percent=50')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(lab.out('kubectl get hpa')).toBe(hpaTable('cpu: <unknown>/50%', 0, '0s'));
    lab.advance('15s');
    // 500m of 250m = 200 % → ceil(4 × 1) = 4, within the legacy cap max(2 × 1, 4).
    expect(lab.out('kubectl get hpa')).toBe(hpaTable('cpu: 200%/50%', 1, '15s'));
    expect(lab.out('kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('4');
    const events = lab.events('web').filter((e) => e.reason === 'SuccessfulRescale');
    expect(events).toEqual([{ type: 'Normal', reason: 'SuccessfulRescale', message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target', count: 1 }]);
    lab.advance('15s');
    // Four pods at 200 % want 16; the legacy cap allows 2 × 4 = 8.
    expect(lab.out('kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('8');
    lab.advance('15s');
    expect(lab.out('kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('10');
    const describe = lab.out('kubectl describe hpa web');
    expect(describe).toContain('Deployment pods:                                       8 current / 10 desired\n');
    expect(describe).toContain('  ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count\n');
    expect(describe).toContain(
      '  Normal  SuccessfulRescale  30s   horizontal-pod-autoscaler  New size: 4; reason: cpu resource utilization (percentage of request) above target\n',
    );
  });

  it('scales idle pods down only after the 5-minute downscale stabilisation', () => {
    const lab = new Lab(1);
    lab.apply(idle(4));
    lab.advance('30s');
    lab.out('kubectl autoscale deployment web --min=2 --max=10 --cpu-percent=50');
    lab.advance('15s');
    expect(lab.out('kubectl get hpa')).toBe(hpaTable('cpu: 0%/50%', 4, '15s', 2));
    expect(lab.out('kubectl describe hpa web')).toContain(
      '  AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation\n',
    );
    lab.advance('5m');
    expect(lab.out('kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('4');
    lab.advance('15s');
    expect(lab.out('kubectl get deploy web -o jsonpath={.spec.replicas}')).toBe('2');
    expect(lab.events('web').filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message)).toEqual(['New size: 2; reason: All metrics below target']);
  });

  it('shows <unknown> and says why when the pods request no cpu', () => {
    const lab = new Lab(1);
    lab.apply(idle(1, false));
    lab.advance('30s');
    lab.out('kubectl autoscale deploy/web --max=3 --cpu-percent=50');
    lab.advance('15s');
    expect(lab.out('kubectl get hpa')).toBe(
      ['NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE', 'web    Deployment/web   cpu: <unknown>/50%   1         3         1          15s', ''].join('\n'),
    );
    const pod = lab.out("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'");
    const why = `failed to get cpu utilization: missing request for cpu in container app of Pod ${pod}`;
    const reasons = lab.events('web').filter((e) => e.type === 'Warning').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual([
      `FailedGetResourceMetric: ${why}`,
      `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${why}`,
    ]);
    expect(lab.out('kubectl describe hpa web')).toContain(`  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: ${why}\n`);
  });

  it('refuses bad autoscale arguments as kubectl does', () => {
    const lab = new Lab(1);
    lab.apply(idle(1));
    expect(lab.run('kubectl autoscale deployment web --min=2').output).toBe('error: required flag(s) "max" not set\n');
    expect(lab.run('kubectl autoscale deployment web --max=1 --min=2').output).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 2\n');
    expect(lab.run('kubectl autoscale deployment nope --max=3').output).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    lab.out('kubectl autoscale deployment web --max=3');
    expect(lab.run('kubectl autoscale deployment web --max=3').output).toBe(
      'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n',
    );
  });

  it('continues identically after a snapshot and restore', () => {
    const script = (lab: Lab, restoreAt: number | undefined) => {
      lab.apply(busy(1));
      lab.advance('30s');
      lab.out('kubectl autoscale deployment web --max=10 --cpu-percent=50');
      for (let i = 0; i < 4; i++) {
        if (i === restoreAt) lab.snapshotRestore();
        lab.advance('10s');
      }
      return lab.out('kubectl get hpa') + lab.session.sim.traceHash();
    };
    expect(script(new Lab(3), 2)).toBe(script(new Lab(3), undefined));
  });
});
