/**
 * The real kubectl v1.31 the recording tools compare Podlab with, and one way to run it: argv0
 * `kubectl` (some messages quote os.Args[0], e.g. `'kubectl get resource/name'`), stdin closed,
 * stdout and stderr collected whole.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';

export interface KubectlRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The environment a recording runs kubectl in: its HOME and kubeconfig in `home`, UTC, the C locale. */
export function kubectlEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: '/usr/bin:/bin', HOME: home, KUBECONFIG: join(home, 'config'), TZ: 'UTC', LANG: 'C', ...extra };
}

/** Runs the real kubectl with `argv` (without `kubectl`) in `env`, from `cwd` when given. */
export function runRealKubectl(argv: string[], env: Record<string, string>, cwd?: string): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, argv, { argv0: 'kubectl', env, ...(cwd === undefined ? {} : { cwd }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1 }));
  });
}
