/**
 * The `kubectl get -w` situations recorded from a real kubectl v1.31 (get-watch-record.ts) and
 * replayed through Podlab (get-watch.test.ts): a setup, the watch's length, and the same
 * command for both (Podlab's ends at --request-timeout; the recording's fake API server closes
 * the watch after the captured events, which kubectl also ends on).
 */

/** A pod whose `sleep` ignores SIGTERM, so deleting it takes the 30 s grace period. */
export const SLEEPER = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
  labels: {app: sleeper}
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
`;

/** One recorded situation. */
export interface GetWatchScenario {
  name: string;
  /** Lines run before the watch. */
  setup: string[];
  /** stdin for setup lines that read it (`kubectl apply -f -`). */
  stdin?: Record<string, string>;
  /** How long the watch lasts, in simulated ms. */
  watchMs: number;
  /** The list covers every namespace (`-A`). */
  allNamespaces?: boolean;
  /** What follows `kubectl get` for both; Podlab adds `--request-timeout`. */
  kubectlArgs: string[];
}

const STARTING = ['kubectl create deployment web --image=nginx --replicas=2'];
const DELETING = ['kubectl apply -f -', 'kubectl wait --for=condition=Ready pod/sleeper', 'kubectl delete pod sleeper --wait=false'];
const DELETING_STDIN = { 'kubectl apply -f -': SLEEPER };

export const GET_WATCH_SCENARIOS: readonly GetWatchScenario[] = [
  { name: 'list then events', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w'] },
  { name: 'output-watch-events', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '--output-watch-events'] },
  { name: 'watch-only', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '--watch-only'] },
  { name: 'wide', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '-o', 'wide'] },
  { name: 'no-headers', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '--no-headers'] },
  { name: 'all namespaces with kinds', setup: STARTING, watchMs: 30_000, allNamespaces: true, kubectlArgs: ['pods', '-w', '-A', '--show-kind'] },
  { name: 'one object deleted', setup: DELETING, stdin: DELETING_STDIN, watchMs: 60_000, kubectlArgs: ['pod', 'sleeper', '-w'] },
  { name: 'one object, events', setup: DELETING, stdin: DELETING_STDIN, watchMs: 60_000, kubectlArgs: ['pod', 'sleeper', '-w', '--output-watch-events'] },
  { name: 'names', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '-o', 'name'] },
  { name: 'json events', setup: DELETING, stdin: DELETING_STDIN, watchMs: 60_000, kubectlArgs: ['pods', '-w', '--output-watch-events', '-o', 'json'] },
  { name: 'yaml', setup: DELETING, stdin: DELETING_STDIN, watchMs: 60_000, kubectlArgs: ['pod', 'sleeper', '-w', '-o', 'yaml'] },
  { name: 'custom columns', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase,IP:.status.podIP'] },
  { name: 'go-template', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '-o', 'go-template={{.metadata.name}} {{.status.phase}}{{"\\n"}}'] },
  { name: 'jsonpath events', setup: STARTING, watchMs: 30_000, kubectlArgs: ['pods', '-w', '--output-watch-events', '-o', 'jsonpath={.type} {.object.metadata.name} {.object.status.phase}{"\\n"}'] },
];
