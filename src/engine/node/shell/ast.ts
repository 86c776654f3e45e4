/**
 * The syntax tree of a shell script, as plain JSON. Nodes live in one flat table and refer to
 * each other by index, so the interpreter's continuation stack can point into the tree with
 * numbers and the whole state survives `JSON.parse(JSON.stringify(state))`.
 */

/** A piece of a word. `q` is true when the piece was quoted (it is then never field-split). */
export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'param'; name: string; op?: ParamOp; arg?: Word; q: boolean }
  | { t: 'cmdsub'; src: string; q: boolean };

/** `${VAR:-x}` and friends; `len` is `${#VAR}`. */
export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | 'len';

export interface Word {
  parts: WordPart[];
}

/** `2>&1` is `{fd: 2, op: '>&', target: '1'}`. */
export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&';
  target: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export type NodeId = number;

export type ShNode =
  | { t: 'list'; items: NodeId[] }
  | { t: 'andor'; first: NodeId; rest: Array<{ op: '&&' | '||'; id: NodeId }> }
  | { t: 'pipe'; bang: boolean; cmds: NodeId[] }
  | { t: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[]; line: number }
  | { t: 'group'; body: NodeId; subshell: boolean; redirs: Redir[] }
  | { t: 'if'; clauses: Array<{ cond: NodeId; body: NodeId }>; elseBody: NodeId | null; redirs: Redir[] }
  | { t: 'loop'; until: boolean; cond: NodeId; body: NodeId; redirs: Redir[] }
  | { t: 'for'; name: string; words: Word[] | null; body: NodeId; redirs: Redir[] }
  /** bash's `[[ ... ]]` (cond.ts). */
  | { t: 'cond'; items: CondItem[]; line: number };

/** One piece of a `[[ ... ]]` expression: a word (operands and `==`, `-n`, `!`...) or `&&` `||` `(` `)`. */
export type CondItem = { w: Word } | { op: '&&' | '||' | '(' | ')' };

/** A parsed script: the node table and the id of its top-level list. */
export interface Program {
  nodes: ShNode[];
  root: NodeId;
}

/** Why a script did not parse; the dialect words the message (see messages.ts). */
export type SyntaxProblem =
  | { kind: 'unexpected'; token: TokenName; expecting?: string; line: number }
  | { kind: 'unterminated'; what: 'quote' | 'subst'; line: number };

/**
 * A token as shells name it in messages: `eof` and `newline` and `word` are printed bare,
 * operators and keywords quoted.
 */
export type TokenName = { t: 'eof' } | { t: 'newline' } | { t: 'word'; text: string } | { t: 'op'; text: string };

/** A word made of one literal, quoted piece: argv given without a shell is never expanded. */
export function literalWord(text: string): Word {
  return { parts: [{ t: 'lit', v: text, q: true }] };
}
