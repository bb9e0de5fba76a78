/**
 * What the review UI needs from the rest of threadmod, as interfaces: the
 * CLI wires in the real scorer, flagger and journal (backend.ts); tests can
 * wire in the same real modules on a small thread. The UI never imports them.
 */
import type { DecisionInput } from '../decisions/schema.js';
import type { DecisionState } from '../decisions/state.js';
import type { Flag } from '../flag/flag-schema.js';
import type { ScorerInfo } from '../flag/scorer.js';
import type { CommentAnalysis } from './state/types.js';

/** The part of the decisions journal the UI calls; each call resolves once it is on disk. */
export interface ReviewJournal {
  readonly state: DecisionState;
  decide(input: DecisionInput): Promise<unknown>;
  /** One bulk action: the decisions are written together and undone together. */
  decideBatch(inputs: readonly DecisionInput[]): Promise<unknown>;
  undo(): Promise<unknown>;
  redo(): Promise<unknown>;
}

export interface StartEvents {
  /** Model loading status, for the spinner. */
  onStatus(message: string): void;
  /** Things the moderator must see, e.g. the fallback to the lexicon scorer. */
  onWarning(message: string): void;
}

export interface ScanEvents {
  onFlag(flag: Flag): void;
  onProgress(done: number, total: number): void;
}

export interface StartedReview {
  readonly scorer: ScorerInfo;
  readonly journal: ReviewJournal;
  /** Journal warnings: a torn last line cut off, a different moderator or scorer. */
  readonly warnings: readonly string[];
}

export interface ScanResult {
  readonly flags: readonly Flag[];
  readonly analyses: ReadonlyMap<string, CommentAnalysis>;
}

export interface ReviewBackend {
  /** Loads the scorer, then opens (or resumes) the journal. */
  start(events: StartEvents): Promise<StartedReview>;
  /** Scores the thread; flags are reported as they are found. */
  scan(events: ScanEvents): Promise<ScanResult>;
  /** Writes the decisions file next to the dump; resolves to where, and how many decisions. */
  exportDecisions(): Promise<{ file: string; count: number }>;
  /** Frees the scorer and closes the journal. Safe to call at any point. */
  close(): Promise<void>;
}

/** What the status bar names: where things come from and where they go. */
export interface ReviewSources {
  readonly dumpFile: string;
  /** The rules file, or null for the built-in rules. */
  readonly rulesFile: string | null;
  readonly journalFile: string;
  readonly moderator: string;
}
