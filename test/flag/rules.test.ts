import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { DEFAULT_RULES, loadRules, parseRules } from '../../src/flag/rules.js';
import { RulesFile } from '../../src/flag/rules-schema.js';
import { REPO_ROOT } from '../support/shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-rules-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function loadError(p: string): Promise<InputError> {
  const error = await loadRules(p).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('rules', () => {
  it('has a valid default with Rule 3 and a civility rule', () => {
    expect(RulesFile.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
    const [rule3, civility] = DEFAULT_RULES.rules;
    expect(rule3).toMatchObject({ id: 'rule-3', citation: 'Rule 3.', requiresTarget: true, action: 'remove' });
    expect(rule3!.triggers.map((t) => t.label).sort()).toEqual([
      'identity_attack',
      'insult',
      'severe_toxicity',
      'threat',
    ]);
    expect(civility).toMatchObject({ id: 'civility', requiresTarget: false, action: 'warn' });
    const civilityMin = Math.min(...civility!.triggers.map((t) => t.threshold));
    expect(civilityMin).toBeGreaterThan(Math.max(...rule3!.triggers.map((t) => t.threshold)));
  });

  it('ships rules/default.json identical to the built-in default', async () => {
    const shipped = path.join(REPO_ROOT, 'rules', 'default.json');
    expect(JSON.parse(readFileSync(shipped, 'utf8'))).toEqual(DEFAULT_RULES);
    expect(await loadRules(shipped)).toEqual(DEFAULT_RULES);
  });

  it('returns a copy of the default when no file is given', async () => {
    const rules = await loadRules();
    expect(rules).toEqual(DEFAULT_RULES);
    rules.rules[0]!.triggers[0]!.threshold = 0.01;
    expect(DEFAULT_RULES.rules[0]!.triggers[0]!.threshold).not.toBe(0.01);
  });

  it('locates a bad value by its JSON path', async () => {
    const bad = structuredClone(DEFAULT_RULES) as unknown as {
      rules: Array<{ triggers: Array<{ threshold: number }> }>;
    };
    bad.rules[0]!.triggers[0]!.threshold = 2;
    const p = file('threshold.json', JSON.stringify(bad, null, 2));
    const error = await loadError(p);
    expect(error.where).toBe(`${p}: $.rules[0].triggers[0].threshold`);
    expect(error.message).toMatch(
      new RegExp(
        `^${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\$\\.rules\\[0\\]\\.triggers\\[0\\]\\.threshold: .*1`,
      ),
    );
  });

  it('rejects unknown labels, bad ids, empty trigger lists and a wrong version', async () => {
    const cases: Array<[string, (r: Record<string, any>) => void]> = [
      ['$.rules[1].triggers[0].label', (r) => (r.rules[1].triggers[0].label = 'rudeness')],
      ['$.rules[0].id', (r) => (r.rules[0].id = 'Rule 3')],
      ['$.rules[0].triggers', (r) => (r.rules[0].triggers = [])],
      ['$.version', (r) => (r.version = 2)],
      ['$.rules[1].requiresTarget', (r) => delete r.rules[1].requiresTarget],
    ];
    for (const [where, mutate] of cases) {
      const r = structuredClone(DEFAULT_RULES) as unknown as Record<string, any>;
      mutate(r);
      const p = file('case.json', JSON.stringify(r));
      expect((await loadError(p)).where).toBe(`${p}: ${where}`);
    }
  });

  it('rejects duplicate rule ids at the second one', () => {
    const r = structuredClone(DEFAULT_RULES);
    r.rules[1]!.id = 'rule-3';
    expect(() => parseRules(JSON.stringify(r), 'dup.json')).toThrow(
      /^dup\.json: \$\.rules\[1\]\.id: duplicate rule id 'rule-3'/,
    );
  });

  it('locates invalid JSON by line and column, like every JSON input', async () => {
    const p = file('broken.json', '{\n  "version": 1,\n  "rules": [,]\n}\n');
    const error = await loadError(p);
    expect(error.where).toBe(`${p}:3:13`);
    expect(error.message).toMatch(/invalid JSON/);
  });

  it('reports a missing file, a directory and a non-object as input errors', async () => {
    expect((await loadError(path.join(dir, 'nope.json'))).message).toMatch(/no such file/);
    expect((await loadError(dir)).message).toMatch(/directory/);
    expect((await loadError(file('array.json', '[]'))).where).toMatch(/: \$$/);
  });

  it('accepts a $schema key and a BOM', () => {
    const text = `\uFEFF${JSON.stringify({ $schema: '../schema/rules.schema.json', ...DEFAULT_RULES })}`;
    expect(parseRules(text, 'bom.json').rules).toEqual(DEFAULT_RULES.rules);
  });
});
