/**
 * The labs' messages between the main thread and the worker (`{type:'lab', id, request}` →
 * `{type:'labResult', id, reply}` in protocol.ts). Types only: the labs' data, checks and the
 * share codec stay in the worker (src/app/labs/lab-controller.ts); the view gets plain text.
 */
import type { GoalResult, Lab, LabLevel } from '../../labs/types.ts';

/** One line of the course list. */
export interface LabSummary {
  /** Place in the course, 1-based. */
  number: number;
  id: string;
  title: string;
  level: LabLevel;
  seed: number;
}

/** The lab the live cluster runs now, with its variant's text (placeholders filled). */
export interface ActiveLab {
  /** A built-in lab's id, or the inline lab (a link or the builder made it). */
  source: string | Lab;
  id: string;
  title: string;
  level: LabLevel;
  seed: number;
  intro: string;
  steps: string[];
  hints: string[];
  /** Timed sim events, as "node-2 fails 2m after the start". */
  events: string[];
  /** The grading's settle time (`30s`). */
  settle: string;
  /** Simulated ms when the student's part began. */
  startMs: number;
}

/**
 * What the live cluster is: a lab, or the sandbox (the default cluster: the app opens on it, and
 * the Sandbox button starts it afresh). `none` is no longer reported by the worker.
 */
export interface LabState {
  mode: 'none' | 'sandbox' | 'lab';
  lab?: ActiveLab;
  /** Goals checked against the live cluster now (labs only). */
  goals: GoalResult[];
  /** The command log since the start, as the scenario script a link and the grader replay. */
  script: string;
  /** Simulated ms now, and since the lab started. */
  now: number;
  /** Set when the log cannot be replayed in full (time travel dropped its oldest commands). */
  logNote?: string;
  /** Sandbox: the `sim cluster` line the log starts from (absent: the default cluster). */
  cluster?: string;
  /** Sandbox: the seed of its cluster. */
  seed?: number;
}

/** The grader's report (play.ts GradeReport), as `podlab lab check` prints it. */
export interface LabGrade {
  labId: string;
  title: string;
  seed: number;
  goals: GoalResult[];
  passed: number;
  total: number;
  ok: boolean;
  traceHash: string;
  gradedAtMs: number;
  settle: string;
  error?: string;
  /** formatReport's text. */
  text: string;
}

/** What the student's progress autosave holds for a lab (autosave.ts checks it). */
export interface SavedProgress {
  v: 1;
  lab: string | Lab;
  seed: number;
  script: string;
}

/**
 * The sandbox session's autosave: its seed, the `sim cluster` line its cluster came from (if
 * any), and the command log since, replayed on reload.
 */
export interface SavedSandbox {
  v: 1;
  sandbox: true;
  seed: number;
  cluster?: string;
  script: string;
}

/** What a reload restores: a lab's progress or the sandbox session. */
export type SavedSession = SavedProgress | SavedSandbox;

export type LabRequest =
  | { kind: 'catalog' }
  /** Starts a lab for `seed`: the live cluster becomes its start state, with a new history. */
  | { kind: 'start'; lab: string | Lab; seed: number }
  /** The default cluster, no goals. */
  | { kind: 'sandbox' }
  /** The lab state now: goals against the live cluster, the command log. */
  | { kind: 'status' }
  /** Grades the command log in a fresh copy of the lab (setup, log, settle, goals), as `podlab lab check`. */
  | { kind: 'grade' }
  /** A share link (`v1.…`) for the lab, seed and command log. */
  | { kind: 'share' }
  /** Opens a share link: decode (untrusted), start its lab, replay its script. A bad link changes nothing. */
  | { kind: 'open'; link: string }
  /** Restores an autosaved session: a lab's progress (as a link's payload: lab, seed, script) or the sandbox. */
  | { kind: 'restore'; saved: SavedSession }
  /**
   * Checks an exported progress file (untrusted: progress-file.ts, then every lab and script as
   * a link's are) and restores its current session, if it has one. A bad file changes nothing.
   */
  | { kind: 'import'; text: string }
  /** Lab builder: checks goals (YAML list) against the live cluster now. */
  | { kind: 'testGoals'; goalsYaml: string }
  /** Lab builder: a lab from the current cluster and the draft, as YAML and as a link. */
  | { kind: 'build'; draft: LabDraft }
  /**
   * Grades `script` for a built-in lab in a fresh simulation, as `podlab grade LAB FILE --seed N
   * --json` does (the live cluster is not touched): the report as that JSON line.
   */
  | { kind: 'gradeScript'; lab: string; seed: number; script: string };

/** The lab builder's form. */
export interface LabDraft {
  id: string;
  title: string;
  level: LabLevel;
  intro: string;
  steps: string[];
  hints: string[];
  /** The goals as YAML (a list of {id, title, check}). */
  goalsYaml: string;
}

/**
 * All of a student's progress as a file (progress-file.ts): the session a reload restores, the
 * latest progress of every lab started, the sandbox session, and the builder's drafts.
 */
export interface ProgressFile {
  format: 'podlab-progress';
  v: 1;
  current: SavedSession | null;
  labs: SavedProgress[];
  sandbox: SavedSandbox | null;
  drafts: LabDraft[];
}

export type LabReply =
  | { kind: 'catalog'; labs: LabSummary[] }
  | { kind: 'state'; state: LabState; output?: string }
  | { kind: 'grade'; grade: LabGrade }
  | { kind: 'link'; link: string }
  | { kind: 'goals'; goals: GoalResult[] }
  | { kind: 'built'; yaml: string; link: string }
  /** An imported progress file, checked (and its current session restored: `state`). */
  | { kind: 'imported'; file: ProgressFile; state?: LabState; output?: string }
  /** `podlab grade --json`'s line (JSON of play.ts GradeReport), byte for byte. */
  | { kind: 'report'; json: string; ok: boolean }
  /** kubectl-style: `error: invalid share link: …`. */
  | { kind: 'error'; message: string };
