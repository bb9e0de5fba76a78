/**
 * The review session as plain data. Everything the screen shows (queue
 * order, filter, selection, mode, the reason being typed) is derived from
 * `ReviewState`, which only the pure reducer in reducer.ts changes.
 */
import type { Decision, DecisionInput } from '../../decisions/schema.js';
import type { Flag } from '../../flag/flag-schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { ScorerInfo } from '../../flag/scorer.js';
import type { ModlogEntry, Report, Thread } from '../../thread/schema.js';
import type { Keystroke } from '../keystroke.js';
import type { QueueRow } from './queue.js';
import type { TextField } from './text-field.js';
import type { BulkScope } from './bulk.js';

/** The flagger's per-comment analysis: every sentence, scored, quoted or not. */
export type { CommentAnalysis, SentenceAnalysis } from '../../flag/flagger.js';
import type { CommentAnalysis } from '../../flag/flagger.js';
import type { FormActionName } from '../../decisions/actions.js';

/** The journal's view of the decisions, copied after every write. */
export interface DecisionsSnapshot {
  readonly active: ReadonlyMap<string, Decision>;
  readonly undo: number;
  readonly redo: number;
}

export type Phase =
  | { readonly kind: 'loading'; readonly status: string }
  | { readonly kind: 'scanning'; readonly done: number; readonly total: number }
  | { readonly kind: 'ready' };

/** Actions with a decision form (src/decisions/actions.ts). */
export type FormAction = FormActionName;

/** `r`, `w`, `b` (and `a` off the queue): a rule, a text, and for bans a number of days. */
export interface DecisionForm {
  readonly kind: 'form';
  readonly action: FormAction;
  readonly commentId: string;
  /** Index into the session's rules, or -1 for "no rule" (approve only). */
  readonly ruleIndex: number;
  /** The reason (remove, approve, ban) or the reply to the author (warn). */
  readonly text: TextField;
  /** Once the moderator has typed in `text`, changing the rule no longer redrafts it. */
  readonly edited: boolean;
  /** Ban length; empty means permanent. */
  readonly days: TextField;
  readonly field: 'text' | 'days';
  /** The sentence quoted in drafts, or null when there is none. */
  readonly evidence: string | null;
  readonly error: string | null;
  /** A bulk removal (`R`, `D`): every comment it covers; null for the selected comment alone. */
  readonly scope: BulkScope | null;
}

export type Mode =
  | { readonly kind: 'browse' }
  /** `?`: scrolled `offset` rows down, of at most `max` (reported by the screen). */
  | { readonly kind: 'help'; readonly offset: number; readonly max: number }
  | { readonly kind: 'filter'; readonly draft: TextField; readonly previous: string }
  | DecisionForm;

export type Effect =
  | { readonly kind: 'decide'; readonly input: DecisionInput }
  /** A bulk removal: one journal batch; `label` names what it covers in the notice. */
  | { readonly kind: 'decide-batch'; readonly inputs: readonly DecisionInput[]; readonly label: string }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'export' }
  | { readonly kind: 'quit' };

/** An effect handed to the outside world; keys typed meanwhile wait in `typeahead`. */
export interface PendingEffect {
  readonly id: number;
  readonly effect: Effect;
  /** The mode to return to if the effect fails (the form, with what was typed). */
  readonly restore: Mode;
  /** Which view and comment the effect was asked from. */
  readonly view: ViewKind;
}

export type EffectResult =
  | { readonly kind: 'decisions'; readonly snapshot: DecisionsSnapshot }
  | { readonly kind: 'exported'; readonly file: string; readonly count: number }
  | { readonly kind: 'done' };

export type ViewKind = 'queue' | 'thread';

export interface Notice {
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

export interface ReviewState {
  readonly thread: Thread;
  readonly rules: readonly Rule[];
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly rows: readonly QueueRow[];
  readonly analyses: ReadonlyMap<string, CommentAnalysis>;
  readonly decisions: DecisionsSnapshot;
  /** The journal is open: decisions can be made. */
  readonly journalReady: boolean;
  readonly scorer: ScorerInfo | null;
  readonly phase: Phase;
  readonly view: ViewKind;
  readonly mode: Mode;
  readonly filter: string;
  /** Selected comment in the queue; null until the first flag is shown. */
  readonly queueSel: string | null;
  /** Selected comment in the whole-thread view. */
  readonly threadSel: string | null;
  /** Rows a page key moves by (the height of the list). */
  readonly pageSize: number;
  readonly pending: PendingEffect | null;
  readonly typeahead: readonly Keystroke[];
  readonly nextEffectId: number;
  readonly notice: Notice | null;
  /** Warnings that stay on screen (fallback scorer, journal repairs). */
  readonly warnings: readonly string[];
  /** `m`: the context pane shows the author's record and their other comments. */
  readonly memberView: boolean;
  /** How far the selected comment's body is scrolled (J/K), and how far it can go; reset on another comment. */
  readonly contextScroll: ContextScroll | null;
}

/** The context pane's scroll for one comment: `offset` from where the body opens, within [min, max]. */
export interface ContextScroll {
  readonly id: string;
  readonly offset: number;
  readonly min: number;
  readonly max: number;
  /** Rows one key moves (a window's worth, less one line kept for continuity). */
  readonly step: number;
}

/** What a dump fetched from Lemmy adds around the comments: post titles, members' reports, the modlog. */
export interface Moderation {
  /** Title of each post by Lemmy post id; the review shows it when the dump spans several posts. */
  readonly postTitles: ReadonlyMap<number, string>;
  readonly reports: readonly Report[];
  readonly modlog: readonly ModlogEntry[];
  /** Comments new since the journal's previous dump of the thread (marked `new` in the queue). */
  readonly newComments?: ReadonlySet<string>;
}

export type ReviewAction =
  | { readonly type: 'key'; readonly key: Keystroke }
  | { readonly type: 'status'; readonly message: string }
  | { readonly type: 'warning'; readonly message: string }
  | {
      readonly type: 'journal-opened';
      readonly scorer: ScorerInfo;
      readonly snapshot: DecisionsSnapshot;
    }
  | { readonly type: 'flags-found'; readonly flags: readonly Flag[] }
  | { readonly type: 'scan-progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'scan-done';
      readonly flags: readonly Flag[];
      readonly analyses: ReadonlyMap<string, CommentAnalysis>;
    }
  | { readonly type: 'effect-done'; readonly id: number; readonly result: EffectResult }
  | { readonly type: 'effect-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'resize'; readonly pageSize: number }
  /** The help screen laid out: how far it can scroll. */
  | { readonly type: 'help-extent'; readonly max: number }
  /** The context pane laid out the comment `id`: how far its body can scroll. */
  | {
      readonly type: 'context-extent';
      readonly id: string;
      readonly min: number;
      readonly max: number;
      readonly step: number;
    };
