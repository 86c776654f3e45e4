import { describe, expect, it } from 'vitest';
import { editLine, listCandidates, recallHistory, redraw, rowsBelowCursor, splitKeys, tabComplete, type LineState } from './line-editor.ts';

describe('splitting what xterm sends into keys', () => {
  it('reads printable runs, control keys and escape sequences in order', () => {
    expect(splitKeys('kubectl get po\t')).toEqual([{ kind: 'text', text: 'kubectl get po' }, { kind: 'tab' }]);
    expect(splitKeys('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOH\x1b[F\x1b[3~\x1b[1;5D')).toEqual(
      ['up', 'down', 'right', 'left', 'home', 'end', 'delete', 'word-left'].map((kind) => ({ kind })),
    );
    expect(splitKeys('\x03\x0c\x7f\x15\x17\x01\x05')).toEqual(['interrupt', 'clear-screen', 'backspace', 'kill-before', 'kill-word', 'home', 'end'].map((kind) => ({ kind })));
    expect(splitKeys('\x1b[2~')).toEqual([{ kind: 'ignored', seq: '\x1b[2~' }]);
  });

  it('turns a pasted block into lines and Enters (CRLF is one Enter)', () => {
    expect(splitKeys('a\rb\r\nc')).toEqual([{ kind: 'text', text: 'a' }, { kind: 'enter' }, { kind: 'text', text: 'b' }, { kind: 'enter' }, { kind: 'text', text: 'c' }]);
  });
});

describe('editing the line', () => {
  const at = (value: string, cursor = value.length): LineState => ({ value, cursor });
  it.each([
    [at('kubectl get', 8), { kind: 'text', text: 'x' }, at('kubectl xget', 9)],
    [at('abc', 1), { kind: 'backspace' }, at('bc', 0)],
    [at('abc', 0), { kind: 'backspace' }, at('abc', 0)],
    [at('abc', 1), { kind: 'delete' }, at('ac', 1)],
    [at('abc', 3), { kind: 'left' }, at('abc', 2)],
    [at('abc', 3), { kind: 'right' }, at('abc', 3)],
    [at('abc', 2), { kind: 'home' }, at('abc', 0)],
    [at('kubectl get pods', 16), { kind: 'word-left' }, at('kubectl get pods', 12)],
    [at('kubectl get pods', 0), { kind: 'word-right' }, at('kubectl get pods', 7)],
    [at('kubectl get pods', 12), { kind: 'kill-before' }, at('pods', 0)],
    [at('kubectl get pods', 7), { kind: 'kill-after' }, at('kubectl', 7)],
    [at('kubectl get pods '), { kind: 'kill-word' }, at('kubectl get ')],
  ] as const)('%j + %j', (state, key, next) => {
    expect(editLine(state, key)).toEqual(next);
  });
});

describe('history recall', () => {
  const history = ['a', 'b', 'c'];
  it('goes up from the line being typed and comes back to it', () => {
    const up1 = recallHistory(history, undefined, 'draft', -1)!;
    expect(up1.line).toBe('c');
    const up2 = recallHistory(history, up1.at, up1.line, -1)!;
    expect(up2.line).toBe('b');
    const down = recallHistory(history, up2.at, up2.line, 1)!;
    expect(down.line).toBe('c');
    expect(recallHistory(history, down.at, down.line, 1)!.line).toBe('draft');
    expect(recallHistory(history, undefined, 'x', 1)).toBeUndefined();
    expect(recallHistory([], undefined, 'x', -1)).toBeUndefined();
  });
});

describe('repainting the prompt in place', () => {
  it('backs up to the prompt, erases below, writes, and puts the cursor back', () => {
    expect(redraw('$ ', { value: 'kubectl', cursor: 7 }, 80, 0)).toEqual({ text: '\r\x1b[J$ kubectl\r\x1b[9C', cursorRow: 0 });
    expect(redraw('$ ', { value: 'kubectl', cursor: 0 }, 80, 0).text).toBe('\r\x1b[J$ kubectl\r\x1b[2C');
  });

  it('follows a line wrapped over rows', () => {
    // 2 + 15 = 17 cells in 8 columns: rows 0..2, end at row 2 col 1; cursor 4 → offset 6 (row 0).
    const r = redraw('$ ', { value: 'abcdefghijklmno', cursor: 4 }, 8, 1);
    expect(r).toEqual({ text: '\x1b[1A\r\x1b[J$ abcdefghijklmno\x1b[2A\r\x1b[6C', cursorRow: 0 });
    expect(rowsBelowCursor('$ ', { value: 'abcdefghijklmno', cursor: 4 }, 8)).toBe(2);
  });

  it('starts the next row when the line fills its last row exactly', () => {
    expect(redraw('$ ', { value: 'abcdef', cursor: 6 }, 8, 0)).toEqual({ text: '\r\x1b[J$ abcdef\r\n\r', cursorRow: 1 });
  });
});

describe('Tab, as bash does it', () => {
  const line = (value: string): LineState => ({ value, cursor: value.length });
  it('completes a single candidate with a space, but not after / or =', () => {
    expect(tabComplete(line('kubectl ro'), { word: 'ro', candidates: ['rollout'] }, false)).toEqual({ line: line('kubectl rollout '), bell: false });
    expect(tabComplete(line('kubectl get deployments/'), { word: 'deployments/', candidates: ['deployments/web'] }, false).line).toEqual(line('kubectl get deployments/web '));
    expect(tabComplete(line('kubectl get -o custom'), { word: 'custom', candidates: ['custom-columns='] }, false).line).toEqual(line('kubectl get -o custom-columns='));
  });

  it('extends to the common prefix, rings the bell when it cannot, and lists on the second Tab', () => {
    expect(tabComplete(line('kubectl get po'), { word: 'po', candidates: ['pods/web-1', 'pods/web-2'] }, false)).toEqual({ line: line('kubectl get pods/web-'), bell: false });
    expect(tabComplete(line('kubectl get dep'), { word: 'dep', candidates: ['deploy', 'deployments'] }, false)).toEqual({ line: line('kubectl get deploy'), bell: false });
    expect(tabComplete(line('kubectl get no'), { word: 'no', candidates: ['no', 'nodes'] }, false)).toEqual({ line: line('kubectl get no'), bell: true });
    expect(tabComplete(line('kubectl get no'), { word: 'no', candidates: ['no', 'nodes'] }, true)).toEqual({ line: line('kubectl get no'), list: ['no', 'nodes'], bell: false });
    expect(tabComplete(line('kubectl x'), { word: 'x', candidates: [] }, true)).toEqual({ line: line('kubectl x'), bell: true });
  });

  it('keeps what follows the cursor', () => {
    expect(tabComplete({ value: 'kubectl lo -n dev', cursor: 10 }, { word: 'lo', candidates: ['logs'] }, false).line).toEqual({ value: 'kubectl logs -n dev', cursor: 12 });
  });

  it('lists candidates in columns, down first, as wide as the longest plus two', () => {
    expect(listCandidates(['node-1', 'node-2', 'node-3'], 80)).toEqual(['node-1  node-2  node-3']);
    expect(listCandidates(['a', 'bb', 'ccc', 'd', 'e'], 11)).toEqual(['a    d', 'bb   e', 'ccc']);
    expect(listCandidates([], 80)).toEqual([]);
    expect(listCandidates(['a-very-long-candidate'], 5)).toEqual(['a-very-long-candidate']);
  });
});
