import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseLabelled, readLabelled, splitHalves } from '../../src/eval/index.js';
import { DEV_SET } from '../support/shared.js';

const error = (text: string): InputError => {
  try {
    parseLabelled(text, 'set.jsonl');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('no error');
};

describe('labelled data', () => {
  it('reads the development set', async () => {
    const records = await readLabelled(DEV_SET());
    expect(records).toHaveLength(600);
    expect(records.filter((r) => r.attack)).toHaveLength(180);
    expect(records[0]).toEqual({
      id: expect.stringMatching(/^kaggle-insults:train:\d+$/),
      text: expect.any(String),
      attack: expect.any(Boolean),
    });
  });

  it('skips blank lines and a BOM, ignores extra fields', () => {
    const text =
      '\uFEFF{"id":"a","text":"hi","attack":false,"labels":{}}\n\n  \n{"id":"b","text":"you idiot","attack":true}\n';
    expect(parseLabelled(text, 'set.jsonl')).toEqual([
      { id: 'a', text: 'hi', attack: false },
      { id: 'b', text: 'you idiot', attack: true },
    ]);
  });

  it('names the file and line of bad records', () => {
    expect(error('{"id":"a","text":"x","attack":false}\n{"id":"b", text}\n').where).toBe('set.jsonl:2');
    const missing = error('{"id":"a","text":"x","attack":false}\n\n{"id":"b","text":"x"}');
    expect(missing.where).toBe('set.jsonl:3');
    expect(missing.detail).toMatch(/^\$\.attack: /);
    expect(error('{"id":"a","text":"x","attack":"yes"}').detail).toMatch(/^\$\.attack: /);
    expect(error('[1,2]').where).toBe('set.jsonl:1');
    expect(error('{"id":"a","text":"x","attack":true}\n{"id":"a","text":"y","attack":false}').detail).toMatch(
      /duplicate id 'a' \(first on line 1\)/,
    );
    expect(error('\n\n').message).toMatch(/^set\.jsonl: no labelled comments/);
  });

  it('reports a missing file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-eval-'));
    await expect(readLabelled(path.join(dir, 'none.jsonl'))).rejects.toThrow(/no such file/);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, Buffer.from([0x7b, 0xff, 0x7d]));
    await expect(readLabelled(bad)).rejects.toThrow(/bad\.jsonl:1: invalid UTF-8/);
  });

  it('splits into two fixed, disjoint halves', async () => {
    const records = await readLabelled(DEV_SET());
    const { tune, holdout } = splitHalves(records);
    expect(tune.length + holdout.length).toBe(records.length);
    expect(new Set([...tune, ...holdout].map((r) => r.id)).size).toBe(records.length);
    expect(Math.abs(tune.length - holdout.length)).toBeLessThan(60);
    // Independent of order.
    expect(
      splitHalves([...records].reverse())
        .tune.map((r) => r.id)
        .sort(),
    ).toEqual(tune.map((r) => r.id).sort());
  });
});
