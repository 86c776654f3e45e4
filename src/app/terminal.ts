/**
 * What happens when the user presses Enter in the terminal: the line is recorded, run on the live
 * cluster through the bridge, and its output written back to the scrollback. `help` and `clear`
 * are handled here, as a shell would handle its built-ins.
 */
import { exec } from './bridge.ts';
import { appStore } from './state/store.ts';

export const HELP_TEXT = `Commands run on the live cluster, exactly as in a scenario script:
  kubectl get nodes              list the nodes
  kubectl get pods -A            list pods in every namespace
  kubectl create namespace demo  create a namespace
  kubectl delete pod NAME        delete a pod
  kubectl --help                 all kubectl commands
  sim advance 5m                 run the cluster forward five minutes
  sim node add node-4            add a worker node
  sim cluster --nodes 2          start over on a new cluster
Up/Down recall earlier commands; "clear" empties this scrollback.
`;

export async function submitCommand(input: string): Promise<void> {
  const line = input.trim();
  if (line === '') return;
  const ui = appStore.getState();
  ui.pushHistory(line);
  if (line === 'clear') {
    ui.clearEntries();
    return;
  }
  const id = ui.startEntry(line);
  if (line === 'help') {
    ui.finishEntry(id, HELP_TEXT, 0);
    return;
  }
  let result;
  try {
    result = await exec(line);
  } catch (e) {
    result = { output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
  appStore.getState().finishEntry(id, result.output, result.exitCode);
}
