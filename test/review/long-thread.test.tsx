/**
 * A long thread (2,000 comments, real lexicon scorer and flagger): only the
 * rows in view are drawn, and paging and jumping keep the selection in view.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { loadRules } from '../../src/flag/rules.js';
import { openReviewSession } from '../../src/review/session.js';
import { bigThread } from './support/big-thread.js';
import { tempDir } from './support/fixture.js';
import { frame, press, waitFor } from './support/press.js';
import { mount } from './support/session.js';

/** The rows between the list's title line and the context's. */
function listRows(screen: string): string[] {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => /^── (Queue|Thread)/.test(l));
  const bottom = lines.findIndex((l) => l.startsWith('── Context'));
  return lines.slice(top + 1, bottom);
}

describe('a 2,000-comment thread', () => {
  it('draws only the rows in view and keeps the selection in view while paging', async () => {
    const thread = bigThread(2000);
    const dir = tempDir();
    const dumpFile = path.join(dir, 'big.json');
    writeFileSync(dumpFile, JSON.stringify(thread));
    const rules = await loadRules();
    const { backend } = await openReviewSession({
      dumpFile,
      parsed: { dump: { format: 'lemmy-json', posts: [thread] }, fetchedFrom: null },
      rules,
      moderator: 'mod',
      makeScorer: async () => createLexiconScorer(),
    });
    const { app } = await mount({
      thread,
      rules: rules.rules,
      backend,
      dumpFile,
      journalFile: `${dumpFile}.decisions.jsonl`,
    });
    const ready = await waitFor(app, (s) => /Queue · \d+ flagged · 1\//.test(s) && !/scoring/.test(s), 30_000);
    const flagged = Number(/Queue · (\d+) flagged/.exec(ready)![1]);
    expect(flagged).toBeGreaterThan(100);
    expect(listRows(ready)).toHaveLength(7);
    expect(listRows(ready).filter((l) => l.startsWith('▸'))).toHaveLength(1);

    await press(app, 'G');
    expect(frame(app)).toContain(`· ${flagged}/${flagged} `);
    expect(listRows(frame(app)).at(-1)).toMatch(/^▸ /);
    await press(app, 'pageUp');
    expect(frame(app)).toContain(`· ${flagged - 7}/${flagged} `);

    await press(app, 't', 'g', 'pageDown', 'pageDown', 'j');
    expect(frame(app)).toMatch(/── Thread · 2000 comments · 16\/2000 /);
    const rows = listRows(frame(app));
    expect(rows).toHaveLength(7);
    expect(rows.filter((l) => l.startsWith('▸'))).toHaveLength(1);
    await press(app, 'G');
    expect(frame(app)).toMatch(/2000\/2000/);
    expect(listRows(frame(app)).at(-1)).toMatch(/^▸ /);
  }, 60_000);
});
