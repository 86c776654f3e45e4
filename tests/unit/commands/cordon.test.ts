/**
 * `kubectl cordon` / `kubectl uncordon`: every message and error as kubectl v1.31 prints it
 * (pkg/cmd/drain/drain.go, pkg/drain/cordon.go). The expected texts were taken from a real kubectl
 * v1.31.9 run against a stub API server: the node lookup fails before anything changes, `already`
 * for a node in the wanted state, dry-run suffixes, and a failed write reported without failing.
 */
import { describe, expect, it, vi } from 'vitest';
import { conflict, CONFLICT_MODIFIED } from '../../../src/engine/api/errors.ts';
import type { Node } from '../../../src/engine/api/types.ts';
import { testBed } from './harness.ts';

/** n1 (pool=a), n2 (pool=b), n3 (pool=a, cordoned); pod p1 in default. */
function bed() {
  const b = testBed();
  b.sim.addNode('n1', { labels: { pool: 'a' } });
  b.sim.addNode('n2', { labels: { pool: 'b' } });
  b.sim.addNode('n3', { labels: { pool: 'a' } });
  b.sim.store.patch('nodes', '', 'n3', 'merge', { spec: { unschedulable: true } });
  b.sim.addPod('p1');
  return b;
}

const spec = (b: ReturnType<typeof testBed>, node: string) => b.sim.store.get<Node>('nodes', '', node).spec;

describe('kubectl cordon / uncordon', () => {
  it('cordon sets spec.unschedulable; a second time says `already cordoned`', () => {
    const b = bed();
    const r = b.run('kubectl cordon n1');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['node/n1 cordoned\n', '', 0]);
    expect(spec(b, 'n1').unschedulable).toBe(true);
    expect(b.run('kubectl cordon n1').stdout).toBe('node/n1 already cordoned\n');
    expect(b.run('kubectl get nodes n1').stdout).toContain('Ready,SchedulingDisabled');
  });

  it('uncordon removes the field; a second time says `already uncordoned`', () => {
    const b = bed();
    expect(b.run('kubectl uncordon n3').stdout).toBe('node/n3 uncordoned\n');
    expect(spec(b, 'n3')).not.toHaveProperty('unschedulable');
    expect(b.run('kubectl uncordon n3').stdout).toBe('node/n3 already uncordoned\n');
  });

  it('several names, TYPE/NAME, and -l', () => {
    const b = bed();
    expect(b.run('kubectl cordon n1 node/n2').stdout).toBe('node/n1 cordoned\nnode/n2 cordoned\n');
    expect(b.run('kubectl uncordon -l pool=a').stdout).toBe('node/n1 uncordoned\nnode/n3 uncordoned\n');
    expect(spec(b, 'n2').unschedulable).toBe(true);
    const none = b.run('kubectl uncordon -l pool=zzz');
    expect([none.stdout, none.stderr, none.exitCode]).toEqual(['', '', 0]);
    // An empty selector next to a name selects nothing extra: the name is used.
    expect(b.run("kubectl uncordon n2 -l ''").stdout).toBe('node/n2 uncordoned\n');
  });

  it('--dry-run=client and =server say so and change nothing', () => {
    const b = bed();
    expect(b.run('kubectl cordon n1 --dry-run=client').stdout).toBe('node/n1 cordoned (dry run)\n');
    expect(b.run('kubectl cordon n3 --dry-run=client').stdout).toBe('node/n3 already cordoned (dry run)\n');
    expect(b.run('kubectl uncordon n3 --dry-run=server').stdout).toBe('node/n3 uncordoned (server dry run)\n');
    expect(spec(b, 'n1').unschedulable).toBeUndefined();
    expect(spec(b, 'n3').unschedulable).toBe(true);
  });

  it('a write that fails is reported on stderr and the command goes on, exiting 0', () => {
    const b = bed();
    const patch = b.sim.store.patch.bind(b.sim.store);
    vi.spyOn(b.sim.store, 'patch').mockImplementation((rt, ns, name, type, body, opts) => {
      if (name === 'n1') throw conflict({ group: '', resource: 'nodes' }, name, CONFLICT_MODIFIED);
      return patch(rt, ns, name, type, body, opts);
    });
    const r = b.run('kubectl cordon n1 n2');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual([
      'node/n2 cordoned\n',
      'error: unable to cordon node "n1": Operation cannot be fulfilled on nodes "n1": the object has been modified; please apply your changes to the latest version and try again\n',
      0,
    ]);
  });

  const errors: { line: string; stderr: string }[] = [
    { line: 'kubectl cordon', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n" },
    { line: 'kubectl uncordon', stderr: "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n" },
    {
      line: 'kubectl cordon n1 -l a=b',
      stderr: "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n",
    },
    {
      line: "kubectl cordon -l ''",
      stderr:
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    },
    { line: 'kubectl cordon n1 --dry-run=bogus', stderr: 'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n' },
    { line: 'kubectl cordon nope', stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
    // The first failed lookup ends the command: n1 is not cordoned either.
    { line: 'kubectl cordon n1 nope', stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
    { line: 'kubectl cordon nope n1', stderr: 'Error from server (NotFound): nodes "nope" not found\n' },
    { line: 'kubectl cordon nodes n1', stderr: 'Error from server (NotFound): nodes "nodes" not found\n' },
    { line: 'kubectl cordon n1 extra-', stderr: 'Error from server (NotFound): nodes "extra-" not found\n' },
    { line: 'kubectl cordon pod/p1', stderr: 'error: expected resource of type node, got "/v1, Resource=pods"\n' },
    { line: 'kubectl cordon pod/zz', stderr: 'Error from server (NotFound): pods "zz" not found\n' },
    { line: 'kubectl cordon bogus/x', stderr: 'error: the server doesn\'t have a resource type "bogus"\n' },
    { line: 'kubectl cordon n1 -o yaml', stderr: "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl cordon --help' for usage.\n" },
  ];
  for (const c of errors) {
    it(c.line, () => {
      const b = bed();
      const r = b.run(c.line);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
      expect(spec(b, 'n1').unschedulable).toBeUndefined();
    });
  }

  it('-h is --help (the text itself is checked against kubectl v1.31 in help.test.ts)', () => {
    const b = testBed();
    expect(b.run('kubectl uncordon -h').stdout).toBe(b.run('kubectl uncordon --help').stdout);
    expect(b.run('kubectl cordon --help').stdout.startsWith('Mark node as unschedulable.\n')).toBe(true);
  });

  it('kubectl lists the verbs; a near miss is suggested', () => {
    const b = testBed();
    expect(b.run('kubectl').stdout).toContain('  cordon          Mark node as unschedulable\n  uncordon        Mark node as schedulable\n  drain           Drain node in preparation for maintenance\n  taint           Update the taints on one or more nodes\n');
    expect(b.run('kubectl cordn n1').stderr).toBe('error: unknown command "cordn" for "kubectl"\n\nDid you mean this?\n\tcordon\n');
  });
});
