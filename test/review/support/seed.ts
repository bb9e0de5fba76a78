/**
 * The real pipeline on the seed thread: the text parser, the built-in rules,
 * the lexicon scorer (through createScorer, as the CLI does), the flagger and
 * the journal, on a copy of the thread in a temp folder.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { sha256File } from '../../../src/decisions/sha256.js';
import { createScorer } from '../../../src/flag/create-scorer.js';
import { flagThread } from '../../../src/flag/flagger.js';
import { loadRules } from '../../../src/flag/rules.js';
import { loadDump } from '../../../src/parse/index.js';
import { createReviewBackend, defaultExportPath, reviewThread } from '../../../src/review/backend.js';
import type { ReviewBackend } from '../../../src/review/ports.js';
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
}

/** A copy of the seed thread in a fresh folder (or `dir`), for a journal of its own. */
export function seedCopy(dir = tempDir()): string {
  const file = path.join(dir, 'biden-netanyahu.lemmy.txt');
  copyFileSync(SEED, file);
  return file;
}

export async function seedSession(options: { dumpFile?: string; journalFile?: string } = {}): Promise<SeedSession> {
  const dumpFile = options.dumpFile ?? seedCopy();
  const journalFile = options.journalFile ?? `${dumpFile}.decisions.jsonl`;
  const rules = await loadRules();
  const { dump } = await loadDump(dumpFile);
  const thread = reviewThread(dump);
  const exportFile = defaultExportPath(dumpFile);
  const backend = createReviewBackend({
    dump: { file: dumpFile, sha256: await sha256File(dumpFile), format: dump.format },
    thread,
    rules,
    rulesFile: null,
    journalFile,
    moderator: 'mod',
    includeMods: false,
    exportFile,
    makeScorer: (events) => createScorer({ scorer: 'lexicon', onStatus: events.onStatus, onWarning: events.onWarning }),
    flagThread,
  });
  return { backend, thread, rules: rules.rules, dumpFile, journalFile, exportFile };
}
