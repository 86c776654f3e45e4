/**
 * `kubectl config` over the session's kubeconfig, against real kubectl v1.31 run on a kubeconfig
 * file equal to it (info-golden.ts `config`: one sequence, so set-context and use-context change
 * what the later commands print), and the context namespace as the default of later commands.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { GOLDEN, run } from './info-golden.ts';

describe('kubectl config, as kubectl v1.31 prints it', () => {
  const s = new Session();
  it.each(GOLDEN.config.map((r, i) => [`${i + 1}: ${r.command}`, r] as const))('%s', (_title, row) => {
    expect(run(s, row.command)).toEqual(row);
  });
});

describe('the context namespace', () => {
  function sessionWithDev(): Session {
    const s = new Session();
    for (const line of ['kubectl create namespace dev', 'kubectl create deployment web --image=nginx -n dev', 'sim advance 20s']) {
      expect(s.execLine(line).exitCode).toBe(0);
    }
    return s;
  }

  it('is where commands without -n go after config set-context --current --namespace', () => {
    const s = sessionWithDev();
    expect(s.execLine('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(s.execLine('kubectl config set-context --current --namespace=dev').stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    const pods = s.execLine('kubectl get pods');
    expect(pods.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +20s\n$/);
    expect(pods.stdout).toBe(s.execLine('kubectl get pods -n dev').stdout);
    expect(s.execLine('kubectl get pods -n default').stderr).toBe('No resources found in default namespace.\n');
  });

  it('receives created objects, which do not carry it (only an explicit -n is written into them)', () => {
    const s = sessionWithDev();
    s.execLine('kubectl config set-context --current --namespace=dev');
    expect(s.execLine('kubectl create configmap settings --from-literal=a=b').stdout).toBe('configmap/settings created\n');
    expect(s.execLine('kubectl get configmap settings -n dev -o name').stdout).toBe('configmap/settings\n');
    expect(s.execLine('kubectl create configmap x --from-literal=a=b --dry-run=client -o yaml').stdout).not.toContain('namespace:');
  });

  it('is overridden by --context, and a missing --context fails as kubectl fails', () => {
    const s = sessionWithDev();
    s.execLine('kubectl config set-context other --cluster=kubernetes --user=kubernetes-admin --namespace=dev');
    expect(s.execLine('kubectl get pods --context other').stdout).toBe(s.execLine('kubectl get pods -n dev').stdout);
    const r = s.execLine('kubectl get pods --context nope');
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr: 'error: context "nope" does not exist\n', exitCode: 1 });
  });

  it('--context names the context config view --minify shows', () => {
    const s = new Session();
    s.execLine('kubectl config set-context other --cluster=kubernetes --user=kubernetes-admin --namespace=x');
    expect(s.execLine('kubectl config view --minify --context other -o jsonpath={.current-context}/{..namespace}').stdout).toBe('other/x');
    expect(s.execLine('kubectl config current-context --context other').stdout).toBe('kubernetes-admin@kubernetes\n');
    const r = s.execLine('kubectl config view --minify --context nope');
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr: 'error: cannot locate context nope\n', exitCode: 1 });
  });

  it('is forgotten when sim cluster builds a new cluster (a new admin.conf)', () => {
    const s = new Session();
    s.execLine('kubectl config set-context --current --namespace=dev');
    s.execLine('sim cluster --nodes 1');
    expect(s.execLine('kubectl config get-contexts -o name').stdout).toBe('kubernetes-admin@kubernetes\n');
    expect(s.kubeconfig.contexts[0].namespace).toBe('');
  });

  it('is set with set-context --namespace only: its own flag hides the global -n, as in kubectl', () => {
    const r = new Session().execLine('kubectl config set-context --current -n dev');
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({
      stderr: "error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n",
      exitCode: 1,
    });
  });

  it('kubectl config alone prints its help to stderr and fails', () => {
    const r = new Session().execLine('kubectl config');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Modify kubeconfig files using subcommands/);
  });
});
