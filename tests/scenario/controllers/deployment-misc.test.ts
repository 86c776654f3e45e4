/**
 * More of the Deployment controller (reference §7.4, §7.7, §13.5): minReadySeconds holds a
 * rollout back, a plain resize scales the one active ReplicaSet, a name taken by a foreign
 * ReplicaSet bumps collisionCount, and `kubectl describe deployment` / `replicaset` print
 * kubectl's layout.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { computeHash } from '../../../src/engine/components/controllers/deployment/hash.ts';
import { condition, deployment, deploymentYaml, replicaSets, scalingMessages } from './deployment-support.ts';

describe('minReadySeconds', () => {
  it('a new pod counts as available only minReadySeconds after it is ready', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 1, extraSpec: 'minReadySeconds: 20' }));
    lab.advance('10s');
    // Ready, but not yet for 20 s.
    expect(deployment(lab).status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(deployment(lab).status.availableReplicas).toBeUndefined();
    expect(condition(lab, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    lab.advance('20s');
    expect(deployment(lab).status).toMatchObject({ availableReplicas: 1 });
    expect(condition(lab, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(replicaSets(lab)[0].spec.minReadySeconds).toBe(20);
  });
});

describe('scaling outside a rollout', () => {
  it('kubectl scale resizes the only active ReplicaSet, with the v1.31 event wording', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 3 }));
    lab.advance('30s');
    lab.out('kubectl scale deployment/web --replicas=5');
    const [rs] = replicaSets(lab);
    expect(rs.spec.replicas).toBe(5);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' });
    lab.out('kubectl scale deployment/web --replicas=2');
    expect(scalingMessages(lab)).toEqual([
      `Scaled up replica set ${rs.metadata.name} to 3`,
      `Scaled up replica set ${rs.metadata.name} to 5 from 3`,
      `Scaled down replica set ${rs.metadata.name} to 2 from 5`,
    ]);
  });
});

describe('hash collisions', () => {
  it('a foreign ReplicaSet holding the name bumps collisionCount and the next name is used', () => {
    const lab = new Lab();
    // What the Deployment's template hashes to once defaulted: create it, read the hash, start over.
    const probe = new Lab();
    probe.apply(deploymentYaml({ replicas: 1 }));
    const taken = replicaSets(probe)[0].metadata.name ?? '';
    lab.apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${taken}, labels: {app: other}}
spec:
  replicas: 0
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: c, image: nginx:1.25}]}
`);
    lab.apply(deploymentYaml({ replicas: 1 }));
    lab.advance('10s');
    const d = deployment(lab);
    expect(d.status.collisionCount).toBe(1);
    const [rs] = replicaSets(lab);
    expect(rs.metadata.name).toBe(`web-${computeHash(d.spec.template, 1)}`);
    expect(rs.metadata.name).not.toBe(taken);
  });
});

describe('kubectl describe', () => {
  it('describe deployment prints kubectl\'s layout', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 2 }));
    lab.advance('30s');
    const [rs] = replicaSets(lab);
    expect(lab.out('kubectl describe deployment web')).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rs.metadata.name} (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set ${rs.metadata.name} to 2
`);
  });

  it('describe replicaset prints kubectl\'s layout', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 1 }));
    lab.advance('30s');
    const [rs] = replicaSets(lab);
    const name = rs.metadata.name ?? '';
    const hash = name.slice('web-'.length);
    const out = lab.out(`kubectl describe rs ${name}`);
    expect(out.split('Events:')[0]).toBe(`Name:           ${name}
Namespace:      default
Selector:       app=web,pod-template-hash=${hash}
Labels:         app=web
                pod-template-hash=${hash}
Annotations:    deployment.kubernetes.io/desired-replicas: 1
                deployment.kubernetes.io/max-replicas: 2
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       1 current / 1 desired
Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
           pod-template-hash=${hash}
  Containers:
   nginx:
    Image:         nginx:1.25
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`);
    expect(out).toMatch(/Normal {2}SuccessfulCreate {2}30s {3}replicaset-controller {2}Created pod: web-/);
  });
});

describe('kubectl rollout / set image errors', () => {
  it('answers as kubectl v1.31 does', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 1 }));
    lab.advance('10s');
    const err = (line: string): [string, number] => {
      const r = lab.run(line);
      return [r.output, r.exitCode];
    };
    expect(err('kubectl rollout status')).toEqual(['error: required resource not specified\n', 1]);
    expect(err('kubectl rollout frob deployment/web')).toEqual(["error: unknown command \"frob\"\nSee 'kubectl rollout -h' for help and examples\n", 1]);
    expect(err('kubectl rollout status deployment/nope')).toEqual(['Error from server (NotFound): deployments.apps "nope" not found\n', 1]);
    expect(err('kubectl rollout history deployment/web --revision=9')).toEqual(['error: unable to find the specified revision\n', 1]);
    expect(err('kubectl set image deployment/web nope=nginx:1.26')).toEqual(['error: unable to find container named "nope"\n', 1]);
    // Setting the image a container already has changes nothing and prints nothing.
    expect(err('kubectl set image deployment/web nginx=nginx:1.25')).toEqual(['', 0]);
    expect(err('kubectl set image deploy web *=nginx:1.26')).toEqual(['deployment.apps/web image updated\n', 0]);
  });
});

describe('self-healing and one revision in detail', () => {
  it('a deleted pod of a 3-replica Deployment is replaced within 2 s', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 3 }));
    lab.advance('30s');
    const [rs] = replicaSets(lab);
    const victim = lab.out(`kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'`);
    lab.out(`kubectl delete pod ${victim} --wait=false`);
    lab.advance('2s');
    const names = lab.out(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`).split(' ');
    expect(names.filter((n) => n !== victim && n.startsWith(`${rs.metadata.name}-`))).toHaveLength(3);
    expect(replicaSets(lab)).toHaveLength(1);
  });

  it('rollout history --revision prints the template with raw tabs, as printTemplate does', () => {
    const lab = new Lab();
    lab.apply(deploymentYaml({ replicas: 1 }));
    lab.advance('10s');
    const hash = (replicaSets(lab)[0].metadata.name ?? '').slice('web-'.length);
    expect(lab.out('kubectl rollout history deployment/web --revision=1')).toBe(
      `deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=${hash}\n  Containers:\n   nginx:\n    Image:\tnginx:1.25\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n`,
    );
  });
});
