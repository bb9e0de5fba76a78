/**
 * Turns a thread into flags: splits comments into sentences, leaves out
 * quoted words, scores the rest with any Scorer, and applies the rules.
 *
 * Quoted text: a sentence is cut at the edges of quote spans; the quoted
 * pieces are kept in the analysis (marked `quoted`, not scored) and never
 * count as evidence, while the author's own words around a quote are scored
 * as sentences of their own. So `"<parent's words>" Fuck off, idiot` is
 * judged on "Fuck off, idiot" alone.
 *
 * Reasons are drafted as a moderator writes them (src/flag/draft-reason.ts):
 * the rule cited once, one short piece of the strongest sentence quoted.
 */
import type { Comment, QuoteSpan, Thread } from '../thread/schema.js';
import type { Evidence, Flag, Target } from './flag-schema.js';
import { LABELS, zeroScores, type Label, type LabelScores } from './labels.js';
import type { Rule, RulesFile } from './rules-schema.js';
import type { MatchedTerm, Scorer } from './scorer.js';
import { splitSentences, type SentenceSpan } from './sentences.js';
import { kindOf, testSentence } from './rule-kinds.js';
import { originalSpan, scoringText, type ScoringText } from './scoring-text.js';
import { aimsAtParticipant, findTarget } from './targeting.js';
import { draftReason } from './draft-reason.js';

export interface SentenceAnalysis {
  readonly text: string;
  /** UTF-16 offsets in the comment body, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Someone else's words (a quote span): not scored, never evidence. */
  readonly quoted: boolean;
  readonly scores: LabelScores;
  /** Offsets relative to the body. */
  readonly terms: MatchedTerm[];
  /**
   * Whom the sentence is aimed at, judged on the words of the targeted rules'
   * labels (a third party counts for no rule: see `aimsAtParticipant`); null
   * when it addresses no one, or scores 0 on all those labels.
   */
  readonly target: Target | null;
}

export interface CommentAnalysis {
  readonly commentId: string;
  readonly sentences: SentenceAnalysis[];
  /** Per label, the maximum over unquoted sentences. */
  readonly scores: LabelScores;
}

export interface FlagRunOptions {
  readonly rules: RulesFile;
  /** Also flag comments by moderators, admins, and distinguished comments. */
  readonly includeMods?: boolean;
  /** Called for each flag as soon as its comment is scored. */
  readonly onFlag?: (flag: Flag) => void;
  /** Comments analysed so far, out of the eligible ones. */
  readonly onProgress?: (p: { done: number; total: number }) => void;
  readonly signal?: AbortSignal;
  /** Sentences sent to the scorer per call; flags are emitted per finished batch. */
  readonly batchSize?: number;
}

export interface FlagRunResult {
  /** Most severe first. */
  readonly flags: Flag[];
  readonly analyses: Map<string, CommentAnalysis>;
}

const DEFAULT_BATCH = 64;

interface Piece extends SentenceSpan {
  readonly quoted: boolean;
}

interface Pending {
  readonly comment: Comment;
  readonly pieces: Piece[];
  /** Per piece, what the scorer reads (evasions undone); null for quoted pieces. */
  readonly scoring: Array<ScoringText | null>;
}

/** Comments a moderator could act on: written, not deleted, not already removed. */
export function isAnalysable(c: Comment): boolean {
  return !c.placeholder && !c.deleted && !c.removed && c.body.trim() !== '';
}

function isModeratorComment(c: Comment): boolean {
  return c.distinguished || c.badges.includes('moderator') || c.badges.includes('admin');
}

