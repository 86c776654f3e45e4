/**
 * `kubectl get -w | --watch-only` over simulated time, through a Session with the default
 * cluster: the current objects, then one entry per watch event (every event, so rows repeat), until
 * `--request-timeout` or the API server's watch timeout; the output formats and kubectl v1.31's
 * errors. The table layout follows kubectl's own expectations (get_test.go: a header once, event
 * types padded to one width, a tabwriter that remembers column widths across flushes).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/commands/flags.ts';
import { GetWatcher, alignRemembering, startGetWatch } from '../../../src/commands/kubectl/get-watch.ts';
import { getCommand } from '../../../src/commands/kubectl/verbs/get.ts';
import { EMPTY_FS } from '../../../src/commands/session.ts';
import type { CommandContext } from '../../../src/commands/types.ts';
import { WATCH_SERVER_TIMEOUT_MS } from '../../../src/commands/kubectl/watch.ts';
import { resolveResourceName } from '../../../src/engine/api/resources.ts';
import { Lab } from '../../support/manifests.ts';
import { GET_WATCH_SCENARIOS, SLEEPER } from './get-watch-scenarios.ts';

/** kubectl v1.31's stdout for each scenario, recorded by get-watch-record.ts. */
const RECORDED = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'get-watch.recorded.json'), 'utf8')) as Record<string, string>;

const shellQuote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

function withDeployment(): Lab {
  const lab = new Lab();
  expect(lab.out('kubectl create deployment web --image=nginx --replicas=2')).toBe('deployment.apps/web created\n');
  return lab;
}

/** Starts the sleeper and deletes it: it terminates for 30 s, then goes. */
function deleteSleeper(lab: Lab): Lab {
  expect(lab.apply(SLEEPER)).toBe('pod/sleeper created\n');
  expect(lab.out('kubectl wait --for=condition=Ready pod/sleeper')).toBe('pod/sleeper condition met\n');
  expect(lab.out('kubectl delete pod sleeper --wait=false')).toBe('pod "sleeper" deleted\n');
  return lab;
}

const deletedSleeper = (): Lab => deleteSleeper(new Lab());

const PODS_STARTING = `NAME                   READY   STATUS              RESTARTS   AGE
web-6dc5cd68db-5wkz4   0/1     ContainerCreating   0          0s
web-6dc5cd68db-zgjh7   0/1     ContainerCreating   0          0s
web-6dc5cd68db-5wkz4   0/1     ContainerCreating   0          0s
web-6dc5cd68db-zgjh7   0/1     ContainerCreating   0          0s
web-6dc5cd68db-5wkz4   1/1     Running             0          2s
web-6dc5cd68db-zgjh7   1/1     Running             0          2s
`;

