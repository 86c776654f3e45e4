/**
 * `kubectl get statefulsets` and `controllerrevisions` columns (printers.go `printStatefulSet`,
 * `printControllerRevision`).
 */
import { translateTimestampSince } from './age.ts';
import { asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { containerCells } from './workload-columns.ts';

/** StatefulSet table printer: READY is `readyReplicas/spec.replicas`; wide adds CONTAINERS, IMAGES. */
export const statefulSetPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Ready' }, { name: 'Age' }, { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }],
  row(sts, ctx) {
    const spec = asRecord(sts.spec);
    const status = asRecord(sts.status);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const [names, images] = containerCells(spec.template);
    return [asString(sts.metadata.name), `${asNumber(status.readyReplicas)}/${desired}`, translateTimestampSince(sts.metadata.creationTimestamp, ctx.nowMs), names, images];
  },
};

/**
 * ControllerRevision table printer: CONTROLLER is the controller reference as
 * `<kind>.<group>/<name>` in lower case (`daemonset.apps/kube-proxy`), `<none>` without one.
 */
export const controllerRevisionPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Revision' }, { name: 'Age' }],
  row(rev, ctx) {
    const ref = rev.metadata.ownerReferences?.find((r) => r.controller === true);
    let controller = '<none>';
    if (ref) {
      const slash = ref.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
      controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
    }
    return [asString(rev.metadata.name), controller, String(asNumber(rev.revision)), translateTimestampSince(rev.metadata.creationTimestamp, ctx.nowMs)];
  },
};
