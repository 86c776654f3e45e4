/**
 * Records what a real kubectl v1.31 prints for the situations of apply-expose-scenarios.ts into
 * apply-expose.recorded.json (read by apply-subcommands.test.ts and expose-overrides.test.ts).
 *
 * For each scenario the cluster is built through Podlab's command layer and served by the
 * read-only tools/fake-apiserver; each case runs `kubectl.1.31` in a temporary directory holding
 * FILES, with an EDITOR that keeps the buffer kubectl opens (recorded as `buffer`) and saves the
 * case's `edit` text in its place (or leaves the buffer as it is). Rerunning on an unchanged tree
 * gives a byte-identical file.
 *
 * Run: npx tsx tests/unit/commands/apply-expose-record.ts   (needs /usr/lib/google-cloud-sdk/bin/kubectl.1.31)
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitWords } from '../../../src/commands/shell/words.ts';
import { startFakeApiServer } from '../../../tools/fake-apiserver/server.ts';
import { FILES, playSetup, SCENARIOS, withoutEditFileDigits, type Case } from './apply-expose-scenarios.ts';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';

/** One recorded run. */
export interface Recorded extends Case {
  scenario: string;
  /** The text kubectl opened the editor on. */
  buffer?: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

function run(argv: string[], dir: string, stdin: string | undefined): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: join(dir, 'config'), TZ: 'UTC', LANG: 'C', EDITOR: join(dir, 'editor.sh') };
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, argv, { argv0: 'kubectl', cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.stdin.end(stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1 }));
  });
}

async function main(): Promise<void> {
  const out: Recorded[] = [];
  for (const s of SCENARIOS) {
    const session = playSetup(s);
    const server = await startFakeApiServer({ sim: () => session.sim, shiftMs: () => 0 });
    const dir = mkdtempSync(join(tmpdir(), 'podlab-apply-'));
    try {
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      writeFileSync(
        join(dir, 'config'),
        `apiVersion: v1\nkind: Config\nclusters:\n- name: p\n  cluster:\n    server: ${server.url}\ncontexts:\n- name: p\n  context:\n    cluster: p\n    user: p\ncurrent-context: p\nusers:\n- name: p\n  user: {}\n`,
      );
      writeFileSync(join(dir, 'editor.sh'), `#!/bin/sh\n[ -f "${dir}/buffer" ] || cp "$1" "${dir}/buffer"\nif [ -f "${dir}/saved" ]; then cat "${dir}/saved" > "$1"; fi\n`);
      chmodSync(join(dir, 'editor.sh'), 0o755);
      for (const c of s.cases) {
        for (const f of ['buffer', 'saved']) if (existsSync(join(dir, f))) unlinkSync(join(dir, f));
        if (typeof c.edit === 'string') writeFileSync(join(dir, 'saved'), c.edit);
        const r = await run(splitWords(c.line).slice(1), dir, c.stdin);
        const buffer = existsSync(join(dir, 'buffer')) ? readFileSync(join(dir, 'buffer'), 'utf8') : undefined;
        // kubectl names the file it keeps an edit in at random: saved without the digits.
        out.push({ scenario: s.name, ...c, ...(buffer !== undefined ? { buffer } : {}), ...r, stderr: withoutEditFileDigits(r.stderr) });
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(`${s.name}: ${s.cases.length} cases recorded\n`);
  }
  const file = join(dirname(fileURLToPath(import.meta.url)), 'apply-expose.recorded.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
