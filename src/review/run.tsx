/**
 * Starts the review UI on a dump. Everything that can be refused (a bad
 * dump, bad rules, a journal kept for another dump) is checked before the
 * screen changes, so the refusal is the usual one-line error.
 */
import { render } from 'ink';
import type { BackendChoice, ScorerChoice } from '../flag/scorers.js';
import type { DumpFormat } from '../thread/schema.js';
import { ReviewApp } from './app/review-app.js';
import { openReviewSession } from './session.js';

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

// The alternate screen keeps the shell's scrollback clean, as full-screen terminal programs do.
const ENTER_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_SCREEN = '\x1b[?1049l';

export async function runReview(options: ReviewRunOptions): Promise<void> {
  const session = await openReviewSession({
    dumpFile: options.dumpFile,
    format: options.format,
    rulesFile: options.rules,
    journalFile: options.decisions,
    moderator: options.moderator,
    includeMods: options.includeMods,
    scorer: options.scorer,
    backend: options.backend,
    modelDir: options.modelDir,
    trainedModel: options.trainedModel,
  });
  const { backend, thread, rules, journalFile, moderation } = session;

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
