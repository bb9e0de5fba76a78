import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UserError } from '../../src/errors.js';
import { Journal, defaultJournalPath, parseJournal, readJournal } from '../../src/decisions/journal.js';
import { JournalEntry } from '../../src/decisions/schema.js';
import { SHA_B, decision, journalOptions, plain, tempDir } from './helpers.js';

async function lines(file: string): Promise<unknown[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('Journal', () => {
  it('starts a new journal with its open line and writes one line per decision, undo and redo', async () => {
    const file = path.join(await tempDir(), 'thread.txt.decisions.jsonl');
    const { journal, warnings } = await Journal.open(journalOptions(file));
    expect(warnings).toEqual([]);
    expect(journal.path).toBe(file);
    const first = await journal.decide(decision('L12', 'remove'));
    expect(first).toMatchObject({ seq: 1, commentId: 'L12', action: 'remove', decidedAt: '2024-01-15T12:00:02.000Z' });
    // The line is on disk as soon as the promise resolves, before close.
    expect(await lines(file)).toHaveLength(2);
    expect(await journal.undo()).toEqual(first);
    expect(journal.state.active.size).toBe(0);
    expect(await journal.redo()).toEqual(first);
    expect(await journal.redo()).toBeNull();
    await journal.close();

    const written = await lines(file);
    expect(written.map((entry) => JournalEntry.parse(entry).type)).toEqual(['open', 'decide', 'undo', 'redo']);
    expect(written[0]).toMatchObject({
      type: 'open',
      version: 2,
      dump: { file: 'thread.txt', format: 'lemmy-text' },
      moderator: 'jordanlund',
      scorer: { name: 'lexicon', backend: null, model: null },
      rules: { file: null, ids: ['rule-3'] },
    });
    expect(written[2]).toMatchObject({ type: 'undo', seq: 2, of: 1 });
  });

  it('writes nothing for an undo or redo with nothing to act on', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    expect(await journal.undo()).toBeNull();
    expect(await journal.redo()).toBeNull();
    await journal.close();
    expect(await lines(file)).toHaveLength(1);
  });

  it('resumes after reopening: the state is replayed and seqs continue', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await first.journal.decide(decision('L12', 'warn'));
    await first.journal.decide(decision('L27', 'ban', { banDays: null }));
    await first.journal.decide(decision('L12', 'remove'));
    await first.journal.undo();
    const before = plain(first.journal.state);
    await first.journal.close();

    const { journal, warnings } = await Journal.open(journalOptions(file));
    expect(warnings).toEqual([]);
    expect(plain(journal.state)).toEqual(before);
    expect(journal.state.active.get('L12')?.action).toBe('warn');
    expect(journal.state.active.get('L27')?.banDays).toBeNull();
    // Redo still works across the restart, then a new decision continues the seqs.
    expect((await journal.redo())?.seq).toBe(3);
    expect((await journal.decide(decision('L40', 'approve'))).seq).toBe(6);
    await journal.close();
    expect((await readJournal(file)).state.lastSeq).toBe(6);
  });

  it('serialises concurrent calls in call order', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    const ids = Array.from({ length: 20 }, (_, i) => `L${i + 1}`);
    const made = await Promise.all([
      ...ids.map((id) => journal.decide(decision(id, 'remove'))),
      journal.undo(),
      journal.undo(),
      journal.redo(),
    ]);
    await journal.close();
    expect(made.slice(0, 20).map((d) => d?.seq)).toEqual(ids.map((_, i) => i + 1));
    expect(made.slice(20).map((d) => d?.seq)).toEqual([20, 19, 19]);
    const reread = await readJournal(file);
    expect(plain(reread.state)).toEqual(plain(journal.state));
    expect(reread.state.undoStack).toHaveLength(19);
  });

  it('refuses a journal of another dump with a one-line error that says what to do', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    await journal.decide(decision('L12', 'remove'));
    await journal.close();
    const size = (await stat(file)).size;

    const other = journalOptions(file, { dump: { file: 'other.json', sha256: SHA_B, format: 'lemmy-json' } });
    const error = await Journal.open(other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('another dump (thread.txt, sha256 aaaaaaaaaaaa)');
    expect(message).toContain('not other.json');
    expect(message).toContain('--decisions <other file>');
    expect((await stat(file)).size).toBe(size);
  });

  it('drops a torn last line with a warning and cuts it off before appending', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await first.journal.decide(decision('L12', 'remove'));
    await first.journal.close();
    const good = await readFile(file);
    await appendFile(file, '{"type":"decide","seq":2,"at":"2024-01-15T12:0');

    const { journal, warnings } = await Journal.open(journalOptions(file));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/j\.jsonl:3: ignored an incomplete last entry \(\d+ bytes/);
    expect(await readFile(file)).toEqual(good);
    expect((await journal.decide(decision('L27', 'skip'))).seq).toBe(2);
    await journal.close();
    expect((await readJournal(file)).warnings).toEqual([]);
    expect((await readJournal(file)).state.active.size).toBe(2);
  });

  it('treats a last line of garbage (zeros after a crash) as torn too', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await first.journal.decide(decision('L12', 'remove'));
    await first.journal.close();
    await appendFile(file, Buffer.concat([Buffer.alloc(40), Buffer.from('\n')]));
    const { journal, warnings } = await Journal.open(journalOptions(file));
    expect(warnings).toHaveLength(1);
    expect(journal.state.active.get('L12')?.action).toBe('remove');
    await journal.close();
  });

  it('reports a damaged line in the middle with its line number, and changes nothing', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    for (const id of ['L12', 'L27', 'L40']) await first.journal.decide(decision(id, 'remove'));
    await first.journal.close();
    const text = await readFile(file, 'utf8');
    const damaged = text.split('\n');
    damaged[2] = damaged[2]!.slice(0, 30);
    await writeFile(file, damaged.join('\n'));

    const error = await Journal.open(journalOptions(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toBe(`${file}:3`);
    expect((error as Error).message).toContain('invalid JSON');
    expect(await readFile(file, 'utf8')).toBe(damaged.join('\n'));
  });

  it('locates entries that are valid JSON but not valid entries, or do not follow', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await first.journal.decide(decision('L12', 'remove'));
    await first.journal.close();
    const base = await readFile(file, 'utf8');
    const at = '2024-01-15T12:00:00.000Z';

    await writeFile(file, `${base}${JSON.stringify({ type: 'undo', seq: 2, at, of: 5 })}\n`);
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(`${file}:3: undo of seq 5`);

    await writeFile(file, `${base}${JSON.stringify({ type: 'decide', seq: 2, at, decision: { commentId: 'L1' } })}\n`);
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(
      `${file}:3: not a journal entry: $.decision.action`,
    );

    await writeFile(file, `${JSON.stringify({ type: 'decide', seq: 1, at, decision: decision('L1', 'skip') })}\n`);
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(`${file}:1: not a threadmod decisions journal`);

    const newer = base.replace('"version":2', '"version":3');
    await writeFile(file, newer);
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(
      `${file}:1: journal format version 3; this threadmod reads versions 1 and 2`,
    );
  });

  it('warns when a later session uses another moderator, scorer or rules, and keeps the first in the header', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    await (await Journal.open(journalOptions(file))).journal.close();
    const { journal, warnings } = await Journal.open(
      journalOptions(file, {
        moderator: 'someone',
        scorer: { name: 'toxicity', backend: 'wasm', model: 'shared/models/toxicity' },
        rules: { file: 'rules.json', ids: ['rule-1'] },
      }),
    );
    expect(warnings).toHaveLength(3);
    expect(journal.header.moderator).toBe('jordanlund');
    await journal.close();
  });

  it('rejects a malformed decision without writing it', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    await expect(journal.decide({ ...decision('L12', 'remove'), banDays: 3 })).rejects.toThrow(
      /banDays is only for ban/,
    );
    await expect(journal.decide({ ...decision('L12', 'ban'), banDays: -1 })).rejects.toThrow(
      /invalid decision \$\.banDays/,
    );
    // The queue survives a rejected call.
    expect((await journal.decide(decision('L12', 'skip'))).seq).toBe(1);
    await journal.close();
    await journal.close();
    await expect(journal.decide(decision('L27', 'skip'))).rejects.toThrow(/closed/);
    expect(await lines(file)).toHaveLength(2);
  });

  it('starts afresh on an empty file', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    await writeFile(file, '');
    const { journal, warnings } = await Journal.open(journalOptions(file));
    expect(warnings).toEqual([]);
    await journal.close();
    expect(parseJournal(await readFile(file), file).header?.moderator).toBe('jordanlund');
  });

  it('names the journal beside the dump', () => {
    expect(defaultJournalPath('threads/biden.lemmy.txt')).toBe('threads/biden.lemmy.txt.decisions.jsonl');
  });
});
