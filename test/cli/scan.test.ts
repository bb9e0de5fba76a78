import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Flag } from '../../src/flag/flag-schema.js';
import { Dump } from '../../src/thread/schema.js';
import { runCli } from '../support/run-cli.js';
import { DEV_SET, LEMMY_JSON, SEED_THREAD } from '../support/shared.js';

let dir: string;
let emptyCache: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'threadmod-scan-'));
  // No model anywhere: the toxicity scorer must say how to get one.
  emptyCache = { XDG_CACHE_HOME: path.join(dir, 'cache'), THREADMOD_MODEL_DIR: '' };
});

describe('threadmod scan', () => {
  it('--json flags the seed thread with evidence that points into the comment bodies', async () => {
    const [scan, tree] = await Promise.all([
      runCli(['scan', SEED_THREAD(), '--scorer', 'lexicon', '--json']),
      runCli(['tree', SEED_THREAD(), '--json']),
    ]);
    expect(scan.code).toBe(0);
    const out = JSON.parse(scan.stdout) as { flags: unknown[]; scorer: { name: string } };
    expect(out.scorer.name).toBe('lexicon');
    const flags = out.flags.map((f) => Flag.parse(f));
    expect(flags.length).toBeGreaterThan(0);
    const comments = new Map(Dump.parse(JSON.parse(tree.stdout)).posts[0]!.comments.map((c) => [c.id, c]));
    for (const flag of flags) {
      const comment = comments.get(flag.commentId)!;
      expect(comment.placeholder).toBe(false);
      // The moderator's reply quotes the insults it removed: it is never flagged.
      expect(comment.badges).not.toContain('moderator');
      for (const e of flag.evidence) expect(comment.body.slice(e.start, e.end)).toBe(e.text);
      // The reason quotes a piece of the evidence, whole words cut with an ellipsis.
      const piece = /: "(.+)"$/.exec(flag.reason)![1]!.replace(/^…|…$/g, '');
      expect(flag.evidence.some((e) => e.text.replace(/\s+/g, ' ').includes(piece))).toBe(true);
    }
    const severities = flags.map((f) => f.severity);
    expect([...severities].sort((a, b) => b - a)).toEqual(severities);
    expect(flags.some((f) => f.ruleId === 'rule-3' && f.target !== null)).toBe(true);
  });

  it('--ndjson prints one flag per line', async () => {
    const result = await runCli(['scan', SEED_THREAD(), '--scorer', 'lexicon', '--ndjson']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(Flag.safeParse(JSON.parse(line)).success).toBe(true);
  });

  it('prints a readable table by default and scans several dumps', async () => {
    const result = await runCli([
      'scan',
      SEED_THREAD(),
      LEMMY_JSON('lemmykit_getCommentsResponseV4.json'),
      '--scorer',
      'lexicon',
    ]);
    expect(result.code).toBe(0);
    // The header claims no quality for a model nobody measured here.
    expect(result.stdout.split('\n')[0]).toBe(
      'scorer: lexicon (built in; other scorers: --scorer trained, or the toxicity model after threadmod model fetch)',
    );
    expect(result.stdout).toMatch(/\d+ flags? on \d+ comments?\.\n$/);
    // Flags from two dumps each say which file they are from.
    const seedName = SEED_THREAD();
    expect(result.stdout).toContain(`rule-3     ${seedName}:L19 (unknown author)`);
  });

  it('says whom each flag is aimed at in words, never naming the insult word as the target', async () => {
    const result = await runCli(['scan', SEED_THREAD(), '--scorer', 'lexicon']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rule-3 +L19 +\(unknown author\) -> parent comment's author, called "libtard"\n/);
    expect(result.stdout).not.toMatch(/-> (libtard|your)\b/);
    expect(result.stdout).toMatch(/civility +L59 +\(unknown author\) -> third party: your opponent\n/);
  });

  it('refuses a rules file with a wrong field, naming the JSON path', async () => {
    const rules = path.join(dir, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        version: 1,
        rules: [
          {
            id: 'rule-3',
            title: 'x',
            citation: 'Rule 3.',
            triggers: [{ label: 'insult', threshold: 3 }],
            requiresTarget: true,
            action: 'remove',
          },
        ],
      }),
    );
    const result = await runCli(['scan', SEED_THREAD(), '--scorer', 'lexicon', '--rules', rules]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/rules\.json: \$\.rules\[0\]\.triggers\[0\]\.threshold/);
  });

  it('with --scorer toxicity and no model installed, says how to get it and exits 2', async () => {
    const result = await runCli(['scan', SEED_THREAD(), '--scorer', 'toxicity'], { env: emptyCache });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/threadmod model fetch/);
  });

  it('with --scorer auto and no toxicity model, uses the shipped trained model', async () => {
    const result = await runCli(['scan', SEED_THREAD(), '--json'], { env: emptyCache });
    expect(result.code).toBe(0);
    const scorer = JSON.parse(result.stdout).scorer;
    expect(scorer.name).toBe('trained');
    expect(scorer.model).toMatch(/attack-v1.*verified/);
    expect(result.stderr).toBe('');
  });

  it('with --scorer auto, no toxicity model and a broken trained model, falls back to the lexicon and says so', async () => {
    const result = await runCli(['scan', SEED_THREAD(), '--json'], {
      env: { ...emptyCache, THREADMOD_TRAINED_MODEL: '/nonexistent/model' },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).scorer.name).toBe('lexicon');
    expect(result.stderr).toMatch(/warning: .*lexicon/);
  });
});

describe('threadmod eval', () => {
  it('--json reports precision, recall, F1, AUC and n that agree with the confusion matrix', async () => {
    const result = await runCli(['eval', DEV_SET(), '--scorer', 'lexicon', '--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout) as {
      n: number;
      precision: number;
      recall: number;
      f1: number;
      auc: number;
      confusion: { tp: number; fp: number; tn: number; fn: number };
      sweep: unknown[];
    };
    expect(r.n).toBe(600);
    const { tp, fp, tn, fn } = r.confusion;
    expect(tp + fp + tn + fn).toBe(600);
    expect(tp + fn).toBe(180);
    expect(r.precision).toBeCloseTo(tp / (tp + fp), 6);
    expect(r.recall).toBeCloseTo(tp / (tp + fn), 6);
    expect(r.f1).toBeCloseTo((2 * r.precision * r.recall) / (r.precision + r.recall), 6);
    expect(r.auc).toBeGreaterThan(0.5);
    expect(r.sweep.length).toBeGreaterThan(3);
  });

  it('refuses a malformed line with file:line', async () => {
    const file = path.join(dir, 'labels.jsonl');
    writeFileSync(file, '{"id":"a","text":"hi","attack":false}\n{"id":"b","text":"x"\n');
    const result = await runCli(['eval', file, '--scorer', 'lexicon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/labels\.jsonl:2/);
  });
});
