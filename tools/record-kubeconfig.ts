/**
 * Records what REAL kubectl v1.31 prints for the `kubectl config` subcommands that edit the
 * kubeconfig (set-cluster, set-credentials, set, unset, delete-*, rename-context) and for view
 * afterwards: each sequence runs on a fresh copy of the session's admin.conf at $HOME/.kube/config
 * (HOME a temporary directory, shown in the messages as /root, the session's HOME).
 *
 *   npx tsx tools/record-kubeconfig.ts     (writes tests/unit/commands/config-edit.golden.json)
 *
 * Config commands are client-only, so the real binary runs them for real; the test replays each
 * sequence in one Podlab session (tests/unit/commands/config-edit.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitWords } from '../src/commands/shell/words.ts';
import { CA_DATA, CLIENT_KEY_DATA, SERVER_URL } from '../src/commands/kubectl/kubeconfig.ts';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';
const OUT = join(import.meta.dirname, '..', 'tests', 'unit', 'commands', 'config-edit.golden.json');

const ADMIN_CONF = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
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
    client-certificate-data: ${CA_DATA}
    client-key-data: ${CLIENT_KEY_DATA}
`;

const SEQUENCES: Record<string, string[]> = {
  entries: [
    'kubectl config set-cluster dev --server=https://10.0.0.1:6443',
    'kubectl config set-cluster dev --insecure-skip-tls-verify=true --tls-server-name=dev.local --proxy-url=http://proxy:3128',
    'kubectl config set-cluster kubernetes --server=https://172.18.0.2:6443',
    'kubectl config set-cluster f --certificate-authority=rel/ca.crt',
    'kubectl config set-cluster e --embed-certs --certificate-authority=/nope.crt',
    'kubectl config set-cluster e --embed-certs',
    'kubectl config set-credentials alice --token=abc',
    'kubectl config set-credentials bob --username=bob --password=secret',
    'kubectl config set-credentials alice --client-certificate=/a.crt --client-key=/a.key',
    'kubectl config set-credentials u --token=a --username=b',
    'kubectl config set-credentials u --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=x-',
    'kubectl config set-credentials u --exec-command=/bin/x --exec-api-version=client.authentication.k8s.io/v1 --exec-arg=a --exec-env=k=v --exec-interactive-mode=Never',
    'kubectl config set-credentials u --exec-interactive-mode=Bad',
    'kubectl config set-credentials v --client-certificate=/nope.crt --embed-certs',
    'kubectl config set-context dev --cluster=dev --user=alice --namespace=shop',
    'kubectl config get-clusters',
    'kubectl config get-users',
    'kubectl config view',
    'kubectl config view --raw',
    'kubectl config view -o json',
    'kubectl config view --minify --context=dev',
    'kubectl config use-context dev',
    'kubectl config view --minify --raw',
    'kubectl config rename-context dev staging',
    'kubectl config rename-context nope x',
    'kubectl config rename-context staging kubernetes-admin@kubernetes',
    'kubectl config current-context',
    'kubectl config get-contexts',
  ],
  properties: [
    'kubectl config set-cluster dev --server=https://10.0.0.1:6443',
    'kubectl config set-credentials alice --token=abc',
    'kubectl config set-credentials bob --username=bob --password=secret',
    'kubectl config set-context staging --cluster=dev --user=alice',
    'kubectl config set contexts.staging.namespace prod',
    'kubectl config set current-context staging',
    'kubectl config set clusters.dev.server https://10.0.0.2:6443',
    'kubectl config set users.alice.token xyz',
    'kubectl config set clusters.dev.insecure-skip-tls-verify true',
    'kubectl config set clusters.dev.insecure-skip-tls-verify maybe',
    'kubectl config set clusters.dev.certificate-authority-data aGVsbG8=',
    'kubectl config set clusters.dev.certificate-authority-data notbase64!',
    'kubectl config set users.alice.client-key-data raw --set-raw-bytes=true',
    'kubectl config set foo.bar baz',
    'kubectl config set contexts.new.namespace x',
    'kubectl config set preferences.colors true',
    'kubectl config view --raw',
    'kubectl config unset contexts.staging.namespace',
    'kubectl config unset users.bob',
    'kubectl config unset foo',
    'kubectl config unset clusters.nope.server',
    'kubectl config unset contexts.new',
    'kubectl config delete-context staging',
    'kubectl config delete-context nope',
    'kubectl config current-context',
    'kubectl config delete-context kubernetes-admin@kubernetes',
    'kubectl config delete-cluster dev',
    'kubectl config delete-cluster nope',
    'kubectl config delete-user alice',
    'kubectl config delete-user nope',
    'kubectl config get-contexts',
    'kubectl config view',
    'kubectl config view --minify',
    'kubectl config set-credentials',
    'kubectl config set-cluster',
    'kubectl config delete-context',
    'kubectl config delete-cluster',
    'kubectl config delete-user',
    'kubectl config rename-context a',
    'kubectl config set x',
    'kubectl config unset',
    'kubectl config set-cluster a b',
    'kubectl config delete-context a b',
    'kubectl config unset current-context',
    'kubectl config current-context',
    'kubectl config view',
  ],
};

function record(lines: string[]): { command: string; stdout: string; stderr: string; exitCode: number }[] {
  const home = mkdtempSync(join(tmpdir(), 'podlab-kubeconfig-'));
  mkdirSync(join(home, '.kube'));
  writeFileSync(join(home, '.kube', 'config'), ADMIN_CONF);
  const env = { PATH: '/usr/bin:/bin', HOME: home, TZ: 'UTC', LANG: 'C' };
  try {
    return lines.map((command) => {
      // Relative paths are made absolute against the working directory: run in HOME, shown as /root.
      const r = spawnSync(KUBECTL, splitWords(command).slice(1), { env, cwd: home, encoding: 'utf8' });
      const back = (t: string) => t.replaceAll(home, '/root');
      return { command, stdout: back(r.stdout), stderr: back(r.stderr), exitCode: r.status ?? -1 };
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const golden = Object.fromEntries(Object.entries(SEQUENCES).map(([name, lines]) => [name, record(lines)]));
writeFileSync(OUT, `${JSON.stringify(golden, null, 1)}\n`);
process.stdout.write(`recorded ${Object.values(SEQUENCES).flat().length} commands in ${OUT}\n`);
