/**
 * go-yaml v2 emitter scalar analysis (`yaml_emitter_analyze_scalar`) and style selection
 * (`yaml_emitter_select_scalar_style`), working on Unicode code points.
 */

/** The scalar styles go-yaml can emit. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** What the analysis allows for one scalar value. */
export interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml `is_printable` (with unicode output on): code points ≥ U+10000 are not printable. */
export function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/** libyaml `is_break`: CR, LF, NEL, LS, PS. */
export function isBreak(ch: string | undefined): boolean {
  return ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function isBlankz(ch: string | undefined): boolean {
  return ch === undefined || isBlank(ch) || isBreak(ch) || ch === '\0';
}

interface Flags {
  block: boolean; // block indicators
  lineBreaks: boolean;
  special: boolean;
  leadingOrTrailing: boolean;
  trailingSpace: boolean;
  breakSpace: boolean;
  spaceBreak: boolean;
}

function indicatorAt(cps: string[], i: number, precededByWs: boolean): boolean {
  const ch = cps[i];
  const followedByWs = i + 1 >= cps.length || isBlank(cps[i + 1]);
  if (i === 0) {
    if ('#,[]{}&*!|>\'"%@`'.includes(ch)) return true;
    if (ch === '?' || ch === ':' || ch === '-') return followedByWs;
    return false;
  }
  if (ch === ':') return followedByWs;
  return ch === '#' && precededByWs;
}

function scan(cps: string[]): Flags {
  const f: Flags = {
    block: false,
    lineBreaks: false,
    special: false,
    leadingOrTrailing: false,
    trailingSpace: false,
    breakSpace: false,
    spaceBreak: false,
  };
  const head = cps.slice(0, 3).join('');
  if (head === '---' || head === '...') f.block = true;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  cps.forEach((ch, i) => {
    if (indicatorAt(cps, i, precededByWs)) f.block = true;
    if (!isPrintable(ch.codePointAt(0) ?? 0)) f.special = true;
    const edge = i === 0 || i === cps.length - 1;
    if (ch === ' ') {
      if (edge) f.leadingOrTrailing = true;
      if (i === cps.length - 1) f.trailingSpace = true;
      if (prevBreak) f.breakSpace = true;
      [prevSpace, prevBreak] = [true, false];
    } else if (isBreak(ch)) {
      f.lineBreaks = true;
      if (edge) f.leadingOrTrailing = true;
      if (prevSpace) f.spaceBreak = true;
      [prevSpace, prevBreak] = [false, true];
    } else {
      [prevSpace, prevBreak] = [false, false];
    }
    precededByWs = isBlankz(ch);
  });
  return f;
}

/** `yaml_emitter_analyze_scalar` for block context (flow-context permissions are never needed). */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value === '') {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  const f = scan([...value]);
  const a: ScalarAnalysis = { multiline: f.lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (f.leadingOrTrailing || f.lineBreaks || f.block) a.blockPlainAllowed = false;
  if (f.trailingSpace) a.blockAllowed = false;
  if (f.breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (f.spaceBreak || f.special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  return a;
}

/**
 * The style actually written, given the style the encoder asked for (`literal` for strings with
 * `\n`, `plain` when the text resolves to a string, `double` otherwise) and the context.
 */
export function selectScalarStyle(requested: ScalarStyle, a: ScalarAnalysis, simpleKey: boolean, empty: boolean): ScalarStyle {
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (empty && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}
