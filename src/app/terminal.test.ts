import { describe, expect, it } from 'vitest';
import { readTypedCommand } from './terminal.ts';

describe('reading a command typed at the terminal', () => {
  it('runs a plain line as typed', () => {
    expect(readTypedCommand(['kubectl get pods -A'])).toEqual({ kind: 'run', line: 'kubectl get pods -A' });
    expect(readTypedCommand(["kubectl get pods -l 'app in (a,b)'"])).toEqual({ kind: 'run', line: "kubectl get pods -l 'app in (a,b)'" });
  });

  it('waits for a heredoc to close, then runs the command with its body as stdin', () => {
    expect(readTypedCommand(['kubectl apply -f - <<EOF'])).toEqual({ kind: 'more' });
    expect(readTypedCommand(['kubectl apply -f - <<EOF', 'kind: Pod', '  name: x'])).toEqual({ kind: 'more' });
    expect(readTypedCommand(['kubectl apply -f - <<EOF', 'kind: Pod', '', '  name: x', 'EOF'])).toEqual({
      kind: 'run',
      line: 'kubectl apply -f -',
      stdin: 'kind: Pod\n\n  name: x\n',
    });
    expect(readTypedCommand(["kubectl create -f - <<'END'", 'a: $HOME', 'END'])).toEqual({ kind: 'run', line: 'kubectl create -f -', stdin: 'a: $HOME\n' });
  });

  it('re-quotes words so the command line means the same', () => {
    expect(readTypedCommand(["kubectl label pod x 'a=b c' <<EOF", 'EOF'])).toEqual({ kind: 'run', line: "kubectl label pod x 'a=b c'", stdin: '' });
  });

  it('reports heredoc syntax it cannot take', () => {
    expect(readTypedCommand(['kubectl apply -f - <<<x'])).toMatchObject({ kind: 'error', message: expect.stringContaining('here-strings') });
    expect(readTypedCommand(['kubectl apply -f - <<'])).toMatchObject({ kind: 'error' });
    expect(readTypedCommand(['<<EOF', 'EOF'])).toEqual({ kind: 'empty' });
  });
});