export async function flagThread(thread: Thread, scorer: Scorer, options: FlagRunOptions): Promise<FlagRunResult> {
  const { rules, signal } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const byId = new Map(thread.comments.map((c) => [c.id, c]));
  const participants = [
    ...new Set(
      [thread.post.author?.name, ...thread.comments.map((c) => c.author?.name)].filter((n): n is string => !!n),
    ),
  ];
  const order = new Map(thread.comments.map((c, i) => [c.id, i]));
  const eligible = thread.comments.filter(isAnalysable);
  const targetLabels = labelsOfTargetedRules(rules);

  const flags: Flag[] = [];
  const analyses = new Map<string, CommentAnalysis>();
  let done = 0;

  const finish = (
    item: Pending,
    scored: ReadonlyArray<{ scores: LabelScores; terms: readonly MatchedTerm[] }>,
  ): void => {
    const parentAuthor = parentAuthorOf(item.comment, byId, thread);
    const ctx: TargetCtx = { parentAuthor, participants, unquoted: (at) => item.scoring[at]?.text ?? null };
    const targetCache = new Map<string, Target | null>();
    let k = 0;
    const rawTerms: Array<readonly MatchedTerm[]> = [];
    const sentences: SentenceAnalysis[] = item.pieces.map((piece, index) => {
      rawTerms.push([]);
      if (piece.quoted) return { ...piece, scores: zeroScores(), terms: [], target: null };
      const s = scored[k++]!;
      const read = item.scoring[index]!;
      rawTerms[index] = s.terms;
      const scores = clampScores(s.scores);
      // The scorer's offsets are in the text it read; evidence points into what was written.
      const terms = s.terms.map((t) => {
        const span = originalSpan(read, t.start, t.end);
        return {
          ...t,
          text: piece.text.slice(span.start, span.end),
          start: span.start + piece.start,
          end: span.end + piece.start,
        };
      });
      // Only a sentence that scores on a targeted label can be an attack; the rest need no target.
      const target = scoresOn(scores, targetLabels)
        ? targetFor(read.text, s.terms, targetLabels, ctx, targetCache, index)
        : null;
      return { ...piece, scores, terms, target };
    });
    const commentScores = zeroScores();
    for (const s of sentences)
      if (!s.quoted) for (const label of LABELS) commentScores[label] = Math.max(commentScores[label], s.scores[label]);
    analyses.set(item.comment.id, { commentId: item.comment.id, sentences, scores: commentScores });

    if (isModeratorComment(item.comment) && !options.includeMods) return;
    for (const rule of rules.rules) {
      const flag = applyRule(rule, item.comment.id, sentences, commentScores, (index, labels) =>
        targetFor(item.scoring[index]!.text, rawTerms[index]!, labels, ctx, targetCache, index),
      );
      if (flag) {
        flags.push(flag);
        options.onFlag?.(flag);
      }
    }
  };

  let batch: Pending[] = [];
  let batchSentences = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    throwIfAborted(signal);
    // Every scorer reads the same normalised text: evasions are undone here, once, not in each scorer.
    const texts: string[] = [];
    const commentOf: number[] = [];
    batch.forEach((item, c) => {
      for (const t of item.scoring)
        if (t !== null) {
          texts.push(t.text);
          commentOf.push(c);
        }
    });
    const results = texts.length > 0 ? await scorer.score(texts, undefined, { commentOf }) : [];
    if (results.length !== texts.length)
      throw new Error(`scorer ${scorer.info.name} returned ${results.length} results for ${texts.length} sentences`);
    throwIfAborted(signal);
    let offset = 0;
    for (const item of batch) {
      const n = item.pieces.filter((p) => !p.quoted).length;
      finish(item, results.slice(offset, offset + n));
      offset += n;
      done++;
    }
    options.onProgress?.({ done, total: eligible.length });
    batch = [];
    batchSentences = 0;
  };

  throwIfAborted(signal);
  for (const comment of eligible) {
    const pieces = sentencePieces(comment.body, comment.quotes);
    batch.push({ comment, pieces, scoring: pieces.map((p) => (p.quoted ? null : scoringText(p.text))) });
    batchSentences += pieces.filter((p) => !p.quoted).length;
    if (batchSentences >= batchSize) await flush();
  }
  await flush();
  if (eligible.length === 0) options.onProgress?.({ done: 0, total: 0 });

  flags.sort(
    (a, b) =>
      b.severity - a.severity ||
      order.get(a.commentId)! - order.get(b.commentId)! ||
      ruleIndex(rules, a.ruleId) - ruleIndex(rules, b.ruleId),
  );
  return { flags, analyses };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new DOMException('flagging aborted', 'AbortError');
}

function ruleIndex(rules: RulesFile, id: string): number {
  return rules.rules.findIndex((r) => r.id === id);
}

/** Labels whose words decide targeting: the triggers of rules that need a target (all labels if none do). */
function labelsOfTargetedRules(rules: RulesFile): ReadonlySet<Label> {
  const labels = new Set<Label>();
  for (const rule of rules.rules) if (rule.requiresTarget) for (const t of rule.triggers) labels.add(t.label);
  return labels.size > 0 ? labels : new Set(LABELS);
}

function scoresOn(scores: LabelScores, labels: ReadonlySet<Label>): boolean {
  for (const label of labels) if (scores[label] > 0) return true;
  return false;
}

/** Pronouns and possessives that give an insult an owner or subject other than the reader: "my idiot bosses". */
const OTHER_PEOPLE = new Set(
  'i me my mine we us our ours he him his she her hers they them their theirs it its'.split(' '),
);

/**
 * True for an insult said in passing ("Stupid.", "What a clown."): no
 * pronoun but the reader's, no capitalised name after the first word. Only
 * such a sentence borrows the addressee of the sentence next to it.
 */
