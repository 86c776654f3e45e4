/** Playing service scenarios through the command layer, with the shared manifests as the file system. */
import { formatEntry } from '../../../src/commands/runner.ts';
import { parseScript } from '../../../src/commands/shell/script.ts';
import { Lab } from '../../support/manifests.ts';

/** Plays script text command by command and returns the transcript (`$ line` + output). */
export function play(lab: Lab, script: string): string {
  let text = '';
  for (const cmd of parseScript(script)) {
    const time = lab.now;
    const r = lab.session.exec(cmd.words, cmd.stdin);
    if (r.scriptError !== undefined) throw new Error(`${cmd.text}: ${r.scriptError}`);
    text += formatEntry({ line: cmd.text, output: r.output, exitCode: r.exitCode, time });
  }
  return text;
}

/** The `ip` of every pod with this label, sorted as strings. */
export function podIPs(lab: Lab, selector: string, namespace = 'default'): string[] {
  const out = lab.out(`kubectl get pods -n ${namespace} -l ${selector} -o jsonpath='{.items[*].status.podIP}'`);
  return out.split(' ').filter((ip) => ip !== '').sort();
}

/** The ready addresses of an Endpoints object, sorted. */
export function endpointIPs(lab: Lab, name: string, namespace = 'default'): string[] {
  const out = lab.out(`kubectl get endpoints ${name} -n ${namespace} -o jsonpath='{.subsets[*].addresses[*].ip}'`);
  return out.split(' ').filter((ip) => ip !== '').sort();
}

/** Every address in the EndpointSlices of a Service, sorted. */
export function sliceIPs(lab: Lab, service: string, namespace = 'default'): string[] {
  const out = lab.out(`kubectl get endpointslices -n ${namespace} -l kubernetes.io/service-name=${service} -o jsonpath='{.items[*].endpoints[*].addresses[*]}'`);
  return out.split(' ').filter((ip) => ip !== '').sort();
}

export { Lab };
