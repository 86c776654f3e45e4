/**
 * Records what a real kubectl v1.31 prints for AUTH_COMMANDS (auth-scenario.ts) into
 * auth.recorded.json, read by auth-can-i.test.ts. The cluster is built through Podlab's command
 * layer and served by tools/fake-apiserver, whose self-subject review endpoints answer with the
 * engine's RBAC authorizer: the recording checks kubectl's side (argument handling, warnings,
 * the yes/no and --list/whoami printing) on the authorizer's answers.
 *
 * Run: npx tsx tests/unit/commands/auth-record.ts   (needs /usr/lib/google-cloud-sdk/bin/kubectl.1.31)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../../../src/commands/session.ts';
import { splitWords } from '../../../src/commands/shell/words.ts';
import { startFakeApiServer } from '../../../tools/fake-apiserver/server.ts';
import { kubectlEnv, runRealKubectl } from '../../../tools/real-kubectl.ts';
import { AUTH_COMMANDS, AUTH_SETUP } from './auth-scenario.ts';

async function main(): Promise<void> {
  const session = new Session({ seed: AUTH_SETUP.seed });
  for (const line of AUTH_SETUP.lines) {
    const r = session.execLine(line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
  }
  const server = await startFakeApiServer({ sim: () => session.sim, shiftMs: () => 0 });
  const dir = mkdtempSync(join(tmpdir(), 'podlab-auth-'));
  const runs = [];
  try {
    // The user is named as admin.conf names it: client-go quotes the name in some errors.
    writeFileSync(
      join(dir, 'config'),
      `apiVersion: v1\nkind: Config\nclusters:\n- name: p\n  cluster:\n    server: ${server.url}\ncontexts:\n- name: p\n  context:\n    cluster: p\n    user: kubernetes-admin\ncurrent-context: p\nusers:\n- name: kubernetes-admin\n  user: {}\n`,
    );
    for (const command of AUTH_COMMANDS) runs.push({ command, ...(await runRealKubectl(splitWords(command).slice(1), kubectlEnv(dir), dir)) });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const file = join(dirname(fileURLToPath(import.meta.url)), 'auth.recorded.json');
  writeFileSync(file, `${JSON.stringify({ setup: AUTH_SETUP, runs }, null, 2)}\n`);
  process.stdout.write(`${runs.length} commands recorded\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
