/**
 * The real pipeline on the seed thread: the text parser, the built-in rules,
 * the lexicon scorer, the flagger and the journal, wired by the review's own
 * composition root (src/review/session.ts), on a copy of the thread in a temp folder.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { flagThread } from '../../../src/flag/flagger.js';
import { createLexiconScorer } from '../../../src/flag/lexicon/index.js';
import { loadRules } from '../../../src/flag/rules.js';
import type { ScorerChoice } from '../../../src/flag/scorers.js';
import { loadDump } from '../../../src/parse/index.js';
import { reviewThread, type BackendOptions } from '../../../src/review/backend.js';
import { openReviewSession } from '../../../src/review/session.js';
import type { ReviewBackend } from '../../../src/review/ports.js';
import type { Moderation } from '../../../src/review/state/types.js';
import type { Rule } from '../../../src/flag/rules-schema.js';
import type { Thread } from '../../../src/thread/schema.js';
import { REPO_ROOT } from '../../support/shared.js';
import { tempDir } from './fixture.js';

export const SEED = path.join(REPO_ROOT, 'threads/biden-netanyahu.lemmy.txt');

export interface SeedSession {
  readonly backend: ReviewBackend;
  readonly thread: Thread;
  readonly rules: readonly Rule[];
  readonly dumpFile: string;
  readonly journalFile: string;
  readonly exportFile: string;
  /** Post titles, reports and modlog of the dump, as `threadmod review` passes them. */
  readonly moderation: Moderation;
}

/** A copy of the seed thread in a fresh folder (or `dir`), for a journal of its own. */
export function seedCopy(dir = tempDir()): string {
  const file = path.join(dir, 'biden-netanyahu.lemmy.txt');
  copyFileSync(SEED, file);
  return file;
}

export interface SessionOptions {
  readonly journalFile?: string;
  /** Defaults to the lexicon through createScorer, as the CLI builds it. */
  readonly makeScorer?: BackendOptions['makeScorer'];
  /** The `--scorer` choice (default `lexicon`); `trained` loads the shipped model. */
  readonly scorer?: ScorerChoice;
}

/** The real review pipeline on any dump file: parser, built-in rules, flagger, journal. */
export async function dumpSession(dumpFile: string, options: SessionOptions = {}): Promise<SeedSession> {
  const session = await openReviewSession({
    dumpFile,
    journalFile: options.journalFile,
    moderator: 'mod',
    scorer: options.scorer ?? 'lexicon',
    makeScorer: options.makeScorer,
  });
  const { backend, thread, rules, journalFile, exportFile, moderation } = session;
  return { backend, thread, rules: rules.rules, dumpFile, journalFile, exportFile, moderation };
}

/** The seed thread (a fresh copy unless `dumpFile` is given) under the real pipeline. */
export async function seedSession(
  options: { dumpFile?: string; journalFile?: string; scorer?: ScorerChoice } = {},
): Promise<SeedSession> {
  return dumpSession(options.dumpFile ?? seedCopy(), { journalFile: options.journalFile, scorer: options.scorer });
}

export interface ExpectedRow {
  readonly commentId: string;
  readonly ruleId: string;
  readonly severity: number;
  /** The flag's drafted reason: what `r` then Enter records. */
  readonly reason: string;
  /** The evidence sentence with the highest score: what the queue quotes. */
  readonly evidence: string;
}

/**
 * What the queue should hold, worked out from the flagger directly (not from
 * the review's code): one row per flagged comment, its most severe flag,
 * most severe first, ties in reading order.
 */
export async function expectedQueue(dumpFile = SEED): Promise<ExpectedRow[]> {
  const { dump } = await loadDump(dumpFile);
  const thread = reviewThread(dump);
  const { flags } = await flagThread(thread, createLexiconScorer(), { rules: await loadRules(), includeMods: false });
  const order = new Map(thread.comments.map((c, i) => [c.id, i]));
  const top = new Map<string, (typeof flags)[number]>();
  for (const flag of flags) {
    const best = top.get(flag.commentId);
    if (!best || flag.severity > best.severity) top.set(flag.commentId, flag);
  }
  return [...top.values()]
    .sort((a, b) => b.severity - a.severity || order.get(a.commentId)! - order.get(b.commentId)!)
    .map((f) => {
      const strongest = [...f.evidence].sort(
        (a, b) => Math.max(...Object.values(b.scores)) - Math.max(...Object.values(a.scores)),
      )[0]!;
      return {
        commentId: f.commentId,
        ruleId: f.ruleId,
        severity: f.severity,
        reason: f.reason,
        evidence: strongest.text,
      };
    });
}
