/**
 * `kubectl wait` situations recorded from a real kubectl v1.31 (wait-record.ts) and replayed
 * through Podlab (wait.test.ts). The recording's fake API server serves the objects as they are
 * after the setup and never changes them; each scenario is one whose outcome does not depend on
 * later changes (met at once, never met, missing), so Podlab, whose cluster goes on running,
 * must end the same way.
 */

/** A pod running `sleep`, with the image given (one that does not exist never starts). */
export const sleepPod = (name: string, image: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {tier: t}
spec:
  containers:
  - name: c
    image: ${image}
    command: ["sleep", "3600"]
`;

/** What kubectl printed. */
export interface WaitRecording {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One recorded situation. */
export interface WaitScenario {
  name: string;
  /** Lines run before the wait, with their stdin. */
  setup: [line: string, stdin?: string][];
  /** What follows `kubectl wait` for both. */
  args: string[];
}

const READY_AND_NEVER: WaitScenario['setup'] = [
  ['kubectl apply -f -', sleepPod('a-never', 'nginx:no-such-tag')],
  ['kubectl apply -f -', sleepPod('b-ready', 'busybox')],
  ['sim advance 10s'],
];
const DEPLOYED: WaitScenario['setup'] = [['kubectl create deployment web --image=nginx --replicas=2'], ['sim advance 30s']];

export const WAIT_SCENARIOS: readonly WaitScenario[] = [
  { name: 'deployment available', setup: DEPLOYED, args: ['--for=condition=Available', 'deployment/web'] },
  { name: 'deployment available -o name', setup: DEPLOYED, args: ['--for=condition=Available', 'deploy', 'web', '-o', 'name'] },
  { name: 'selector, case-folded value', setup: DEPLOYED, args: ['--for=condition=ready=TRUE', 'pods', '-l', 'app=web'] },
  { name: 'jsonpath value', setup: DEPLOYED, args: ['--for=jsonpath={.status.readyReplicas}=2', 'deployment/web'] },
  { name: 'jsonpath exists', setup: READY_AND_NEVER, args: ['--for=jsonpath={.status.podIP}', 'pod/b-ready'] },
  { name: 'jsonpath nested', setup: DEPLOYED, args: ['--for=jsonpath={.status}=x', 'deployment/web'] },
  { name: 'shared deadline', setup: READY_AND_NEVER, args: ['--for=condition=Ready', 'pod/a-never', 'pod/b-ready', '--timeout=2s'] },
  { name: 'met then timed out', setup: READY_AND_NEVER, args: ['--for=condition=Ready', 'pod/b-ready', 'pod/a-never', '--timeout=2s'] },
  { name: 'timeout zero', setup: READY_AND_NEVER, args: ['--for=condition=Ready', 'pods', '--all', '--timeout=0'] },
  { name: 'missing', setup: READY_AND_NEVER, args: ['--for=condition=Ready', 'pod/nope', 'pod/b-ready'] },
  { name: 'no matches', setup: READY_AND_NEVER, args: ['--for=condition=Ready', 'pods', '-l', 'app=none'] },
  { name: 'delete of a missing pod', setup: READY_AND_NEVER, args: ['--for=delete', 'pod/nope'] },
  { name: 'delete times out', setup: READY_AND_NEVER, args: ['--for=delete', 'pod/b-ready', '--timeout=1s'] },
  { name: 'delete, timeout zero', setup: READY_AND_NEVER, args: ['--for=delete', 'pod/b-ready', '--timeout=0'] },
];
