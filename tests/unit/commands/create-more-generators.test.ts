/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding|serviceaccount|ingress|token`
 * against real kubectl v1.31 (create-more-generators.golden.json, tools/record-create-more.ts:
 * client dry runs and client-side errors, discovery from a Podlab session through the fake API
 * server), and the refusal where the object would reach Podlab's API server, which does not
 * store these kinds yet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

interface Row {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

const rows = JSON.parse(readFileSync(new URL('./create-more-generators.golden.json', import.meta.url), 'utf8')) as Row[];
const word = (a: string) => (/[\s*?]/.test(a) || a === '' ? `'${a}'` : a);

describe('kubectl create generators for RBAC, service accounts, ingresses and tokens, as kubectl v1.31 prints them', () => {
  it.each(rows.map((r) => [r.argv.join(' '), r] as const))('%s', (_line, row) => {
    const r = new Session({ seed: 1 }).execLine(`kubectl ${row.argv.map(word).join(' ')}`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: row.stdout, stderr: row.stderr, exitCode: row.exitCode });
  });
});

describe('the kinds Podlab does not store yet', () => {
  it.each([
    ['kubectl create role r --verb=get --resource=pods', 'roles.rbac.authorization.k8s.io', 'role'],
    ['kubectl create clusterrole cr --verb=get --resource=nodes --dry-run=server', 'clusterroles.rbac.authorization.k8s.io', 'clusterrole'],
    ['kubectl create rolebinding rb --role=r --user=a', 'rolebindings.rbac.authorization.k8s.io', 'rolebinding'],
    ['kubectl create clusterrolebinding crb --clusterrole=cr', 'clusterrolebindings.rbac.authorization.k8s.io', 'clusterrolebinding'],
    ['kubectl create serviceaccount sa1', 'serviceaccounts', 'serviceaccount'],
    ['kubectl create ingress i --rule=/=svc:80', 'ingresses.networking.k8s.io', 'ingress'],
  ])('%s is refused, and the cluster is unchanged', (line, resource, name) => {
    const s = new Session({ seed: 1 });
    const before = s.sim.traceHash();
    const r = s.execLine(line);
    expect(r.stderr).toBe(`error: Podlab does not store ${resource} yet: "kubectl create ${name}" works with --dry-run=client only\n`);
    expect(r.exitCode).toBe(1);
    expect(s.sim.traceHash()).toBe(before);
  });

  it('create token checks its flags as kubectl does, then says Podlab has no ServiceAccounts', () => {
    expect(new Session().execLine('kubectl create token default').stderr).toBe(
      'error: "kubectl create token" is not available in Podlab yet: Podlab does not store ServiceAccounts\n',
    );
  });

  it('--save-config puts the generated object into the last-applied annotation', () => {
    const out = new Session().execLine('kubectl create sa robot --save-config --dry-run=client -o jsonpath={.metadata.annotations}').stdout;
    expect(JSON.parse(out)).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","creationTimestamp":null}}\n',
    });
  });
});
