/** `sim --help` and `sim VERB --help`: the simulator's own directives describe themselves. */
import { describe, expect, it } from 'vitest';
import { SIM_VERBS } from '../../../src/commands/sim/index.ts';
import { Session } from '../../../src/commands/session.ts';

describe('sim --help', () => {
  it.each(['sim --help', 'sim -h', 'sim help'])('%s lists every directive with its summary', (line) => {
    const r = new Session().execLine(line);
    expect(r.exitCode).toBe(0);
    for (const v of SIM_VERBS) expect(r.stdout).toMatch(new RegExp(`^  ${v.name} +${v.short}$`, 'm'));
    expect(r.stdout).toContain('Use "sim <command> --help" for more information about a given command.');
  });

  it('sim VERB --help prints the summary, flags and each usage form on its own line, and runs nothing', () => {
    const s = new Session();
    const before = s.sim.traceHash();
    const r = s.execLine('sim node --help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Add, fail or recover a node, or run a command on it\.\n\nOptions:\n/);
    expect(r.stdout).toContain("    --taints='':\n");
    expect(r.stdout).toContain('Usage:\n  sim node add NAME');
    expect(r.stdout).toContain('\n  sim node fail NAME\n');
    expect(s.sim.traceHash()).toBe(before);
    expect(s.execLine('sim advance -h').stdout).toBe('Run the simulation forward by a duration.\n\nUsage:\n  sim advance DURATION   (e.g. 500ms, 30s, 5m, 2h)\n');
  });

  it('a -h after -- belongs to the node command, not to sim', () => {
    const r = new Session().execLine('sim node exec node-1 -- ls -h /');
    expect(r.stdout).not.toContain('Usage:');
  });

  it('an unknown directive points at sim --help', () => {
    const r = new Session().execLine('sim nope');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('sim: unknown directive "nope" (one of: cluster, node,');
    expect(r.stderr).toContain('(sim --help describes them)');
  });
});
