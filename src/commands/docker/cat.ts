/**
 * `cat > PATH` (with a heredoc) writes a file of the student's project on the docker host;
 * `cat PATH...` prints project files. The project is what `docker build` reads as its context,
 * over the files of the script's folder (or, in the app, the session's own).
 */
import type { CommandContext } from '../types.ts';
import { docker, readProjectFile } from './common.ts';

/** Project paths are relative to the project root: `./app/x`, `app//x` → `app/x`. */
const projectPath = (path: string): string =>
  path
    .split('/')
    .filter((p) => p !== '' && p !== '.')
    .join('/');

export function catProgram(ctx: CommandContext, argv: readonly string[]): number {
  const redirect = argv.findIndex((w) => w === '>' || (w.startsWith('>') && w.length > 1));
  if (redirect >= 0) {
    const target = argv[redirect] === '>' ? argv[redirect + 1] : argv[redirect].slice(1);
    if (target === undefined || target === '') {
      ctx.io.err("sh: syntax error: unexpected newline\n");
      return 2;
    }
    docker(ctx).host.workspace[projectPath(target)] = ctx.stdin ?? '';
    return 0;
  }
  if (argv.length === 0) {
    ctx.io.out(ctx.stdin ?? '');
    return 0;
  }
  let code = 0;
  for (const path of argv) {
    const body = readProjectFile(ctx, projectPath(path));
    if (body === undefined) {
      ctx.io.err(`cat: ${path}: No such file or directory\n`);
      code = 1;
    } else ctx.io.out(body);
  }
  return code;
}
