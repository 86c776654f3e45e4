/**
 * Demo scripts for presenter mode: a scenario as plain script text (the scenario-script syntax,
 * one command a line, here-documents allowed), advanced one command per click. `# ...` lines are
 * captions: the comment lines just before a command are that step's caption. Pure data and parsing.
 */

export interface DemoStep {
  /** The comment lines before the command, without `#` (joined with a space); '' for none. */
  caption: string;
  /** The command as typed, here-document lines included. */
  command: string;
}

export interface Demo {
  id: string;
  title: string;
  text: string;
}

/** The built-in demos. */
export const DEMOS: readonly Demo[] = [
  {
    id: 'self-healing',
    title: 'Self-healing: delete a pod',
    text: `# A Deployment asks for three nginx pods
kubectl create deployment web --image=nginx:1.26 --replicas=3
# The scheduler places them; the kubelets pull the image and start them
sim advance 30s
kubectl get pods -o wide
# Delete the pods: their ReplicaSet sees too few and creates new ones at once
kubectl delete pods -l app=web --wait=false
sim advance 20s
# New names, same count: the desired state is restored
kubectl get pods -o wide
`,
  },
  {
    id: 'node-failure',
    title: 'Node failure and eviction',
    text: `# Six web pods spread over the three workers
kubectl create deployment web --image=nginx:1.27 --replicas=6
sim advance 30s
kubectl get pods -o wide
# node-2 fails: its kubelet stops reporting
sim node fail node-2
# After the 40 s grace period the node controller marks it NotReady and taints it
sim advance 50s
kubectl get nodes
# Pods tolerate not-ready for 300 s; then the taint manager evicts them and they start elsewhere
sim advance 5m
kubectl get pods -o wide
# Bring node-2 back
sim node recover node-2
sim advance 30s
kubectl get nodes
`,
  },
  {
    id: 'rolling-update',
    title: 'Rolling update and rollback',
    text: `# Four pods of nginx 1.26
kubectl create deployment web --image=nginx:1.26 --replicas=4
sim advance 30s
# A new image: a new ReplicaSet scales up while the old one scales down
kubectl set image deployment/web nginx=nginx:1.27
sim advance 10s
kubectl get rs
sim advance 40s
kubectl rollout history deployment/web
# Roll back: the previous ReplicaSet scales up again
kubectl rollout undo deployment/web
sim advance 50s
kubectl get rs
`,
  },
];

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

/** The steps of a script: each command with the caption written above it. */
export function parseDemo(text: string): DemoStep[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const steps: DemoStep[] = [];
  let caption: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      caption.push(trimmed.replace(/^#+\s?/, ''));
      continue;
    }
    const command = [trimmed];
    const heredoc = HEREDOC.exec(trimmed);
    if (heredoc) {
      const end = heredoc[2];
      while (++i < lines.length) {
        command.push(lines[i]);
        if (lines[i].trim() === end) break;
      }
    }
    steps.push({ caption: caption.join(' '), command: command.join('\n') });
    caption = [];
  }
  return steps;
}

/** A loaded demo and how far it got: `next` is the index of the step the next click runs. */
export interface DemoRun {
  title: string;
  steps: DemoStep[];
  next: number;
}

export function startDemo(title: string, text: string): DemoRun {
  return { title, steps: parseDemo(text), next: 0 };
}

/** The step to run now and the run after it; undefined when the demo is over. */
export function advanceDemo(run: DemoRun): { step: DemoStep; run: DemoRun } | undefined {
  const step = run.steps[run.next];
  if (step === undefined) return undefined;
  return { step, run: { ...run, next: run.next + 1 } };
}

/** Whether steps are left. */
export function demoActive(run: DemoRun | undefined): boolean {
  return run !== undefined && run.next < run.steps.length;
}

/**
 * The caption to show for the step last run: its own, else the nearest earlier step's (a caption
 * covers the commands after it until the next one).
 */
export function currentCaption(run: DemoRun): string {
  for (let i = run.next - 1; i >= 0; i--) if (run.steps[i].caption !== '') return run.steps[i].caption;
  return '';
}
