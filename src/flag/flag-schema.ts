/** A flag: one rule that one comment appears to break, with the evidence. */
import { z } from 'zod';
import { Label } from './labels.js';

const Scores = z.record(Label, z.number().min(0).max(1));

/**
 * How the aim shows: "you" (`second-person`), an insult used as address (`vocative`, "Fuck off libtard"),
 * an order to the reader (`imperative`), an @mention or a participant's name (`mention`, `parent-author`),
 * or "your <someone>" (`third-party`: "your opponent", nobody in the thread).
 */
export const TargetKind = z.enum([
  'second-person',
  'vocative',
  'imperative',
  'mention',
  'parent-author',
  'third-party',
]);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z.object({
  kind: TargetKind,
  /** Who is aimed at, when known: the parent's author (null when the dump has no author lines), or the @mentioned user. */
  name: z.string().nullable(),
  /** The words that show the aim ("you", "@bob"). */
  cue: z.string(),
});
export type Target = z.infer<typeof Target>;

export const MatchedTermSchema = z.object({
  term: z.string(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  label: Label,
  weight: z.number(),
});

export const Evidence = z.object({
  text: z.string(),
  /** UTF-16 offsets of the sentence in the comment body, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  scores: Scores,
  /** Matched terms, offsets relative to the comment body. */
  terms: z.array(MatchedTermSchema),
  target: Target.nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Flag = z.object({
  commentId: z.string(),
  ruleId: z.string(),
  /** 0 to 1: the strongest triggering score among the evidence. */
  severity: z.number().min(0).max(1),
  evidence: z.array(Evidence).min(1),
  /** Whom the strongest evidence sentence is aimed at (always a participant for rules that need a target); null when no one. */
  target: Target.nullable(),
  /** Drafted removal reason: `Removed under Rule 3 (no personal attacks): "Shut up, you ignorant idiot."` */
  reason: z.string(),
  /** Per label, the maximum over the comment's own (unquoted) sentences. */
  scores: Scores,
});
export type Flag = z.infer<typeof Flag>;
