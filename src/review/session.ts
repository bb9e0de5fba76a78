/**
 * The composition root of a review: reads the rules and the dump, ties the
 * journal to the dump's bytes, and wires the real scorer, flagger, journal
 * and export into the backend the UI drives. The CLI (`run.tsx`), the tests
 * and the TUI benchmark all open a session here, so they run the same wiring.
 */
import { existsSync } from 'node:fs';
import { identify, type IdentityIndex } from '../decisions/comment-identity.js';
import { defaultJournalPath, followDump, readJournal } from '../decisions/journal.js';
import { newSince } from '../decisions/redump.js';
import { assertNotLocked, refuseSymlink } from '../decisions/journal-lock.js';
import type { DumpRef } from '../decisions/schema.js';
import { flagThread } from '../flag/flagger.js';
import { loadRules } from '../flag/rules.js';
import type { RulesFile } from '../flag/rules-schema.js';
import { createScorer, type BackendChoice, type ScorerChoice } from '../flag/scorers.js';
import { sha256File } from '../io/sha256.js';
import type { ParsedDump } from '../parse/formats.js';
import { loadDump } from '../parse/load-dump.js';
import type { DumpFormat, Thread } from '../thread/schema.js';
import { createReviewBackend, defaultExportPath, reviewThread, type FlagThread, type MakeScorer } from './backend.js';
import { moderationOf } from './moderation.js';
import type { ReviewBackend, ReviewSources } from './ports.js';
import type { Moderation } from './state/types.js';

export interface ReviewSessionOptions {
  readonly dumpFile: string;
  readonly format?: DumpFormat | undefined;
  /** The dump already parsed (tests and benches that build a thread); default: read and parse `dumpFile`. */
  readonly parsed?: ParsedDump | undefined;
  /** A rules file; the built-in rules when absent. */
  readonly rulesFile?: string | undefined;
  /** Rules already loaded, in place of `rulesFile` (tests). */
  readonly rules?: RulesFile | undefined;
  /** The journal; `<dump>.decisions.jsonl` when absent. */
  readonly journalFile?: string | undefined;
  readonly moderator: string;
  readonly includeMods?: boolean | undefined;
  readonly scorer?: ScorerChoice | undefined;
  readonly backend?: BackendChoice | undefined;
  readonly modelDir?: string | undefined;
  readonly trainedModel?: string | undefined;
  /** Replaces the scorer `scorer` names (tests pace or fake it). */
  readonly makeScorer?: MakeScorer | undefined;
  /** Replaces the flagger (tests that must not depend on what a scorer finds). */
  readonly flagThread?: FlagThread | undefined;
}

export interface ReviewSession {
  readonly backend: ReviewBackend;
  readonly thread: Thread;
  /** Post titles, members' reports and the modlog the dump carries. */
  readonly moderation: Moderation;
  readonly rules: RulesFile;
  readonly dump: DumpRef;
  readonly journalFile: string;
  /** Where `x` writes the decisions file. */
  readonly exportFile: string;
  /** What the status bar names. */
  readonly sources: ReviewSources;
  /** The `--scorer` asked for: the lexicon is a fallback unless asked for. */
  readonly requestedScorer: ScorerChoice;
  /** Comments new since the journal's previous dump of the thread (a re-fetch brought them). */
  readonly newComments: ReadonlySet<string>;
}

/**
 * Refuses, before any model loads, a journal that is a link, is being
 * written, or belongs to another thread (or cannot follow this dump of it).
 * Resolves to the comments that are new since the journal's previous dump.
 */
async function refuseOtherDump(journalFile: string, dump: DumpRef, identities: IdentityIndex): Promise<Set<string>> {
  // Another session writing it, or a link: refused here in one line, before the screen changes.
  await refuseSymlink(journalFile);
  await assertNotLocked(journalFile);
  if (!existsSync(journalFile)) return new Set();
  const contents = await readJournal(journalFile);
  followDump(journalFile, contents, dump, identities);
  return newSince(contents.dumps, dump, identities);
}

/** Everything that can be refused (a bad dump, bad rules, another dump's journal) is refused here, before any UI. */
export async function openReviewSession(options: ReviewSessionOptions): Promise<ReviewSession> {
  const rules = options.rules ?? (await loadRules(options.rulesFile));
  const parsed = options.parsed ?? (await loadDump(options.dumpFile, options.format));
  const dump: DumpRef = {
    file: options.dumpFile,
    sha256: await sha256File(options.dumpFile),
    format: parsed.dump.format,
  };
  const journalFile = options.journalFile ?? defaultJournalPath(options.dumpFile);
  const identities = identify(parsed.dump);
  const newComments = await refuseOtherDump(journalFile, dump, identities);

  const requestedScorer = options.scorer ?? 'auto';
  const thread = reviewThread(parsed.dump);
  const { moderation, reportFlags } = moderationOf(parsed.dump);
  const exportFile = defaultExportPath(options.dumpFile);
  const rulesFile = options.rules ? null : (options.rulesFile ?? null);
  const backend = createReviewBackend({
    dump,
    parsed,
    thread,
    rules,
    rulesFile,
    journalFile,
    identities,
    moderator: options.moderator,
    includeMods: options.includeMods ?? false,
    exportFile,
    makeScorer:
      options.makeScorer ??
      ((events) =>
        createScorer({
          scorer: requestedScorer,
          backend: options.backend,
          modelDir: options.modelDir,
          trainedModel: options.trainedModel,
          onStatus: events.onStatus,
          onWarning: events.onWarning,
        })),
    flagThread: options.flagThread ?? flagThread,
    extraFlags: reportFlags,
  });
  return {
    backend,
    thread,
    moderation: { ...moderation, newComments },
    rules,
    dump,
    journalFile,
    exportFile,
    sources: { dumpFile: options.dumpFile, rulesFile, journalFile, moderator: options.moderator },
    requestedScorer,
    newComments,
  };
}
