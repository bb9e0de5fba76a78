/**
 * Whom a flag's evidence is aimed at, in plain words: the @name when the
 * flagger knows it, else the author of the comment being replied to (a "you"
 * or an imperative addresses them), with the words that show the aim.
 */
import type { Target } from '../../flag/flag-schema.js';

/** `@bob`, or `the parent comment's author` when the dump does not name them. */
function whom(target: Target): string {
  return target.name ? `@${target.name}` : "the parent comment's author";
}

/** `aimed at the parent comment's author (“you”)`, for the context pane. */
export function targetSentence(target: Target): string {
  return `aimed at ${whom(target)} (“${target.cue}”)`;
}

/** `→ @bob` or `→ parent`, for a queue row. */
export function targetShort(target: Target): string {
  return `→ ${target.name ? `@${target.name}` : 'parent'}`;
}
