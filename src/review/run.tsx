/**
 * Starts the review UI on a dump. Everything that can be refused (a bad
 * dump, bad rules, a journal kept for another dump) is checked before the
 * screen changes, so the refusal is the usual one-line error.
 */
import { existsSync } from 'node:fs';
import { render } from 'ink';
import type { BackendChoice, ScorerChoice } from '../flag/create-scorer.js';
import { flagThread } from '../flag/flagger.js';
import { loadRules } from '../flag/rules.js';
import { assertSameDump, defaultJournalPath, readJournal, sha256File } from '../decisions/journal.js';
import { assertNotLocked, refuseSymlink } from '../decisions/journal-lock.js';
import type { DumpRef } from '../decisions/schema.js';
import { loadDump } from '../parse/load-dump.js';
import type { DumpFormat } from '../thread/schema.js';
import { ReviewApp } from './app/review-app.js';
import { createReviewBackend, defaultExportPath, reviewThread } from './backend.js';
import { moderationOf } from './moderation.js';

export interface ReviewRunOptions {
  readonly dumpFile: string;
  readonly format?: DumpFormat | undefined;
  /** Rules file; the built-in rules when absent. */
  readonly rules?: string | undefined;
  readonly scorer: ScorerChoice;
  readonly backend?: BackendChoice | undefined;
  readonly modelDir?: string | undefined;
  readonly trainedModel?: string | undefined;
  readonly includeMods: boolean;
  /** The journal; `<dump>.decisions.jsonl` when absent. */
  readonly decisions?: string | undefined;
  readonly moderator: string;
  readonly colour: boolean;
}

/** Refuses, before any model loads, to resume a journal that belongs to another dump. */
async function refuseOtherDump(journalFile: string, dump: DumpRef): Promise<void> {
  // Another session writing it, or a link: refused here in one line, before the screen changes.
  await refuseSymlink(journalFile);
  await assertNotLocked(journalFile);
  if (!existsSync(journalFile)) return;
  const { header } = await readJournal(journalFile);
  if (header) assertSameDump(journalFile, header, dump);
}

// The alternate screen keeps the shell's scrollback clean, as full-screen terminal programs do.
const ENTER_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_SCREEN = '\x1b[?1049l';

export async function runReview(options: ReviewRunOptions): Promise<void> {
  const rules = await loadRules(options.rules);
  const { dump } = await loadDump(options.dumpFile, options.format);
  const dumpRef: DumpRef = { file: options.dumpFile, sha256: await sha256File(options.dumpFile), format: dump.format };
  const journalFile = options.decisions ?? defaultJournalPath(options.dumpFile);
  await refuseOtherDump(journalFile, dumpRef);

  const thread = reviewThread(dump);
  const { moderation, reportFlags } = moderationOf(dump);
  const backend = createReviewBackend({
    dump: dumpRef,
    thread,
    rules,
    rulesFile: options.rules ?? null,
    journalFile,
    moderator: options.moderator,
    includeMods: options.includeMods,
    exportFile: defaultExportPath(options.dumpFile),
    // The model's code (TF.js) loads behind the spinner, and not at all for the lexicon.
    makeScorer: async (events) => {
      // Imported here, after the first frame: the lexicon (obscenity's word lists) is not needed to draw it.
      if (options.scorer === 'lexicon') return (await import('../flag/lexicon/index.js')).createLexiconScorer();
      const { createScorer } = await import('../flag/create-scorer.js');
      return createScorer({
        scorer: options.scorer,
        backend: options.backend,
        modelDir: options.modelDir,
        trainedModel: options.trainedModel,
        onStatus: events.onStatus,
        onWarning: events.onWarning,
      });
    },
    flagThread,
    extraFlags: reportFlags,
  });

  const stdout = process.stdout;
  let onScreen = true;
  const leaveScreen = () => {
    if (onScreen) stdout.write(LEAVE_SCREEN);
    onScreen = false;
  };
  // Ink unmounts on these signals; put the terminal back and leave with the usual code.
  const onSignal = (signal: NodeJS.Signals) => {
    leaveScreen();
    void backend.close().finally(() => process.exit(signal === 'SIGHUP' ? 129 : 143));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  stdout.write(ENTER_SCREEN);
  const instance = render(
    <ReviewApp
      thread={thread}
      moderation={moderation}
      rules={rules.rules}
      backend={backend}
      sources={{
        dumpFile: options.dumpFile,
        rulesFile: options.rules ?? null,
        journalFile,
        moderator: options.moderator,
      }}
      requestedScorer={options.scorer}
      colour={options.colour}
    />,
    { exitOnCtrlC: true, maxFps: 60 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    leaveScreen();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await backend.close();
  }
  process.stderr.write(
    `threadmod: decisions are saved in ${journalFile}; \`threadmod export ${options.dumpFile}\` writes them as JSON\n`,
  );
}
