/**
 * Corpus rows for pods, workload controllers and Services: 1–12 (scenario groups 1, 2 and 3),
 * 45 and 46. Each test applies the row's file on a fresh reference cluster (see support.ts) and
 * checks the INDEX's "expected behaviour" through kubectl output.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { ROW, applyRow, column, reasons, table } from './support.ts';

interface PodTimes {
  name: string;
  createdMs: number;
  readyMs: number;
}

/** Each pod's creation time and the time its Ready condition last turned, from `-o json`. */
function podTimes(lab: Lab): PodTimes[] {
  type Pod = { metadata: { name: string; creationTimestamp: string }; status: { conditions?: Array<{ type: string; lastTransitionTime: string }> } };
  const list = JSON.parse(lab.out('kubectl get pods -o json')) as { items: Pod[] };
  return list.items.map((p) => ({
    name: p.metadata.name,
    createdMs: Date.parse(p.metadata.creationTimestamp),
    readyMs: Date.parse(p.status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? ''),
  }));
}

describe('pods and workload controllers (rows 1–7, 11, 12, 45, 46)', () => {
  it('row 1 pods/simple-pod.yaml (KYAML): pod nginx Pending → ContainerCreating → Running, nginx:1.14.2 on port 80', () => {
    const lab = new Lab();
    expect(applyRow(lab, 1)).toBe('pod/nginx created\n');
    expect(lab.jsonpath('nginx', '.status.phase')).toBe('Pending');
    expect(lab.status('nginx')).toBe('ContainerCreating');
    lab.advance('1m');
    expect(lab.podRow('nginx')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(lab.jsonpath('nginx', '.spec.containers[0].image')).toBe('nginx:1.14.2');
    expect(lab.out('kubectl describe pod nginx')).toContain('    Port:           80/TCP\n');
    expect(reasons(lab, 'nginx')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  // A v1.31 API server's ServiceAccount admission gives every pod that does not opt out a projected
  // volume kube-api-access-xxxxx (token, kube-root-ca.crt, namespace) mounted read-only at
  // /var/run/secrets/kubernetes.io/serviceaccount; `kubectl describe pod nginx` shows it under Mounts and Volumes.
  it('row 1 pods/simple-pod.yaml: the pod gets the kube-api-access service-account volume', () => {
    const lab = new Lab();
    applyRow(lab, 1);
    expect(lab.jsonpath('nginx', '.spec.volumes[0].name')).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(lab.out('kubectl describe pod nginx')).toMatch(/\n {6}\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-[a-z0-9]{5} \(ro\)\n/);
  });

  it('row 2 controllers/nginx-deployment.yaml: 1 ReplicaSet, 3 pods Running on 3 different nodes, READY 3/3', () => {
    const lab = new Lab();
    expect(applyRow(lab, 2)).toBe('deployment.apps/nginx-deployment created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get deploy nginx-deployment')).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   3/3     3            3           60s\n',
    );
    expect(column(lab.out('kubectl get rs'), 'NAME')).toEqual([expect.stringMatching(/^nginx-deployment-[a-z0-9]{8,10}$/)]);
    const pods = table(lab.out('kubectl get pods -o wide'));
    expect(pods.map((p) => p.STATUS)).toEqual(['Running', 'Running', 'Running']);
    expect(new Set(pods.map((p) => p.NODE))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  });

  it('row 2 then row 11 (same name, other selector): the second apply fails with "field is immutable"', () => {
    const lab = new Lab();
    applyRow(lab, 2);
    const r = lab.run(`kubectl apply -f ${ROW[11]}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      'The Deployment "nginx-deployment" is invalid: spec.selector: Invalid value: ' +
        'v1.LabelSelector{MatchLabels:map[string]string{"app":"nginx"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('row 3 controllers/frontend.yaml: bare ReplicaSet, 3 pods frontend-xxxxx Running; a deleted pod is replaced', () => {
    const lab = new Lab();
    expect(applyRow(lab, 3)).toBe('replicaset.apps/frontend created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get rs frontend')).toBe('NAME       DESIRED   CURRENT   READY   AGE\nfrontend   3         3         3       60s\n');
    expect(lab.out('kubectl get deploy')).toBe('No resources found in default namespace.\n');
    const before = column(lab.out('kubectl get pods'), 'NAME');
    expect(before).toEqual([expect.stringMatching(/^frontend-[a-z0-9]{5}$/), expect.any(String), expect.any(String)]);
    expect(lab.out(`kubectl delete pod ${before[0]}`)).toBe(`pod "${before[0]}" deleted\n`);
    lab.advance('1m');
    const after = table(lab.out('kubectl get pods'));
    expect(after.map((p) => p.STATUS)).toEqual(['Running', 'Running', 'Running']);
    expect(after.map((p) => p.NAME)).not.toContain(before[0]);
    expect(lab.events('frontend').filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(4);
  });

  it('row 4 controllers/hpa-rs.yaml after row 3: TARGETS cpu: <unknown>/50%, FailedGetResourceMetric "missing request for cpu", replicas stay 3', () => {
    // Scenario group 3. The controller's behaviour in depth: tests/scenario/controllers/hpa.test.ts.
    const lab = new Lab();
    applyRow(lab, 3);
    lab.advance('30s');
    expect(applyRow(lab, 4)).toBe('horizontalpodautoscaler.autoscaling/frontend-scaler created\n');
    lab.advance('2m');
    expect(lab.out('kubectl get hpa')).toBe(
      [
        'NAME              REFERENCE             TARGETS              MINPODS   MAXPODS   REPLICAS   AGE',
        'frontend-scaler   ReplicaSet/frontend   cpu: <unknown>/50%   3         10        3          2m',
        '',
      ].join('\n'),
    );
    const pod = column(lab.out('kubectl get pods'), 'NAME')[0];
    const warning = lab.events('frontend-scaler').find((e) => e.reason === 'FailedGetResourceMetric');
    expect(warning?.message).toMatch(/^failed to get cpu utilization: missing request for cpu in container php-redis of Pod frontend-[a-z0-9]{5}$/);
    expect(pod).toMatch(/^frontend-/);
    expect(lab.out('kubectl describe hpa frontend-scaler')).toContain('  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container php-redis of Pod frontend-');
    expect(lab.out('kubectl get rs frontend -o jsonpath={.spec.replicas}')).toBe('3');
  });

  it('row 4 controllers/hpa-rs.yaml without the ReplicaSet: AbleToScale False, FailedGetScale "not found"', () => {
    // The INDEX says "ScalingActive False / target not found"; a v1.31 HPA controller that cannot
    // read the scale sets AbleToScale=False (FailedGetScale) and stops before ScalingActive.
    const lab = new Lab();
    applyRow(lab, 4);
    lab.advance('1m');
    expect(lab.out('kubectl describe hpa frontend-scaler')).toContain(
      [
        '  Type         Status  Reason          Message',
        '  ----         ------  ------          -------',
        '  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target\'s current scale: replicasets.apps "frontend" not found',
      ].join('\n'),
    );
    expect(lab.events('frontend-scaler').map((e) => `${e.reason}: ${e.message}`)).toEqual(['FailedGetScale: replicasets.apps "frontend" not found']);
  });

  it('row 5 controllers/daemonset.yaml (old-rev): 1 pod per worker in kube-system, none on the control plane; a new node gets one', () => {
    const lab = new Lab();
    expect(applyRow(lab, 5)).toBe('daemonset.apps/fluentd-elasticsearch created\n');
    lab.advance('1m');
    const ds = table(lab.out('kubectl get ds fluentd-elasticsearch -n kube-system'))[0];
    expect([ds.DESIRED, ds.CURRENT, ds['UP-TO-DATE']]).toEqual(['3', '3', '3']);
    const nodes = column(lab.out('kubectl get pods -n kube-system -l name=fluentd-elasticsearch -o wide'), 'NODE');
    expect(nodes.sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(lab.out('kubectl get ds fluentd-elasticsearch -n kube-system -o jsonpath={.spec.template.spec.containers[0].resources}')).toBe(
      '{"limits":{"memory":"200Mi"},"requests":{"cpu":"100m","memory":"200Mi"}}',
    );
    lab.run('sim node add node-4');
    lab.advance('1m');
    expect(column(lab.out('kubectl get pods -n kube-system -l name=fluentd-elasticsearch -o wide'), 'NODE').sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
  });

  // Regression: the image's entrypoint is `/bin/sh -c '/run.sh $FLUENTD_ARGS'`; the shell must exec
  // the image's program run.sh (it once said "/bin/sh: 1: /run.sh: not found" and crash-looped).
  it('row 5 controllers/daemonset.yaml: the fluentd pods run', () => {
    const lab = new Lab();
    applyRow(lab, 5);
    lab.advance('1m');
    expect(column(lab.out('kubectl get pods -n kube-system -l name=fluentd-elasticsearch'), 'STATUS')).toEqual(['Running', 'Running', 'Running']);
    expect(table(lab.out('kubectl get ds fluentd-elasticsearch -n kube-system'))[0].READY).toBe('3');
  });

  it('row 6 controllers/job.yaml (old-rev): job pi runs one pod to Completed, COMPLETIONS 1/1', () => {
    const lab = new Lab();
    expect(applyRow(lab, 6)).toBe('job.batch/pi created\n');
    lab.advance('2m');
    const job = table(lab.out('kubectl get job pi'))[0];
    expect([job.STATUS, job.COMPLETIONS]).toEqual(['Complete', '1/1']);
    const pods = table(lab.out('kubectl get pods -l job-name=pi'));
    expect(pods.map((p) => [p.READY, p.STATUS, p.RESTARTS])).toEqual([['0/1', 'Completed', '0']]);
    expect(lab.out('kubectl describe job pi')).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n');
  });

  // Regression: `perl -Mbignum=bpi -wle 'print bpi(1000)'` printed nothing; the tutorial shows pi
  // to 1000 digits in `kubectl logs`.
  it('row 6 controllers/job.yaml: kubectl logs job/pi prints pi to 1000 digits', () => {
    const lab = new Lab();
    applyRow(lab, 6);
    lab.advance('2m');
    expect(lab.out('kubectl logs job/pi')).toMatch(/^3\.14159265358979323846\d{979}\n$/);
  });

  it('row 7 application/web/web.yaml: headless Service nginx, web-0 first then web-1, claims www-web-0/1 Bound', () => {
    // Deeper: tests/scenario/storage/dynamic.test.ts (provisioning), tests/scenario/network/dns.test.ts (stable DNS).
    const lab = new Lab();
    expect(applyRow(lab, 7)).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(lab.out('kubectl get pods -o name')).toBe('pod/web-0\n');
    lab.advance('1m');
    expect(lab.out('kubectl get svc nginx')).toBe(
      'NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nnginx   ClusterIP   None         <none>        80/TCP    60s\n',
    );
    expect(lab.out('kubectl get sts web')).toBe('NAME   READY   AGE\nweb    2/2     60s\n');
    expect(column(lab.out('kubectl get pods'), 'STATUS')).toEqual(['Running', 'Running']);
    const pvcs = table(lab.out('kubectl get pvc'));
    expect(pvcs.map((p) => [p.NAME, p.STATUS, p.STORAGECLASS])).toEqual([
      ['www-web-0', 'Bound', 'standard'],
      ['www-web-1', 'Bound', 'standard'],
    ]);
    const created = lab.events('web').filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(created).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('row 7 application/web/web.yaml without a default StorageClass: www-web-0 Pending, web-0 Pending, web-1 never created', () => {
    const lab = new Lab();
    lab.run('kubectl delete sc standard');
    applyRow(lab, 7);
    lab.advance('1m');
    expect(lab.out('kubectl get pods -o name')).toBe('pod/web-0\n');
    expect(lab.status('web-0')).toBe('Pending');
    expect(table(lab.out('kubectl get pvc')).map((p) => [p.NAME, p.STATUS, p.STORAGECLASS])).toEqual([['www-web-0', 'Pending', '']]);
  });

  it('rows 11, 12 application/deployment.yaml → zh-cn deployment-update.yaml: 2 pods nginx:1.14.2, then a rolling update to nginx:1.16.1, revision 2, undo possible', () => {
    // Scenario group 1. The rollout arithmetic in depth: tests/scenario/controllers/deployment-rollout.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 11)).toBe('deployment.apps/nginx-deployment created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get deploy nginx-deployment -o wide')).toBe(
      [
        'NAME               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR',
        'nginx-deployment   2/2     2            2           60s   nginx        nginx:1.14.2   app=nginx',
        '',
      ].join('\n'),
    );
    expect(column(lab.out('kubectl get pods'), 'STATUS')).toEqual(['Running', 'Running']);
    const oldRs = column(lab.out('kubectl get rs'), 'NAME')[0];

    expect(applyRow(lab, 12)).toBe('deployment.apps/nginx-deployment configured\n');
    expect(lab.out('kubectl rollout status deployment/nginx-deployment')).toMatch(/deployment "nginx-deployment" successfully rolled out\n$/);
    const rs = table(lab.out('kubectl get rs -o wide'));
    const newRs = rs.find((r) => r.NAME !== oldRs)?.NAME ?? '';
    expect(rs.map((r) => [r.NAME, r.DESIRED, r.IMAGES])).toEqual(
      [
        [newRs, '2', 'nginx:1.16.1'],
        [oldRs, '0', 'nginx:1.14.2'],
      ].sort(),
    );
    // maxSurge 25% of 2 → 1, maxUnavailable 25% of 2 → 0: one new pod at a time, never below 2 available.
    const scaling = lab.events('nginx-deployment').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling).toEqual([
      `Scaled up replica set ${oldRs} to 2`,
      `Scaled up replica set ${newRs} to 1`,
      `Scaled down replica set ${oldRs} to 1 from 2`,
      `Scaled up replica set ${newRs} to 2 from 1`,
      `Scaled down replica set ${oldRs} to 0 from 1`,
    ]);
    expect(lab.out("kubectl get deploy nginx-deployment -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'")).toBe('2');
    expect(lab.out('kubectl rollout history deployment/nginx-deployment')).toBe(
      'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(lab.out('kubectl rollout undo deployment/nginx-deployment')).toBe('deployment.apps/nginx-deployment rolled back\n');
    lab.advance('1m');
    expect(table(lab.out('kubectl get deploy nginx-deployment -o wide'))[0].IMAGES).toBe('nginx:1.14.2');
  });

  it('row 45 application/job/cronjob.yaml (batch/v1beta1, removed in 1.25): no matches for kind, nothing created', () => {
    const lab = new Lab();
    const r = lab.run(`kubectl apply -f ${ROW[45]}`);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      `error: resource mapping not found for name: "hello" namespace: "" from "${ROW[45]}": no matches for kind "CronJob" in version "batch/v1beta1"\n` +
        'ensure CRDs are installed first\n',
    );
    expect(lab.out('kubectl get cronjobs,jobs')).toBe('No resources found in default namespace.\n');
  });

  it('row 46 controllers/statefulset.yaml: class "my-storage-class" missing → www-web-0 Pending, web-0 Pending, web-1/web-2 never created', () => {
    // Deeper (events, the FailedScheduling text): tests/scenario/storage/dynamic.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 46)).toBe('service/nginx created\nstatefulset.apps/web created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get pods')).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/1     Pending   0          60s\n');
    expect(table(lab.out('kubectl get pvc')).map((p) => [p.NAME, p.STATUS, p.STORAGECLASS])).toEqual([['www-web-0', 'Pending', 'my-storage-class']]);
    expect(lab.events('web-0').map((e) => e.message)).toContain(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    );
  });

  it('row 46 controllers/statefulset.yaml once "my-storage-class" exists: web-0, web-1, web-2 in order, each after the previous is Ready for minReadySeconds 10', () => {
    const lab = new Lab();
    applyRow(lab, 46);
    lab.advance('30s');
    lab.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: my-storage-class}\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n');
    lab.advance('2m');
    expect(lab.out('kubectl get sts web')).toBe('NAME   READY   AGE\nweb    3/3     2m30s\n');
    const pods = podTimes(lab);
    expect(pods.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
    for (let i = 1; i < pods.length; i++) expect(pods[i].createdMs - pods[i - 1].readyMs).toBeGreaterThanOrEqual(10_000);
    expect(column(lab.out('kubectl get pvc'), 'STATUS')).toEqual(['Bound', 'Bound', 'Bound']);
  });
});

describe('Services and autoscaling (rows 8, 9, 10)', () => {
  it('row 8 application/php-apache.yaml: 1 pod Running (requests 200m, limit 500m), ClusterIP Service php-apache:80 with 1 endpoint', () => {
    const lab = new Lab();
    expect(applyRow(lab, 8)).toBe('deployment.apps/php-apache created\nservice/php-apache created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get deploy php-apache')).toBe('NAME         READY   UP-TO-DATE   AVAILABLE   AGE\nphp-apache   1/1     1            1           60s\n');
    const pod = table(lab.out('kubectl get pods -o wide'))[0];
    expect(pod.STATUS).toBe('Running');
    expect(lab.jsonpath(pod.NAME, '.spec.containers[0].resources')).toBe('{"limits":{"cpu":"500m"},"requests":{"cpu":"200m"}}');
    const svc = table(lab.out('kubectl get svc php-apache'))[0];
    expect([svc.TYPE, svc['EXTERNAL-IP'], svc['PORT(S)']]).toEqual(['ClusterIP', '<none>', '80/TCP']);
    expect(column(lab.out('kubectl get endpoints php-apache'), 'ENDPOINTS')).toEqual([`${pod.IP}:80`]);
  });

  it('row 9 application/hpa/php-apache.yaml (KYAML) after row 8, idle: TARGETS cpu: 0%/50%, 1 replica', () => {
    // Scaling up under load and back to 1 after the 5-minute stabilisation, driven by `sim traffic`:
    // tests/scenario/network/traffic.test.ts ("php-apache HPA under load").
    const lab = new Lab();
    applyRow(lab, 8);
    expect(applyRow(lab, 9)).toBe('horizontalpodautoscaler.autoscaling/php-apache created\n');
    lab.advance('1m');
    expect(lab.out('kubectl get hpa')).toBe(
      [
        'NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE',
        'php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          60s',
        '',
      ].join('\n'),
    );
  });

  // Regression: the tutorial's load generator `kubectl run load-generator --image=busybox:1.28
  // -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"` reached php-apache but
  // added no CPU to it (busybox:1.28 was missing too): requests from containers now load the server.
  it('row 9 application/hpa/php-apache.yaml under the tutorial\'s busybox wget loop scales up', () => {
    const lab = new Lab();
    applyRow(lab, 8);
    applyRow(lab, 9);
    lab.advance('1m');
    lab.apply(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: load-generator}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: load-generator\n    image: busybox:1.28\n' +
        '    command: [/bin/sh, -c, "while sleep 0.01; do wget -q -O- http://php-apache; done"]\n',
    );
    lab.advance('3m');
    expect(lab.status('load-generator')).toBe('Running');
    expect(Number(lab.out("kubectl get hpa php-apache -o jsonpath='{.status.currentReplicas}'"))).toBeGreaterThan(1);
    // INDEX: "after load stops, scales back to 1 after the 5-min downscale stabilization".
    lab.run('kubectl delete pod load-generator --grace-period=0 --force');
    lab.advance('4m');
    expect(Number(lab.out("kubectl get hpa php-apache -o jsonpath='{.spec.minReplicas} {.status.desiredReplicas}'").split(' ')[1])).toBeGreaterThan(1);
    lab.advance('3m');
    expect(lab.out("kubectl get hpa php-apache -o jsonpath='{.status.currentReplicas}'")).toBe('1');
    expect(lab.out("kubectl get deploy php-apache -o jsonpath='{.spec.replicas}'")).toBe('1');
    // The 3 loaded minutes (a wget every 10 ms) take about 15 s of wall time here.
  }, 60_000);

  it('row 10 application/nginx-app.yaml: LoadBalancer Service gets a ClusterIP and a NodePort, EXTERNAL-IP stays <pending>; 3 pods Running', () => {
    // The cloud provider turned on (sim cloud on): tests/scenario/network/traffic.test.ts.
    const lab = new Lab();
    expect(applyRow(lab, 10)).toBe('service/my-nginx-svc created\ndeployment.apps/my-nginx created\n');
    lab.advance('2m');
    const svc = table(lab.out('kubectl get svc my-nginx-svc'))[0];
    expect(svc.TYPE).toBe('LoadBalancer');
    expect(svc['CLUSTER-IP']).toMatch(/^10\.96\.\d+\.\d+$|^10\.\d+\.\d+\.\d+$/);
    expect(svc['EXTERNAL-IP']).toBe('<pending>');
    expect(svc['PORT(S)']).toMatch(/^80:3\d{4}\/TCP$/);
    const nodePort = Number(/^80:(\d+)/.exec(svc['PORT(S)'])?.[1]);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(lab.out('kubectl get deploy my-nginx')).toBe('NAME       READY   UP-TO-DATE   AVAILABLE   AGE\nmy-nginx   3/3     3            3           2m\n');
    expect(column(lab.out('kubectl get endpoints my-nginx-svc'), 'ENDPOINTS')[0].split(',')).toHaveLength(3);
  });
});