describe('kubectl get -w as kubectl v1.31 prints the same list and events', () => {
  it.each(GET_WATCH_SCENARIOS.map((sc) => [sc.name, sc] as const))('%s', (_, sc) => {
    const lab = new Lab();
    for (const line of sc.setup) expect(lab.run(line, sc.stdin?.[line]).exitCode).toBe(0);
    const t0 = lab.now;
    const r = lab.run(`kubectl get ${sc.kubectlArgs.map(shellQuote).join(' ')} --request-timeout=${sc.watchMs}ms`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(RECORDED[sc.name]);
    expect(lab.now).toBe(t0 + sc.watchMs);
  });
});

describe('kubectl get -w', () => {
  it('prints the list, then a row per event without a header, and ends at --request-timeout', () => {
    const lab = withDeployment();
    const r = lab.run('kubectl get pods -w --request-timeout=30s');
    expect(r.stdout).toBe(PODS_STARTING);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(lab.now).toBe(30_000);
  });

  it('plays the same script to the same text', () => {
    const a = withDeployment().out('kubectl get pods -w --request-timeout=30s');
    const b = withDeployment().out('kubectl get pods -w --request-timeout=30s');
    expect(a).toBe(b);
  });

  it('takes a bare number of seconds as --request-timeout, as clientcmd does', () => {
    const lab = withDeployment();
    expect(lab.out('kubectl get pods -w --request-timeout=30')).toBe(PODS_STARTING);
    expect(lab.now).toBe(30_000);
  });

  it('ends when the API server closes the watch when no --request-timeout is given', () => {
    const lab = withDeployment();
    expect(lab.out('kubectl get pods -w')).toBe(PODS_STARTING);
    expect(lab.now).toBe(WATCH_SERVER_TIMEOUT_MS);
  });

  it('prints a deleted object once more, and EVENT types padded to one width with --output-watch-events', () => {
    const lab = deletedSleeper();
    const t0 = lab.now;
    expect(lab.out('kubectl get pods -l app=sleeper -w --output-watch-events --request-timeout=60s')).toBe(
      `EVENT      NAME      READY   STATUS        RESTARTS   AGE
ADDED      sleeper   1/1     Terminating   0          0s
DELETED    sleeper   1/1     Terminating   0          30s
`,
    );
    expect(lab.now).toBe(t0 + 60_000);
  });

  it('watches one named object: its row, then its changes (kubectl skips the synthetic ADDED)', () => {
    const lab = deletedSleeper();
    expect(lab.out('kubectl get pod sleeper -w --request-timeout=1m')).toBe(
      `NAME      READY   STATUS        RESTARTS   AGE
sleeper   1/1     Terminating   0          0s
sleeper   1/1     Terminating   0          30s
`,
    );
  });

  it('prints only the changes with --watch-only, the header with the first of them', () => {
    const lab = withDeployment();
    expect(lab.out('kubectl get pods --watch-only --request-timeout=30s')).toBe(PODS_STARTING.split('\n').filter((_, i) => i === 0 || i > 2).join('\n'));
  });

  it('prints nothing for a quiet --watch-only, and no "No resources found" for an empty list', () => {
    const lab = new Lab();
    expect(lab.run('kubectl get deployments --watch-only --request-timeout=5s')).toMatchObject({ output: '', exitCode: 0 });
    expect(lab.run('kubectl get deployments -w --request-timeout=5s')).toMatchObject({ output: '', exitCode: 0 });
  });

  it('adds NAMESPACE with -A and the kind with --show-kind', () => {
    const lab = deletedSleeper();
    expect(lab.out('kubectl get pods -A -l app=sleeper --show-kind -w --request-timeout=1m')).toBe(
      `NAMESPACE   NAME          READY   STATUS        RESTARTS   AGE
default     pod/sleeper   1/1     Terminating   0          0s
default     pod/sleeper   1/1     Terminating   0          30s
`,
    );
  });

  it('streams -o name, and -o json with --output-watch-events as one compact event per line', () => {
    const lab = deletedSleeper();
    expect(lab.out('kubectl get pods -l app=sleeper -w -o name --request-timeout=1m')).toBe('pod/sleeper\npod/sleeper\n');
    deleteSleeper(lab);
    const lines = lab.out('kubectl get pods -l app=sleeper -w -o json --output-watch-events --request-timeout=1m').split('\n');
    expect(lines.at(-1)).toBe('');
    const events = lines.slice(0, -1).map((l) => JSON.parse(l) as { type: string; object: { kind: string; metadata: { name: string } } });
    expect(events.map((e) => `${Object.keys(e).join(',')} ${e.type} ${e.object.kind}/${e.object.metadata.name}`)).toEqual([
      'type,object ADDED Pod/sleeper',
      'type,object DELETED Pod/sleeper',
    ]);
    expect(lines[0].startsWith('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{')).toBe(true);
  });

  it('separates -o yaml documents with ---, and prints -o jsonpath per event', () => {
    const lab = deletedSleeper();
    const yaml = lab.out('kubectl get pod sleeper -w -o yaml --request-timeout=1m');
    expect(yaml.split('\n').filter((l) => l === '---' || l === 'kind: Pod')).toEqual(['kind: Pod', '---', 'kind: Pod']);
    deleteSleeper(lab);
    expect(lab.out(`kubectl get pods -w --output-watch-events -o jsonpath='{.type},{.object.metadata.name}{"\\n"}' --request-timeout=1m`)).toBe(
      'ADDED,sleeper\nDELETED,sleeper\n',
    );
  });
});

describe('kubectl get -w errors, in kubectl v1.31 words', () => {
  it.each([
    // Recorded from kubectl v1.31 (client-side errors, no server needed).
    ['kubectl get pods,svc -w', 'error: you may only specify a single resource type\n'],
    [
      'kubectl get -w',
      `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`,
    ],
    ['kubectl get pods --output-watch-events', 'error: --output-watch-events option can only be used with --watch or --watch-only\n'],
    [
      'kubectl get pods -w --request-timeout=abc',
      'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
    ],
    // The builder's errors from a server.
    ['kubectl get pod nope -w', 'Error from server (NotFound): pods "nope" not found\n'],
  ])('%s', (line, stderr) => {
    const r = new Lab().run(line);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(1);
  });

  it('is silent for a missing object with --ignore-not-found', () => {
    expect(new Lab().run('kubectl get pod nope -w --ignore-not-found')).toMatchObject({ output: '', exitCode: 0 });
  });

  it('prints several named objects, then fails: one watch cannot cover them', () => {
    const lab = withDeployment();
    const [a, b] = lab.out('kubectl get pods -o name').trim().split('\n').map((n) => n.slice('pod/'.length));
    const t0 = lab.now;
    const r = lab.run(`kubectl get pods ${a} ${b} -w`);
    expect(r.stdout.split('\n')).toHaveLength(4);
    expect(r.stderr).toBe('error: you may only watch a single resource or type of resource at a time\n');
    expect(r.exitCode).toBe(1);
    expect(lab.now).toBe(t0);
  });
});

describe('GetWatcher, driven step by step (the app terminal)', () => {
  it('returns each slice of the watch as it runs, the same text as one run to the end', () => {
    const oneShot = withDeployment().out('kubectl get pods -w --request-timeout=30s');
    const lab = withDeployment();
    const sim = lab.session.sim;
    const rt = resolveResourceName('pods');
    if (!rt) throw new Error('no pods resource');
    const watcher = new GetWatcher(sim, {
      rt,
      namespace: 'default',
      labelSelector: '',
      fieldSelector: '',
      format: { kind: 'table', wide: false },
      table: { wide: false, withNamespace: false, showKind: false, showLabels: false, labelColumns: [], noHeaders: false },
      watchOnly: false,
      outputWatchEvents: false,
    });
    watcher.start(sim.store.list(rt, { namespace: 'default' }).items);
    const slices = [watcher.take()];
    for (let t = 1000; t <= 30_000; t += 1000) slices.push(watcher.step(t));
    watcher.stop();
    expect(slices[0].split('\n')).toHaveLength(4);
    expect(slices.filter((s) => s !== '').length).toBeGreaterThan(2);
    expect(slices.join('')).toBe(oneShot);
    expect(sim.now).toBe(30_000);
  });
});

describe('startGetWatch (what the app terminal calls)', () => {
  it('starts from the arguments, ends at --request-timeout, and stops early when told to', () => {
    const lab = withDeployment();
    const sim = lab.session.sim;
    const ctx: CommandContext = { sim, seed: lab.session.seed, io: { out: () => {}, err: () => {} }, fs: EMPTY_FS, resetCluster: () => {}, kubeconfig: lab.session.kubeconfig };
    const specs = [...getCommand.flags, { name: 'namespace', type: 'string' as const, usage: '' }, { name: 'request-timeout', type: 'string' as const, usage: '' }];
    const started = startGetWatch(ctx, parseFlags(['pods', '-w', '--request-timeout=30s'], specs), { kind: 'table', wide: false });
    if (typeof started === 'number') throw new Error(`exit ${started}`);
    expect(started.endMs).toBe(30_000);
    const text = started.watcher.take() + started.watcher.step(1000);
    started.watcher.stop(); // Ctrl-C
    expect(text).toBe(PODS_STARTING.split('\n').slice(0, 5).join('\n') + '\n');
    expect(sim.now).toBe(1000);
    expect(started.watcher.step(30_000)).toBe('');
  });
});

describe('alignRemembering (liggitt/tabwriter with RememberWidths)', () => {
  it('lays out each flush alone, never narrower than before (kubectl get_test.go, custom-columns watch)', () => {
    const widths: number[] = [];
    const flushes = [
      [['TYPE', 'NAME', 'RSRC'], ['ADDED', 'bar', '9'], ['ADDED', 'foo', '10']],
      [['MODIFIED', 'foo', '11']],
      [['DELETED', 'foo', '12']],
    ];
    expect(flushes.map((f) => alignRemembering(f, widths)).join('')).toBe(`TYPE    NAME   RSRC
ADDED   bar    9
ADDED   foo    10
MODIFIED   foo    11
DELETED    foo    12
`);
  });
});
