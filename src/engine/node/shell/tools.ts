/**
 * The programs an image may have, by name. Which of them a container actually has is decided by
 * its userland (userland.ts); this table only says how each one behaves.
 */
import type { CommandFn } from './command.ts';
import { mkdir, ls, rm, touch } from './tools-files.ts';
import { date, env, hostname, id, printenv, ps, sleep, uname, which, whoami } from './tools-system.ts';
import { curl, getent, nslookup, wget } from './tools-net.ts';
import { cat, echo, grep, head, printf, tail, testCommand, wc } from './tools-text.ts';
import { nodetool } from './tools-cassandra.ts';

export const TOOLS: Record<string, CommandFn> = {
  true: () => 0,
  false: () => 1,
  echo,
  printf,
  test: testCommand,
  '[': testCommand,
  pwd: (ctx) => {
    ctx.out(`${ctx.m.st.cwd}\n`);
    return 0;
  },
  sleep,
  touch,
  rm,
  mkdir,
  cat,
  ls,
  head,
  tail,
  wc,
  grep,
  env,
  printenv,
  hostname,
  id,
  whoami,
  uname,
  date,
  ps,
  which,
  wget,
  curl,
  nslookup,
  getent,
  nodetool,
};
