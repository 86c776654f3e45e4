import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';

describe('an unknown program in a script', () => {
  it('names every program a script can run', () => {
    const r = runScript('ls -l\n');
    expect(r.error).toBe('script:1: ls: command not found (commands are kubectl ..., sim ..., docker ... and cat > FILE <<EOF)');
  });
});
