/**
 * How Go prints the internal API structs that appear as bad values in field errors (`%#v`).
 * Pointer addresses, which Go prints and which change every run, are shown as `0xc000000000`. The
 * go-cmp diff of refused updates is gofmt-diff.ts (a late part of the engine: engine/late.ts).
 */
import { GoValue, goQuote } from '../errors.ts';
import { isDict, str, type Dict } from './common.ts';

const FAKE_POINTER = '0xc000000000';

/** %#v of an intstr.IntOrString (Type 0 = Int, 1 = String). */
export function goIntOrStringText(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

export const goIntOrString = (v: unknown): GoValue => new GoValue(goIntOrStringText(v));

/** %#v of a core.ServicePort (the duplicate-port error prints the {protocol, port} key this way). */
export function goServicePort(p: { name?: string; protocol?: string; port?: number; targetPort?: unknown; nodePort?: number }): GoValue {
  return new GoValue(
    `core.ServicePort{Name:${goQuote(p.name ?? '')}, Protocol:${goQuote(p.protocol ?? '')}, AppProtocol:(*string)(nil), ` +
      `Port:${p.port ?? 0}, TargetPort:${goIntOrStringText(p.targetPort ?? 0)}, NodePort:${p.nodePort ?? 0}}`,
  );
}

/** %#v of a core.Taint. */
export function goTaint(t: Dict): GoValue {
  const time = t.timeAdded ? `(*v1.Time)(${FAKE_POINTER})` : '(*v1.Time)(nil)';
  return new GoValue(
    `core.Taint{Key:${goQuote(str(t.key))}, Value:${goQuote(str(t.value))}, Effect:${goQuote(str(t.effect))}, TimeAdded:${time}}`,
  );
}

/** %#v of an apps.DeploymentStrategy. */
export function goDeploymentStrategy(s: Dict): GoValue {
  const ru = isDict(s.rollingUpdate) ? `(*apps.RollingUpdateDeployment)(${FAKE_POINTER})` : '(*apps.RollingUpdateDeployment)(nil)';
  return new GoValue(`apps.DeploymentStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:${ru}}`);
}
