/**
 * The terminal screen: xterm.js running a bash-like prompt over the shared command layer. Loaded
 * on demand (a chunk of its own, with xterm and its stylesheet), so the app's first script stays
 * small. The keys xterm reports go through line-editor.ts; Enter hands the line to terminal.ts
 * (history, heredocs, `kubectl edit`), which runs it through the bridge; output is written as it
 * comes (a live `kubectl get -w` streams until Ctrl+C). Keys typed while a command runs wait
 * their turn, as a shell's type-ahead does, so a pasted block runs line by line.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { complete, interrupt } from '../bridge.ts';
import { editLine, listCandidates, recallHistory, redraw, rowsBelowCursor, splitKeys, tabComplete, type HistoryCursor, type Key, type LineState } from '../line-editor.ts';
import { selectPlaying } from '../state/cluster.ts';
import { appStore } from '../state/store.ts';
import { selectNotices } from '../state/ui.ts';
import { abandonPending, submitCommand, type Submitted } from '../terminal.ts';

const PROMPT = '$ ';
const CONTINUE = '> ';
const WELCOME = ['Live cluster, seed 1.', 'Try kubectl get nodes, sim advance 5m or help.'];

const SGR = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
};

/** Minimal colour for output: kubectl's error lines red, warnings yellow; everything else as printed. */
export function colourOutput(text: string): string {
  return text.replace(/^(error: |Error from server|error when |The \S+ "[^"]*" is invalid|Warning: )[^\n]*/gm, (line) =>
    line.startsWith('Warning: ') ? `${SGR.yellow}${line}${SGR.reset}` : `${SGR.red}${line}${SGR.reset}`,
  );
}

export interface ShellHandle {
  focus(): void;
  /** Re-reads the theme's colours (after a theme switch). */
  restyle(): void;
  dispose(): void;
}

