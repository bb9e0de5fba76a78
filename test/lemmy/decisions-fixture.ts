/**
 * A decisions file built the way a moderator's would be: fetched dump ->
 * parsed tree -> journal decisions -> `export --lemmy`, all through the
 * project's own code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildExport } from '../../src/decisions/export.js';
import type { DecisionInput, DecisionsFile, JournalEntry } from '../../src/decisions/schema.js';
import { sha256Text } from '../../src/io/sha256.js';
import { replay } from '../../src/decisions/state.js';
import { readDump } from '../../src/parse/index.js';
import { NOW } from './helpers.js';

export interface PlannedDecision extends Omit<DecisionInput, 'evidence' | 'scores' | 'ruleId'> {
  readonly ruleId?: string | null;
}

/**
 * Writes `<dir>/decisions.json` for `dumpFile` through the project's own
 * journal replay and export (with Lemmy requests).
 */
export function writeDecisions(dumpFile: string, decisions: readonly PlannedDecision[], out: string): DecisionsFile {
  const text = readFileSync(dumpFile, 'utf8');
  const { dump, fetchedFrom } = readDump(text, dumpFile);
  const entries: JournalEntry[] = decisions.map((d, i) => ({
    type: 'decide',
    seq: i + 1,
    at: new Date(NOW + i * 1000).toISOString(),
    decision: { ruleId: null, evidence: [], scores: null, ...d },
  }));
  const file = buildExport({
    dump,
    source: { file: dumpFile, sha256: sha256Text(text), format: 'lemmy-json' },
    header: {
      moderator: 'seed_mod1',
      scorer: { name: 'lexicon', backend: null, model: null },
      rules: { file: null, ids: [] },
    },
    state: replay(entries),
    fetchedFrom,
  });
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}
