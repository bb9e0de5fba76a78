/**
 * A small hand-built thread with flags, for UI tests that must not depend on
 * what a scorer finds: authors with names, nesting, a quote, a moderator.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Evidence, Flag } from '../../../src/flag/flag-schema.js';
import { createLexiconScorer } from '../../../src/flag/lexicon/index.js';
import { draftReason } from '../../../src/flag/draft-reason.js';
import { zeroScores, type LabelScores } from '../../../src/flag/labels.js';
import type { Rule, RulesFile } from '../../../src/flag/rules-schema.js';
import type { FlagThread } from '../../../src/review/backend.js';
import { openReviewSession } from '../../../src/review/session.js';
import type { ReviewBackend } from '../../../src/review/ports.js';
import { blankComment, type Comment, type Thread } from '../../../src/thread/schema.js';

export const RULES: Rule[] = [
  {
    id: 'personal-attack',
    title: 'No personal attacks',
    citation: 'Rule 3.',
    triggers: [{ label: 'insult', threshold: 0.5 }],
    requiresTarget: true,
    action: 'remove',
  },
  {
    id: 'civility',
    title: 'Be civil',
    citation: 'Rule 1.',
    triggers: [{ label: 'toxicity', threshold: 0.7 }],
    requiresTarget: false,
    action: 'warn',
  },
];
export const RULES_FILE: RulesFile = { version: 1, rules: RULES };

function comment(
  id: string,
  parent: Comment | null,
  author: string | null,
  body: string,
  extra: Partial<Comment> = {},
): Comment {
  const c = blankComment(id, parent?.id ?? null, [...(parent?.path ?? []), id]);
  return {
    ...c,
    author: author ? { name: author, instance: 'lemmy.world' } : null,
    body,
    age: '6 months ago',
    line: Number(id.slice(1)),
    ...extra,
  };
}

const a = comment('L10', null, 'alice', 'Policy should change. Everyone agrees on that.');
const b = comment('L20', a, 'bob', 'You are an ignorant idiot. Read a book before posting.');
const c = comment('L30', b, 'carol', '> You are an ignorant idiot.\n\nThat was uncalled for, bob.', {
  quotes: [{ start: 0, end: 28, kind: 'markdown' }],
});
const d = comment('L40', a, 'dave', 'Shut up, moron. Nobody asked you.');
const e = comment('L50', d, 'erin', 'What a stupid take, you clown.');
const m = comment('L60', d, 'jordanlund', 'Removed for personal attacks. Rule 3.', { badges: ['moderator'] });

export const THREAD: Thread = {
  post: {
    title: 'Biden and Netanyahu',
    body: '',
    url: null,
    community: { name: 'politics', instance: 'lemmy.world' },
    author: null,
    lemmyPostId: null,
    apId: null,
  },
  comments: [a, b, c, d, m, e],
};

function scores(insult: number, toxicity: number): LabelScores {
  return { ...zeroScores(), insult, toxicity };
}

function evidence(body: string, text: string, insult: number, toxicity: number): Evidence {
  const start = body.indexOf(text);
  return {
    text,
    start,
    end: start + text.length,
    scores: scores(insult, toxicity),
    terms: [],
    target: { kind: 'second-person', name: null, cue: 'you' },
  };
}

function flag(comment: Comment, ruleId: string, text: string, insult: number, toxicity: number): Flag {
  const ev = evidence(comment.body, text, insult, toxicity);
  const rule = RULES.find((r) => r.id === ruleId)!;
  return {
    commentId: comment.id,
    ruleId,
    severity: Math.max(insult, toxicity),
    evidence: [ev],
    target: ev.target,
    reason: draftReason(rule, ev),
    scores: scores(insult, toxicity),
  };
}

/** Most severe first: bob (0.92), dave (0.85), erin (0.74, civility). */
export const FLAGS: Flag[] = [
  flag(d, 'personal-attack', 'Shut up, moron.', 0.85, 0.8),
  flag(b, 'personal-attack', 'You are an ignorant idiot.', 0.92, 0.88),
  flag(e, 'civility', 'What a stupid take, you clown.', 0.6, 0.74),
];

export function tempDir(prefix = 'threadmod-review-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface FixtureSession {
  readonly backend: ReviewBackend;
  readonly dumpFile: string;
  readonly journalFile: string;
  /** Lets the fixture's scan finish (it waits after its first flag when `holdScan` is set). */
  readonly releaseScan: () => void;
}

/** A backend on the real journal, scanning the fixture thread with the fixture flags. */
export async function fixtureSession(options: { dir?: string; holdScan?: boolean } = {}): Promise<FixtureSession> {
  const dir = options.dir ?? tempDir();
  const dumpFile = path.join(dir, 'fixture.lemmy.txt');
  writeFileSync(dumpFile, THREAD.comments.map((c) => c.body).join('\n\n'));
  const journalFile = `${dumpFile}.decisions.jsonl`;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  if (!options.holdScan) release();
  const scorer = createLexiconScorer();
  const flagThread: FlagThread = async (_thread, _scorer, opts) => {
    const [first, ...rest] = FLAGS;
    opts.onFlag?.(first!);
    opts.onProgress?.({ done: 1, total: FLAGS.length });
    await held;
    for (const f of rest) opts.onFlag?.(f);
    opts.onProgress?.({ done: FLAGS.length, total: FLAGS.length });
    return { flags: FLAGS, analyses: new Map() };
  };
  const { backend } = await openReviewSession({
    dumpFile,
    parsed: { dump: { format: 'lemmy-text', posts: [THREAD] }, fetchedFrom: null },
    rules: RULES_FILE,
    journalFile,
    moderator: 'mod',
    makeScorer: async () => scorer,
    flagThread,
  });
  return { backend, dumpFile, journalFile, releaseScan: release };
}
