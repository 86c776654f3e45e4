/**
 * Helpers for the real-manifest corpus tests (../shared/manifests, INDEX.md): applying a row's
 * file, namespaces made first, event reasons; the row paths and the table reader are in rows.ts.
 *
 * Podlab's default cluster is the INDEX's "small default cluster": 3 workers of 2 CPU / 4Gi
 * (allocatable memory 100Mi less), a control-plane node tainted
 * `node-role.kubernetes.io/control-plane:NoSchedule`, kind's default StorageClass `standard`
 * (rancher.io/local-path), metrics read from the kubelets, and no cloud load balancer
 * (`sim cloud` is off). So every test starts from `new Lab()` unchanged.
 */
import { Lab } from '../../support/manifests.ts';
import { ROW } from './rows.ts';

export { column, indexRows, ROW, table } from './rows.ts';

/** `kubectl apply -f` of a row's file (with extra flags such as `-n NS`), as the terminal shows it. */
export function applyRow(lab: Lab, row: number, flags = ''): string {
  return lab.out(`kubectl apply -f ${ROW[row]}${flags === '' ? '' : ` ${flags}`}`);
}

/** A Lab with the namespaces given created first, as the tutorials do imperatively. */
export function labWithNamespaces(...namespaces: string[]): Lab {
  const lab = new Lab();
  for (const ns of namespaces) lab.out(`kubectl create namespace ${ns}`);
  return lab;
}

/** The reasons of an object's events, oldest first, deduplicated. */
export function reasons(lab: Lab, name: string, namespace = 'default'): string[] {
  return [...new Set(lab.events(name, namespace).map((e) => e.reason))];
}
