/**
 * Records what REAL kubectl v1.31 prints for the informational verbs (`events`, `api-resources`,
 * `api-versions`, `version`, `cluster-info`) over Podlab's own cluster, served by the fake API
 * server (tools/fake-apiserver), and for `kubectl config ...` over a kubeconfig file identical to
 * the session's (src/commands/kubectl/kubeconfig.ts). Writes tests/unit/commands/info-verbs.golden.json,
 * replayed by tests/unit/commands/{events-verb,api-resources,version,cluster-info,config}.test.ts.
 *
 *   npx tsx tools/record-info-verbs.ts
 *
 * Every command whose output has ages (`events` tables) runs with timestamps shifted to the wall
 * clock as record-kubectl.ts does for describe. cluster-info runs with TERM=dumb (no colour codes,
 * as Podlab prints it) and its server URL is replaced by the kubeconfig's (https://172.18.0.2:6443).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../src/commands/session.ts';
import { splitWords } from '../src/commands/shell/words.ts';
import { SERVER_URL } from '../src/commands/kubectl/kubeconfig.ts';
import { EPOCH_UNIX_MS } from '../src/engine/kernel/time.ts';
import { REPO_DIR } from './fake-apiserver/scenarios.ts';
import { startFakeApiServer } from './fake-apiserver/server.ts';
import { unshiftOutput } from './fake-apiserver/timeshift.ts';
import { kubectlEnv, runRealKubectl } from './real-kubectl.ts';

const OUT = join(REPO_DIR, 'tests', 'unit', 'commands', 'info-verbs.golden.json');

/** The cluster the server commands run against (replayed by the tests with the same seed). */
export const INFO_SEED = 7;
export const INFO_SETUP: readonly string[] = [
  'kubectl create namespace dev',
  'kubectl create deployment web --image=nginx:1.27 --replicas=2',
  'kubectl create deployment api -n dev --image=nginx:1.27',
  'kubectl create deployment broken --image=nginx:does-not-exist',
  'sim advance 95s',
];

const SERVER_COMMANDS = [
  'kubectl events',
  'kubectl events -A',
  'kubectl events -n dev',
  'kubectl events --for deployment/web',
  'kubectl events --for deploy/web -o name',
  'kubectl events -A --types=Warning',
  'kubectl events --no-headers -n dev',
  'kubectl events -n dev -o yaml',
  'kubectl events -n dev -o json',
  'kubectl events -n kube-public',
  'kubectl events -A --for node/nope',
  'kubectl api-resources',
  'kubectl api-resources -o name',
  'kubectl api-resources --namespaced=false',
  'kubectl api-resources --api-group=apps',
  'kubectl api-resources --sort-by=kind --no-headers',
  'kubectl api-resources --sort-by=name --namespaced=true',
  'kubectl api-resources -o wide --api-group=batch',
  'kubectl api-resources --verbs=list --categories=all',
  'kubectl api-versions',
  'kubectl version',
  'kubectl version -o yaml',
  'kubectl version -o json',
  'kubectl version --client',
  'kubectl cluster-info',
];

/** A sequence run against one kubeconfig file, in order (set-context changes what follows). */
const CONFIG_COMMANDS = [
  'kubectl config current-context',
  'kubectl config get-contexts',
  'kubectl config get-contexts -o name',
  'kubectl config get-clusters',
  'kubectl config get-users',
  'kubectl config view',
  'kubectl config view -o json',
  'kubectl config use-context kubernetes-admin@kubernetes',
  'kubectl config use-context foo',
  'kubectl config set-context --current --namespace=dev',
  'kubectl config get-contexts',
  'kubectl config view --minify',
  'kubectl config view --minify -o json',
  'kubectl config get-contexts nope',
  'kubectl config set-context',
  'kubectl config set-context x --current',
  'kubectl config set-context other --cluster=kubernetes --user=kubernetes-admin',
  'kubectl config use other',
  'kubectl config get-contexts --no-headers',
  'kubectl config view -o jsonpath={.contexts[*].name}',
  'kubectl config use-context kubernetes-admin@kubernetes',
  'kubectl config set-context kubernetes-admin@kubernetes --namespace=',
  'kubectl config get-contexts',
  'kubectl config get-contexts -o wide',
  'kubectl config view extra',
];

/** The session's kubeconfig as admin.conf, with the data kubectl redacts. */
const ADMIN_CONF = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    server: ${SERVER_URL}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=
`;

interface Recording {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

function run(argv: string[], home: string, extraEnv: Record<string, string> = {}): Promise<Omit<Recording, 'command'>> {
  return runRealKubectl(argv, kubectlEnv(home, extraEnv));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function recordServer(): Promise<Recording[]> {
  const session = new Session({ seed: INFO_SEED });
  for (const line of INFO_SETUP) {
    const r = session.execLine(line);
    if (r.exitCode !== 0) throw new Error(`setup "${line}" failed:\n${r.output}`);
  }
  let shiftMs = 0;
  const server = await startFakeApiServer({ sim: () => session.sim, shiftMs: () => shiftMs });
  const home = mkdtempSync(join(tmpdir(), 'podlab-info-'));
  const serverConf = `apiVersion: v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster:\n    server: ${server.url}\ncontexts:\n- name: kubernetes-admin@kubernetes\n  context:\n    cluster: kubernetes\n    user: kubernetes-admin\ncurrent-context: kubernetes-admin@kubernetes\nusers:\n- name: kubernetes-admin\n  user: {}\n`;
  writeFileSync(join(home, 'config'), serverConf);
  const simSecondMs = EPOCH_UNIX_MS + Math.floor(session.sim.now / 1000) * 1000;
  const out: Recording[] = [];
  try {
    for (const command of SERVER_COMMANDS) {
      const argv = splitWords(command).slice(1);
      const timed = argv[0] === 'events' && !argv.includes('-o');
      for (let attempt = 0; ; attempt++) {
        if (attempt > 8) throw new Error(`"${command}" never finished within one wall-clock second`);
        let wallSecond = 0;
        if (timed) {
          await sleep(1000 - (Date.now() % 1000) + 5);
          wallSecond = Math.floor(Date.now() / 1000) * 1000;
        }
        shiftMs = timed ? wallSecond - simSecondMs : 0;
        const r = await run(argv, home, { TERM: 'dumb' });
        if (timed && Date.now() >= wallSecond + 1000) continue;
        const back = (t: string) => unshiftOutput(t, shiftMs, EPOCH_UNIX_MS + shiftMs / 2).replaceAll(server.url, SERVER_URL);
        out.push({ command, stdout: back(r.stdout), stderr: back(r.stderr), exitCode: r.exitCode });
        break;
      }
    }
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}

async function recordConfig(): Promise<Recording[]> {
  const home = mkdtempSync(join(tmpdir(), 'podlab-config-'));
  writeFileSync(join(home, 'config'), ADMIN_CONF);
  const out: Recording[] = [];
  try {
    for (const command of CONFIG_COMMANDS) out.push({ command, ...(await run(splitWords(command).slice(1), home)) });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  const golden = { seed: INFO_SEED, setup: INFO_SETUP, server: await recordServer(), config: await recordConfig() };
  writeFileSync(OUT, `${JSON.stringify(golden, null, 1)}\n`);
  process.stdout.write(`${golden.server.length + golden.config.length} commands recorded in ${OUT}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
