import { it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
it('x', () => {
  const lab = new Lab();
  lab.apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: s3cret!\n  user: admin\n');
  lab.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: blue\n  app.properties: |\n    a=1\n    b=2\n');
  for (const c of ['kubectl describe ns default', 'kubectl describe cm cfg', 'kubectl describe secret creds', 'kubectl describe pc system-node-critical', 'kubectl describe nodes control-plane']) {
    console.log('$ ' + c + '\n' + lab.out(c).replace(/ +$/gm, (m) => '·'.repeat(m.length)));
  }
});
