/**
 * DaemonSet scenarios through the command layer: kube-proxy as a fresh cluster has it (every node,
 * AGE 60s) and on a node added later; a DaemonSet on every eligible node (the control plane's
 * NoSchedule taint keeps it off there, as a node added with an untolerated taint), its kubectl
 * get/describe output and events, and a RollingUpdate replacing one node's pod at a time
 * (maxUnavailable 1): `sleep` ignores SIGTERM, so each old pod is Terminating for its 30 s grace.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { applyDoc, events, play, podNodes } from '../scheduler/support.ts';

const agent = (image: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: ${image}
        command: ["sleep", "3600"]
`;

/** Node → pod name of the agent pods (by spec.nodeName). */
function agentNodes(lab: Lab): string[] {
  return [...podNodes(lab).entries()].filter(([p]) => p.startsWith('agent-')).map(([, n]) => n).sort();
}

describe('kube-proxy, as the DaemonSet controller keeps it', () => {
  it('a fresh cluster: every node has its proxy, Running for 60 s; the status says so', () => {
    const lab = new Lab(1);
    expect(lab.out('kubectl get ds -n kube-system')).toBe(
      `NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   60s
`,
    );
    const proxies = lab.out('kubectl get pods -n kube-system -l k8s-app=kube-proxy').trimEnd().split('\n').slice(1);
    expect(proxies).toHaveLength(4);
    for (const row of proxies) expect(row).toMatch(/^kube-proxy-\w{5} {3}1\/1 {5}Running {3}0 {10}60s$/);
    expect(lab.out('kubectl get controllerrevisions -n kube-system')).toMatch(/^NAME +CONTROLLER +REVISION +AGE\nkube-proxy-\w+ +daemonset\.apps\/kube-proxy +1 +60s\n$/);
  });

  it('a node added later gets a kube-proxy pod, created by the controller and bound by the scheduler', () => {
    const lab = new Lab(1);
    play(lab, 'sim node add node-4\nsim advance 5s');
    const proxies = [...podNodes(lab, 'kube-system').entries()].filter(([p]) => p.startsWith('kube-proxy-'));
    expect(proxies.map(([, n]) => n).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3', 'node-4']);
    const [name] = proxies.find(([, n]) => n === 'node-4') ?? [''];
    const created = events(lab, 'involvedObject.kind=DaemonSet', 'kube-system');
    expect(created.map((e) => [e.reason, e.message, e.source])).toEqual([['SuccessfulCreate', `Created pod: ${name}`, 'daemonset-controller']]);
    expect(events(lab, `involvedObject.name=${name},reason=Scheduled`, 'kube-system').map((e) => e.message)).toEqual([`Successfully assigned kube-system/${name} to node-4`]);
    expect(lab.out(`kubectl get pod ${name} -n kube-system -o jsonpath='{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]}'`)).toBe(
      '{"key":"metadata.name","operator":"In","values":["node-4"]}',
    );
    expect(lab.out('kubectl get ds kube-proxy -n kube-system')).toMatch(/^kube-proxy +5 +5 +5 +5 +5 /m);
  });
});

describe('a DaemonSet of our own', () => {
  it('runs one pod on each eligible node: not on the tainted control plane', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(agent('busybox:1.36'))}\nsim advance 10s`);
    expect(agentNodes(lab)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(lab.out('kubectl get ds')).toBe(
      `NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
agent   3         3         3       3            3           <none>          10s
`,
    );
    expect(lab.out('kubectl get ds -o wide')).toMatch(/\nagent +3 +3 +3 +3 +3 +<none> +10s +agent +busybox:1\.36 +app=agent\n$/);
  });

  it('a new node gets a pod; a node with a taint the pods do not tolerate gets none', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(agent('busybox:1.36'))}\nsim advance 10s\nsim node add node-4\nsim node add node-5 --taints dedicated=gpu:NoSchedule\nsim advance 10s`);
    expect(agentNodes(lab)).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(lab.out('kubectl get ds agent')).toMatch(/\nagent +4 +4 +4 +4 +4 +<none> +20s\n$/);
    const created = events(lab, 'involvedObject.kind=DaemonSet').map((e) => e.message);
    expect(created).toHaveLength(4);
    for (const m of created) expect(m).toMatch(/^Created pod: agent-\w{5}$/);
  });

  it('a NoSchedule taint added later leaves the pod running; a NoExecute one takes it away', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(agent('busybox:1.36'))}\nsim advance 10s\nkubectl taint nodes node-1 dedicated=db:NoSchedule\nsim advance 5s`);
    expect(agentNodes(lab)).toEqual(['node-1', 'node-2', 'node-3']);
    // Desired counts only nodes that should run a new pod; node-1's pod is now misscheduled.
    expect(lab.out('kubectl get ds agent')).toMatch(/\nagent +2 +2 +2 +2 +2 /);
    expect(lab.out("kubectl get ds agent -o jsonpath='{.status.numberMisscheduled}'")).toBe('1');
    play(lab, 'kubectl taint nodes node-2 dedicated=db:NoExecute\nsim advance 40s');
    expect(agentNodes(lab)).toEqual(['node-1', 'node-3']);
    const deleted = events(lab, 'involvedObject.kind=DaemonSet,reason=SuccessfulDelete').map((e) => e.message);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatch(/^Deleted pod: agent-\w{5}$/);
  });

  it('describe shows the counters, the pods by phase, the template and the events', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(agent('busybox:1.36'))}\nsim advance 10s`);
    const text = lab.out('kubectl describe ds agent');
    expect(text.split('\nPod Template:\n')[0]).toBe(`Name:           agent
Selector:       app=agent
Node-Selector:  <none>
Labels:         <none>
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 3
Current Number of Nodes Scheduled: 3
Number of Nodes Scheduled with Up-to-date Pods: 3
Number of Nodes Scheduled with Available Pods: 3
Number of Nodes Misscheduled: 0
Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed`);
    expect(text).toContain('\n  Labels:  app=agent\n  Containers:\n   agent:\n    Image:      busybox:1.36\n');
    expect(text).toMatch(/\n {2}Normal {2}SuccessfulCreate {2}10s {3}daemonset-controller {2}Created pod: agent-\w{5}\n/);
  });

  it('RollingUpdate replaces one node at a time (maxUnavailable 1), each new pod before the next old one goes', () => {
    const lab = new Lab(1);
    play(lab, `${applyDoc(agent('busybox:1.36'))}\nsim advance 10s`);
    const oldHash = lab.out("kubectl get pods -l app=agent -o jsonpath='{.items[0].metadata.labels.controller-revision-hash}'");
    play(lab, applyDoc(agent('busybox:1.37')));
    let maxTerminating = 0;
    for (let s = 0; s < 150; s++) {
      const rows = lab.out('kubectl get pods -l app=agent').split('\n').slice(1);
      maxTerminating = Math.max(maxTerminating, rows.filter((r) => r.includes('Terminating')).length);
      lab.advance('1s');
    }
    expect(maxTerminating).toBe(1);
    expect(lab.out('kubectl get ds agent')).toMatch(/\nagent +3 +3 +3 +3 +3 /);
    const hashes = lab.out("kubectl get pods -l app=agent -o jsonpath='{.items[*].metadata.labels.controller-revision-hash}'").split(' ');
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).not.toBe(oldHash);
    // Deletions and creations alternate: the next old pod goes only once the new one is available.
    const log = events(lab, 'involvedObject.kind=DaemonSet')
      .filter((e) => e.firstMs >= 10_000)
      .sort((a, b) => a.firstMs - b.firstMs)
      .map((e) => e.reason);
    expect(log).toEqual(['SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate']);
    expect(lab.out('kubectl get controllerrevisions')).toMatch(/^NAME +CONTROLLER +REVISION +AGE\nagent-\w+ +daemonset\.apps\/agent +\d +\S+\nagent-\w+ +daemonset\.apps\/agent +\d +\S+\n$/);
  });
});
