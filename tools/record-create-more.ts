/**
 * Records what REAL kubectl v1.31 prints for the `kubectl create` generators of RBAC kinds,
 * service accounts, tokens and ingresses (client dry runs and client-side errors), against
 * tools/fake-apiserver serving a fresh Podlab session (seed 1): `create role|clusterrole` map
 * their --resource through discovery, which is Podlab's.
 *
 *   npx tsx tools/record-create-more.ts      (writes tests/unit/commands/create-more-generators.golden.json)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../src/commands/session.ts';
import { splitWords } from '../src/commands/shell/words.ts';
import { startFakeApiServer } from './fake-apiserver/server.ts';
import { kubectlEnv, runRealKubectl } from './real-kubectl.ts';

const OUT = join(import.meta.dirname, '..', 'tests', 'unit', 'commands', 'create-more-generators.golden.json');

const LINES = [
  'kubectl create role r --verb=get --resource=pods --dry-run=client -o yaml',
  'kubectl create role pod-reader --verb=get,list --verb=watch --resource=pods,deployments.apps,rs.apps,pods/log --resource-name=a --resource-name=b --dry-run=client -o yaml',
  'kubectl create role r --verb=get --verb=* --resource=pods --dry-run=client -o yaml',
  'kubectl create role r --verb=get --resource=* --resource=pods --dry-run=client -o yaml',
  'kubectl create role r --verb=get --resource=pods --dry-run=client -o json',
  'kubectl create role r --verb=get --resource=pods --dry-run=client -n shop -o yaml',
  'kubectl create role r --verb=get --resource=pods --dry-run=client',
  'kubectl create role r --verb=frob --resource=pods --dry-run=client -o name',
  'kubectl create role r --resource=pods --dry-run=client',
  'kubectl create role r --verb=get --dry-run=client',
  'kubectl create role r --verb=get --resource=foos --dry-run=client',
  'kubectl create role r --verb=use --resource=pods --dry-run=client',
  'kubectl create role r --verb=get --resource=.apps --dry-run=client',
  'kubectl create role --verb=get --resource=pods --dry-run=client',
  'kubectl create clusterrole cr --verb=get --non-resource-url=/logs --non-resource-url=/healthz/* --dry-run=client -o yaml',
  'kubectl create clusterrole cr --verb=get,list --resource=nodes --non-resource-url=/logs --dry-run=client -o yaml',
  'kubectl create clusterrole cr --aggregation-rule=rbac.example.com/aggregate-to-monitoring=true --dry-run=client -o yaml',
  'kubectl create clusterrole cr --aggregation-rule=a=b --verb=get --dry-run=client',
  'kubectl create clusterrole cr --verb=get --dry-run=client',
  'kubectl create clusterrole cr --verb=list --non-resource-url=/logs --dry-run=client',
  'kubectl create clusterrole cr --verb=get --non-resource-url=logs --dry-run=client',
  'kubectl create clusterrole cr --verb=get --non-resource-url=/lo*gs --dry-run=client',
  'kubectl create clusterrole cr --verb=get --non-resource-url=/logs --resource-name=x --dry-run=client',
  'kubectl create clusterrole cr --dry-run=client',
  'kubectl create rolebinding rb --role=r --user=alice --serviceaccount=ns:sa --group=g --dry-run=client -o yaml',
  'kubectl create rolebinding rb --clusterrole=view --user=b --user=a --dry-run=client -n shop -o json',
  'kubectl create rolebinding rb --clusterrole=view --role=r --dry-run=client',
  'kubectl create rolebinding rb --dry-run=client',
  'kubectl create rolebinding rb --role=r --serviceaccount=sa --dry-run=client',
  'kubectl create rolebinding rb --role=r --serviceaccount=ns: --dry-run=client',
  'kubectl create rolebinding rb --role=r --dry-run=client -o yaml',
  'kubectl create clusterrolebinding crb --clusterrole=cr --user=u --group=g1 --serviceaccount=kube-system:default --dry-run=client -o yaml',
  'kubectl create clusterrolebinding crb --dry-run=client',
  'kubectl create clusterrolebinding crb --clusterrole=cr --serviceaccount=bad --dry-run=client',
  'kubectl create clusterrolebinding crb --clusterrole=cr --dry-run=client -o name',
  'kubectl create serviceaccount sa1 --dry-run=client -o yaml',
  'kubectl create sa sa1 --dry-run=client -o json -n shop',
  'kubectl create sa --dry-run=client',
  'kubectl create serviceaccount sa1 --dry-run=client',
  'kubectl create ingress ing --rule=foo.com/bar=svc:80 --dry-run=client -o yaml',
  'kubectl create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert --dry-run=client -o yaml',
  'kubectl create ingress catch-all --class=otheringress --rule=/path=svc:port --dry-run=client -o yaml',
  'kubectl create ingress annotated --class=default --rule=foo.com/bar=svc:port --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla --dry-run=client -o yaml',
  'kubectl create ingress multipath --class=default --rule=foo.com/=svc:port --rule=foo.com/admin/=svcadmin:portadmin --dry-run=client -o yaml',
  'kubectl create ingress ingress1 --class=default --rule=foo.com/path*=svc:8080 --rule=bar.com/admin*=svc2:http --dry-run=client -o yaml',
  'kubectl create ingress ingtls --class=default --rule=foo.com/=svc:https,tls --rule=foo.com/path/subpath*=othersvc:8080 --dry-run=client -o yaml',
  'kubectl create ingress ingsecret --class=default --rule=foo.com/*=svc:8080,tls=secret1 --rule=bar.com/*=svc:8080,tls=secret1 --dry-run=client -o yaml',
  'kubectl create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule=foo.com/*=svc:8080,tls=secret1 --dry-run=client -o yaml',
  'kubectl create ingress ingdefault --default-backend=defaultsvc:80 --dry-run=client -o json',
  'kubectl create ing x --dry-run=client',
  'kubectl create ingress x --rule=foo.com=svc:80 --dry-run=client',
  'kubectl create ingress x --rule=/=svc:80 --annotation=noequals --dry-run=client',
  'kubectl create ingress x --default-backend=svc --dry-run=client',
  'kubectl create ingress x --rule=/a=svc:80 --dry-run=client',
  'kubectl create token',
  'kubectl create token a b',
  'kubectl create token sa1 --duration=-1s',
  'kubectl create token sa1 --bound-object-kind=Node',
  'kubectl create token sa1 --bound-object-kind=Pod',
  'kubectl create token sa1 --bound-object-name=x',
  'kubectl create token sa1 --audience=',
  'kubectl create token sa1 -o wide',
];

void (async () => {
  const session = new Session({ seed: 1 });
  const server = await startFakeApiServer({ sim: () => session.sim, shiftMs: () => 0 });
  const home = mkdtempSync(join(tmpdir(), 'podlab-create-'));
  writeFileSync(
    join(home, 'config'),
    `apiVersion: v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster:\n    server: ${server.url}\ncontexts:\n- name: kubernetes-admin@kubernetes\n  context:\n    cluster: kubernetes\n    user: kubernetes-admin\ncurrent-context: kubernetes-admin@kubernetes\nusers:\n- name: kubernetes-admin\n  user: {}\n`,
  );
  const env = kubectlEnv(home);
  try {
    const rows = [];
    for (const line of LINES) {
      const argv = splitWords(line).slice(1);
      const r = await runRealKubectl(argv, env);
      rows.push({ argv, stdout: r.stdout.replaceAll(server.url, 'https://172.18.0.2:6443'), stderr: r.stderr.replaceAll(server.url, 'https://172.18.0.2:6443'), exitCode: r.exitCode });
    }
    writeFileSync(OUT, `${JSON.stringify(rows, null, 1)}\n`);
    process.stdout.write(`recorded ${rows.length} commands in ${OUT}\n`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
})();