function namesNoOneElse(sentence: string): boolean {
  const words = sentence.match(/[\p{L}']+/gu) ?? [];
  return words.every(
    (w, i) => !OTHER_PEOPLE.has(w.toLowerCase()) && (i === 0 || w === w.toLowerCase() || w === w.toUpperCase()),
  );
}

interface TargetCtx {
  readonly parentAuthor: string | null;
  readonly participants: readonly string[];
  /** The scorer's text of the sentence at an index, or null when it is quoted or out of range. */
  readonly unquoted: (index: number) => string | null;
}

/** Label sets get a stable key once, for caching targets per sentence and label set. */
const labelKeys = new WeakMap<ReadonlySet<Label>, string>();

function targetFor(
  text: string,
  terms: readonly MatchedTerm[],
  labels: ReadonlySet<Label>,
  ctx: TargetCtx,
  cache: Map<string, Target | null>,
  index: number,
): Target | null {
  let labelKey = labelKeys.get(labels);
  if (labelKey === undefined) {
    labelKey = [...labels].sort().join(',');
    labelKeys.set(labels, labelKey);
  }
  const key = `${index}:${labelKey}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const relevant: MatchedTerm[] = [];
  for (const t of terms) if (labels.has(t.label)) relevant.push(t);
  const target =
    findTarget(text, { parentAuthor: ctx.parentAuthor, participants: ctx.participants, terms: relevant }) ??
    (relevant.length > 0 ? neighbourAddressee(index, ctx) : null);
  cache.set(key, target);
  return target;
}

/**
 * The participant a sentence next to `index` (in the same comment, unquoted)
 * addresses, for an insulting sentence that names no one itself: in "You
 * can't even import your own module. Stupid." the second sentence is aimed
 * where the first one is. Only reader cues count (a "you" that is not
 * generic, an imperative, a vocative, an @mention); a third party does not
 * carry over, and a sentence that has a cue of its own keeps it.
 */
function neighbourAddressee(index: number, ctx: TargetCtx): Target | null {
  const own = ctx.unquoted(index);
  if (own === null || !namesNoOneElse(own)) return null;
  for (const at of [index - 1, index + 1]) {
    const text = ctx.unquoted(at);
    if (text === null) continue;
    const near = findTarget(text, { parentAuthor: ctx.parentAuthor, participants: ctx.participants });
    if (aimsAtParticipant(near))
      return { ...near, cue: `${near.cue} (${at < index ? 'sentence before' : 'sentence after'})` };
  }
  return null;
}

function parentAuthorOf(comment: Comment, byId: ReadonlyMap<string, Comment>, thread: Thread): string | null {
  if (comment.parentId === null) return thread.post.author?.name ?? null;
  return byId.get(comment.parentId)?.author?.name ?? null;
}

function clampScores(scores: LabelScores): LabelScores {
  const out = zeroScores();
  for (const label of LABELS) {
    const v = scores[label];
    out[label] = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
  }
  return out;
}

/** The rule's flag on one comment: every sentence its kind's test accepts, or null when none does. */
function applyRule(
  rule: Rule,
  commentId: string,
  sentences: readonly SentenceAnalysis[],
  commentScores: LabelScores,
  targetOf: (index: number, labels: ReadonlySet<Label>) => Target | null,
): Flag | null {
  const kind = kindOf(rule);
  const evidence: Evidence[] = [];
  let severity = 0;
  let strongest = -1;
  sentences.forEach((s, index) => {
    if (s.quoted) return;
    const hit = testSentence(kind, { scores: s.scores, target: (labels) => targetOf(index, labels) });
    if (!hit) return;
    evidence.push({ text: s.text, start: s.start, end: s.end, scores: s.scores, terms: s.terms, target: hit.target });
    if (hit.strength > severity || strongest < 0) {
      severity = hit.strength;
      strongest = evidence.length - 1;
    }
  });
  if (evidence.length === 0) return null;
  return {
    commentId,
    ruleId: rule.id,
    severity,
    evidence,
    target: evidence[strongest]!.target,
    reason: draftReason(rule, evidence[strongest]!),
    scores: commentScores,
  };
}

/**
 * Sentences of a body, cut at quote-span edges: pieces inside a quote are
 * `quoted`; the author's words around them stand as sentences of their own.
 * Pieces with no letter or digit left (a stray `”.`) are dropped.
 */
export function sentencePieces(body: string, quotes: readonly QuoteSpan[]): Piece[] {
  const pieces: Piece[] = [];
  const sorted = [...quotes].sort((a, b) => a.start - b.start);
  for (const s of splitSentences(body)) {
    const overlapping = sorted.filter((q) => q.start < s.end && s.start < q.end);
    if (overlapping.length === 0) {
      pieces.push({ ...s, quoted: false });
      continue;
    }
    let cursor = s.start;
    for (const q of overlapping) {
      if (q.start > cursor) pushPiece(body, cursor, q.start, false, pieces);
      pushPiece(body, Math.max(cursor, q.start), Math.min(s.end, q.end), true, pieces);
      cursor = Math.max(cursor, Math.min(s.end, q.end));
    }
    if (cursor < s.end) pushPiece(body, cursor, s.end, false, pieces);
  }
  return pieces;
}

function pushPiece(body: string, start: number, end: number, quoted: boolean, out: Piece[]): void {
  while (start < end && /\s/.test(body[start]!)) start++;
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  if (end <= start) return;
  const text = body.slice(start, end);
  if (!quoted && !/[\p{L}\p{N}]/u.test(text)) return;
  out.push({ text, start, end, quoted });
}
