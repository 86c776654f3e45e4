/**
 * The clusterrole-aggregation controller: an aggregated ClusterRole follows the rules of the roles
 * its selectors match (by name, each rule once), through chains (view → edit → admin), and back
 * when a source goes; the boot's admin/edit/view already hold what it computes, so it writes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Session } from '../../../src/commands/session.ts';

interface Role extends KObject {
  rules: { apiGroups?: string[]; resources?: string[]; verbs: string[] }[] | null;
}

function session() {
  const s = new Session({ seed: 1 });
  const run = (line: string) => {
    const r = s.execLine(line);
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  const role = (name: string) => s.sim.store.get<Role>('clusterroles', '', name);
  return { s, run, role };
}

describe('the clusterrole-aggregation controller', () => {
  it('writes nothing at boot: admin, edit and view already hold the rules it computes', () => {
    const { s, role } = session();
    const before = ['admin', 'edit', 'view'].map((n) => role(n).metadata.resourceVersion);
    const rv = s.sim.store.resourceVersion;
    s.execLine('sim advance 1m');
    expect(['admin', 'edit', 'view'].map((n) => role(n).metadata.resourceVersion)).toEqual(before);
    expect(s.sim.store.list('clusterroles').items.filter((r) => Number(r.metadata.resourceVersion) > Number(rv))).toEqual([]);
  });

  it("gives a role the rules of the roles its selector matches, sorted by name, each once; empties back to null", () => {
    const { run, role } = session();
    run('kubectl create clusterrole monitoring --aggregation-rule=example.com/aggregate-to-monitoring=true');
    run('kubectl create clusterrole b-pods --verb=get --resource=pods');
    run('kubectl create clusterrole a-secrets --verb=get,list --resource=secrets');
    run('kubectl create clusterrole c-pods-again --verb=get --resource=pods');
    run('kubectl label clusterrole b-pods a-secrets c-pods-again example.com/aggregate-to-monitoring=true');
    run('sim advance 1s');
    expect(role('monitoring').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    ]);
    run('kubectl delete clusterrole a-secrets b-pods');
    run('sim advance 1s');
    expect(role('monitoring').rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    run('kubectl label clusterrole c-pods-again example.com/aggregate-to-monitoring-');
    run('sim advance 1s');
    expect(role('monitoring').rules).toBeNull();
  });

  it('a role labelled aggregate-to-view reaches view, edit and admin', () => {
    const { run, role } = session();
    const watchSecrets = { apiGroups: [''], resources: ['secrets'], verbs: ['watch'] };
    for (const name of ['view', 'edit', 'admin']) expect(role(name).rules).not.toContainEqual(watchSecrets);
    run('kubectl create clusterrole secret-watcher --verb=watch --resource=secrets');
    run('kubectl label clusterrole secret-watcher rbac.authorization.k8s.io/aggregate-to-view=true');
    run('sim advance 1s');
    for (const name of ['view', 'edit', 'admin']) expect(role(name).rules).toContainEqual(watchSecrets);
    expect(run("kubectl get clusterrole view -o jsonpath='{.rules[0]}'")).toBe(JSON.stringify(watchSecrets));
  });
});