/** Opens xterm in `host` and starts the prompt. */
export function openShell(host: HTMLElement): ShellHandle {
  const term = new Terminal({
    screenReaderMode: true,
    convertEol: true,
    cursorBlink: true,
    scrollback: 5000,
    fontFamily: cssVar(host, '--font-mono') || 'monospace',
    fontSize: Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.9),
    lineHeight: 1.15,
    theme: themeFrom(host),
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  // The accessible name the prompt had before xterm: tests and screen readers know it as "Command".
  term.textarea?.setAttribute('aria-label', 'Command');
  const shell = new Shell(term, host);
  const resize = new ResizeObserver(() => {
    if (host.clientWidth === 0 || host.clientHeight === 0) return;
    const cols = term.cols;
    fit.fit();
    if (term.cols !== cols) shell.reflow();
  });
  resize.observe(host);
  fit.fit();
  shell.start();
  return {
    focus: () => term.focus(),
    restyle: () => {
      term.options.theme = themeFrom(host);
    },
    dispose: () => {
      shell.stop();
      resize.disconnect();
      term.dispose();
    },
  };
}

class Shell {
  private line: LineState = { value: '', cursor: 0 };
  private cursorRow = 0;
  private history: HistoryCursor | undefined;
  private busy = false;
  /** Keys typed while a command ran, handled once it ends. */
  private typeahead: Key[] = [];
  private lastKeyWasTab = false;
  private completing = false;
  private noticesShown = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly host: HTMLElement,
  ) {}

  start(): void {
    this.term.attachCustomKeyEventHandler((e) => {
      // Copy and paste go to the browser: Ctrl+C copies when text is selected (else it interrupts), Ctrl+V pastes.
      if (e.type === 'keydown' && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && this.term.hasSelection()) return false;
      if (e.type === 'keydown' && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'v') return false;
      return true;
    });
    this.term.onData((data) => this.receive(splitKeys(data)));
    for (const line of WELCOME) this.term.writeln(`${SGR.dim}${line}${SGR.reset}`);
    this.showPrompt();
    this.showNotices();
    this.unsubscribe = appStore.subscribe(() => this.showNotices());
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Notices not printed yet, above the prompt and the line being typed (after a running command ends). */
  private showNotices(): void {
    const notices = selectNotices(appStore.getState());
    if (this.busy || notices.length === this.noticesShown) return;
    if (this.cursorRow > 0) this.term.write(`\x1b[${this.cursorRow}A`);
    this.term.write('\r\x1b[J');
    for (const text of notices.slice(this.noticesShown)) this.term.write(`${SGR.dim}${text}${SGR.reset}\r\n`);
    this.noticesShown = notices.length;
    this.showPrompt();
  }

  /** After a resize the old wrap is gone: repaint the prompt on a fresh row. */
  reflow(): void {
    if (this.busy) return;
    this.cursorRow = 0;
    this.paint();
  }

  private get prompt(): string {
    return appStore.getState().pendingLines.length > 0 ? CONTINUE : PROMPT;
  }

  private receive(keys: Key[]): void {
    for (const key of keys) {
      if (this.busy || this.completing) {
        if (key.kind === 'interrupt' && this.busy) {
          this.typeahead = [];
          this.term.write('^C');
          interrupt();
        } else {
          this.typeahead.push(key);
        }
        continue;
      }
      this.handle(key);
    }
  }

  private handle(key: Key): void {
    const wasTab = this.lastKeyWasTab;
    this.lastKeyWasTab = key.kind === 'tab';
    switch (key.kind) {
      case 'enter':
        void this.submit();
        return;
      case 'interrupt':
        // As bash: ^C, a new prompt; an unfinished heredoc is abandoned.
        this.endLine('^C');
        abandonPending();
        this.resetLine();
        this.showPrompt();
        return;
      case 'clear-screen':
        this.clearScreen();
        return;
      case 'up':
      case 'down': {
        const recalled = recallHistory(appStore.getState().history, this.history, this.line.value, key.kind === 'up' ? -1 : 1);
        if (!recalled) return this.bell();
        this.history = recalled.at;
        this.setLine({ value: recalled.line, cursor: recalled.line.length });
        return;
      }
      case 'tab':
        if (appStore.getState().pendingLines.length > 0) return; // no completion inside a heredoc
        void this.complete(wasTab);
        return;
      case 'eof':
        if (this.line.value === '') return this.bell();
        break;
      case 'ignored':
        return;
    }
    this.history = key.kind === 'text' || key.kind === 'backspace' || key.kind.startsWith('kill') || key.kind === 'delete' ? undefined : this.history;
    this.setLine(editLine(this.line, key));
  }

  private async submit(): Promise<void> {
    const input = this.line.value;
    this.endLine('');
    this.resetLine();
    this.busy = true;
    let written = '';
    let outcome: Submitted;
    try {
      let streaming = false;
      outcome = await submitCommand(input, (text) => {
        written += text;
        this.term.write(colourOutput(text));
        // A live watch follows the cluster's clock: say so when it stands still (not part of the output).
        if (!streaming && !selectPlaying(appStore.getState())) this.term.write(`${SGR.dim}(clock paused: Play or Step moves it; Ctrl+C stops)${SGR.reset}\r\n`);
        streaming = true;
      });
    } catch (e) {
      outcome = { kind: 'done', output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
    }
    if (outcome.kind === 'cleared') this.term.clear();
    if (outcome.kind === 'done') {
      const rest = outcome.output.startsWith(written) ? outcome.output.slice(written.length) : outcome.output;
      this.term.write(colourOutput(rest));
    }
    // A watch stopped with ^C leaves the cursor after it; output without a final newline too. Keys
    // typed meanwhile keep queueing until the prompt is back, so they are handled in order.
    this.term.write('', () => {
      if (this.term.buffer.active.cursorX > 0) this.term.write('\r\n');
      this.busy = false;
      this.showPrompt();
      this.showNotices();
      this.drainTypeahead();
    });
  }

  private drainTypeahead(): void {
    while (this.typeahead.length > 0 && !this.busy && !this.completing) this.handle(this.typeahead.shift()!);
  }

  private async complete(repeated: boolean): Promise<void> {
    const before = this.line;
    this.completing = true;
    let completion;
    try {
      completion = await complete(before.value.slice(0, before.cursor));
    } catch {
      completion = { word: '', candidates: [] };
    }
    this.completing = false;
    const outcome = tabComplete(before, completion, repeated);
    if (outcome.list) {
      this.lastKeyWasTab = false;
      this.endLine('');
      for (const l of listCandidates(outcome.list, this.term.cols)) this.term.write(`${l}\r\n`);
      this.cursorRow = 0;
      this.paint();
    } else if (outcome.bell) {
      this.bell();
    } else {
      this.setLine(outcome.line);
    }
    this.drainTypeahead();
  }

  private setLine(line: LineState): void {
    this.line = line;
    this.paint();
  }

  private resetLine(): void {
    this.line = { value: '', cursor: 0 };
    this.history = undefined;
    this.cursorRow = 0;
  }

  private showPrompt(): void {
    this.cursorRow = 0;
    this.paint();
  }

  private paint(): void {
    const prompt = this.prompt;
    const r = redraw(prompt, this.line, this.term.cols, this.cursorRow);
    this.cursorRow = r.cursorRow;
    // The prompt sign in the accent colour, as the old prompt drew it.
    const coloured = r.text.replace(`\x1b[J${prompt}`, `\x1b[J${SGR.bold}${SGR.blue}${prompt.trimEnd()}${SGR.reset} `);
    this.term.write(coloured);
    // The line being typed, for tests and tools (the screen itself trims trailing spaces).
    this.host.dataset.line = this.line.value;
  }

  /** Moves below the line as typed (plus `mark`, as ^C), ready for output. */
  private endLine(mark: string): void {
    const below = rowsBelowCursor(this.prompt, this.line, this.term.cols);
    this.term.write(`${below > 0 ? `\x1b[${below}B` : ''}${mark}\r\n`);
    this.host.dataset.line = '';
  }

  private clearScreen(): void {
    // The prompt's row becomes the first; the rest of the screen and the scrollback go.
    if (this.cursorRow > 0) this.term.write(`\x1b[${this.cursorRow}A`);
    this.cursorRow = 0;
    this.term.clear();
    this.paint();
  }

  private bell(): void {
    this.term.write('\x07');
  }
}

function cssVar(el: HTMLElement, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

/** The theme's colours, resolved (light-dark() tokens) through a probe element. */
function themeFrom(host: HTMLElement): ITheme {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  const colour = (value: string): string => {
    probe.style.color = value;
    return getComputedStyle(probe).color;
  };
  const theme: ITheme = {
    background: colour('var(--surface-2)'),
    foreground: colour('var(--text)'),
    cursor: colour('var(--accent)'),
    cursorAccent: colour('var(--surface-2)'),
    selectionBackground: colour('var(--accent-soft)'),
    selectionForeground: colour('var(--text)'),
    blue: colour('var(--accent)'),
    brightBlue: colour('var(--accent)'),
    red: colour('var(--bad)'),
    brightRed: colour('var(--bad)'),
    yellow: colour('var(--wait)'),
    green: colour('var(--ok)'),
    brightBlack: colour('var(--muted)'),
  };
  probe.remove();
  return theme;
}
