/**
 * `kubectl delete -i` and the flags Podlab refuses (-k, --raw), as kubectl v1.31 prints them.
 * The prompts were recorded from the real client against Podlab's objects (tools/fake-apiserver).
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const PROMPT_TWO = 'You are about to delete the following 2 resource(s):\ndeployment.apps/web\ndeployment.apps/api\nDo you want to continue? (y/n): ';

function lab(): Lab {
  const l = new Lab();
  l.run('kubectl create deployment web --image=nginx');
  l.run('kubectl create deployment api --image=nginx');
  return l;
}

const names = (l: Lab) => l.out("kubectl get deploy -o jsonpath='{.items[*].metadata.name}'");

describe('kubectl delete --interactive', () => {
  it('lists the objects, asks, and deletes on y', () => {
    const l = lab();
    const r = l.run('kubectl delete deploy web api -i', 'y\n');
    expect([r.stdout, r.exitCode]).toEqual([`${PROMPT_TWO}deployment.apps "web" deleted\ndeployment.apps "api" deleted\n`, 0]);
    expect(names(l)).toBe('');
  });

  it.each([['n\n'], ['yes\n'], [''], [undefined]])('cancels on anything but y (stdin %j) and exits 0', (stdin) => {
    const l = lab();
    const r = l.run('kubectl delete deploy web api --interactive', stdin);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([`${PROMPT_TWO}deletion is cancelled\n`, '', 0]);
    expect(names(l)).toBe('api web');
  });

  it.each([['Y\n'], [' y\n'], ['\ny\n'], ['y x\n']])('the answer is the first word, either case (stdin %j)', (stdin) => {
    const r = lab().run('kubectl delete deploy web -i --dry-run=client -o name', stdin);
    expect(r.stdout).toBe('You are about to delete the following 1 resource(s):\ndeployment.apps/web\nDo you want to continue? (y/n): deployment.apps/web\n');
  });

  it('names are listed as given, without reading them first', () => {
    const r = lab().run('kubectl delete deploy ghost -i --dry-run=client', 'y\n');
    expect(r.stdout).toBe('You are about to delete the following 1 resource(s):\ndeployment.apps/ghost\nDo you want to continue? (y/n): deployment.apps "ghost" deleted (dry run)\n');
  });

  it('nothing selected: no question', () => {
    const r = lab().run('kubectl delete deploy -l app=none -i', 'y\n');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', 'No resources found\n', 0]);
  });
});

describe('kubectl delete: flags Podlab cannot honour', () => {
  it.each([
    ['kubectl delete -k dir', 'error: kustomize directories are not supported in Podlab\n'],
    ['kubectl delete --raw /api/v1/namespaces/default/configmaps/cm', 'error: --raw is not available in Podlab yet\n'],
    ['kubectl delete deploy web --timeout=x', 'error: invalid argument "x" for "--timeout" flag: time: invalid duration "x"\nSee \'kubectl delete --help\' for usage.\n'],
  ])('%s', (line, out) => {
    const l = lab();
    const r = l.run(line);
    expect([r.output, r.exitCode]).toEqual([out, 1]);
    expect(names(l)).toBe('api web');
  });
});
