/**
 * The review's backend on the real modules: the scorer (model or lexicon),
 * the flagger, the decisions journal and the export. The scorer factory and
 * the flagger are passed in, so the same code runs in the CLI and in tests
 * (which pass the real ones too, on small threads).
 */
import path from 'node:path';
import type { IdentityIndex } from '../decisions/comment-identity.js';
import { Journal } from '../decisions/journal.js';
import type { DumpRef } from '../decisions/schema.js';
import type { Flag } from '../flag/flag-schema.js';
import type { flagThread } from '../flag/flagger.js';
import { rulesForScorer } from '../flag/rules.js';
import type { RulesFile } from '../flag/rules-schema.js';
import type { Scorer } from '../flag/scorer.js';
import type { ParsedDump } from '../parse/formats.js';
import { emptyPost, type Dump, type Thread } from '../thread/schema.js';
import type { ReviewBackend, ScanEvents, ScanResult, StartEvents, StartedReview } from './ports.js';

/** The flagger (src/flag/flagger.ts); passed in so tests can pace a scan. */
export type FlagThread = typeof flagThread;

/** Makes the scorer; `createScorer` in src/flag/scorers.ts with the command's options bound. */
export type MakeScorer = (events: StartEvents) => Promise<Scorer>;

export interface BackendOptions {
  readonly dump: DumpRef;
  /** The parsed dump: the export is built from it and the journal in memory. */
  readonly parsed: ParsedDump;
  readonly thread: Thread;
  readonly rules: RulesFile;
  readonly rulesFile: string | null;
  readonly journalFile: string;
  /** The dump's comment identities: decisions record them, and a journal of an earlier dump is carried over. */
  readonly identities?: IdentityIndex;
  readonly moderator: string;
  readonly includeMods: boolean;
  /** Where `x` writes the decisions file. */
  readonly exportFile: string;
  readonly makeScorer: MakeScorer;
  readonly flagThread: FlagThread;
  /** Flags from outside the scorer (members' reports), queued before scoring starts. */
  readonly extraFlags?: readonly Flag[];
}

/** `<dump>.decisions.json`, beside the dump and its journal. */
export function defaultExportPath(dumpFile: string): string {
  return path.join(path.dirname(dumpFile), `${path.basename(dumpFile)}.decisions.json`);
}

/**
 * One thread to review. A Lemmy comment list can span posts: their comments
 * are reviewed together (each keeps its own path), under the first post.
 */
export function reviewThread(dump: Dump): Thread {
  const [first, ...rest] = dump.posts;
  if (!first) return { post: emptyPost(), comments: [] };
  if (rest.length === 0) return first;
  return { post: first.post, comments: dump.posts.flatMap((t) => t.comments) };
}

/**
 * The scorer with turns of the event loop before each batch. A fast scorer
 * (the lexicon) would otherwise score a whole thread in one run of
 * microtasks, and the screen could not show flags, progress or key presses
 * until it ended.
 */
export function yielding(scorer: Scorer): Scorer {
  return {
    info: scorer.info,
    async score(sentences, onProgress, context) {
      // Two turns: React schedules its render from a microtask, so its turn comes after our first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      return scorer.score(sentences, onProgress, context);
    },
    close: () => scorer.close(),
  };
}

export function createReviewBackend(options: BackendOptions): ReviewBackend {
  let scorer: Scorer | null = null;
  let journal: Journal | null = null;
  let closed = false;
  return {
    async start(events: StartEvents): Promise<StartedReview> {
      events.onStatus('loading the scorer…');
      scorer = await options.makeScorer(events);
      events.onStatus('opening the decisions journal…');
      const opened = await Journal.open({
        path: options.journalFile,
        dump: options.dump,
        identities: options.identities,
        moderator: options.moderator,
        scorer: scorer.info,
        rules: { file: options.rulesFile, ids: options.rules.rules.map((r) => r.id) },
      });
      journal = opened.journal;
      return { scorer: scorer.info, journal: opened.journal, warnings: opened.warnings };
    },

    async scan(events: ScanEvents): Promise<ScanResult> {
      if (!scorer) throw new Error('scan before start');
      const extra = options.extraFlags ?? [];
      for (const flag of extra) events.onFlag(flag);
      const result = await options.flagThread(options.thread, yielding(scorer), {
        rules: rulesForScorer(options.rules, scorer.info, options.rulesFile !== null),
        includeMods: options.includeMods,
        onFlag: (flag) => events.onFlag(flag),
        onProgress: (p) => events.onProgress(p.done, p.total),
      });
      return { flags: [...extra, ...result.flags], analyses: result.analyses };
    },

    // Built from the session's dump and journal in memory: nothing is read back from disk.
    async exportDecisions() {
      if (!journal) throw new Error('export before start');
      const { buildExport, checkedExport, writeExport } = await import('../decisions/export.js');
      const { file, json } = checkedExport(
        buildExport({
          dump: options.parsed.dump,
          source: options.dump,
          header: journal.header,
          state: journal.state,
          fetchedFrom: options.parsed.fetchedFrom,
        }),
      );
      await writeExport(options.exportFile, json, [options.journalFile, options.dump.file]);
      return { file: options.exportFile, count: file.decisions.length };
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([journal?.close(), scorer?.close()]);
    },
  };
}
