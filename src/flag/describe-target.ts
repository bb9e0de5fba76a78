/**
 * A flag's target in plain words, for every place a moderator reads it (scan's
 * table, the review's queue and context pane): who is aimed at, and the words
 * that show it. The insult word itself is never presented as the target:
 * "Fuck off libtard" is aimed at the parent comment's author, called "libtard".
 *
 * Plain text: the cue comes from the comment, so sinks pass the result through
 * `visible()` as they do the comment itself.
 */
import type { Target } from './flag-schema.js';

export interface TargetWhere {
  /** The comment replies to the post itself, so "the reader" is the post's author. */
  readonly repliesToPost?: boolean;
}

/** Longest cue quoted; a cue is a few words ("you", "Shut up", "your opponent"). */
const CUE_CHARS = 40;

/**
 * `parent comment's author (cue: "you")`, `@bob, parent comment's author (cue: "you")`,
 * `parent comment's author, called "libtard"`, `@carol (mentioned as "@carol@lemmy.world")`,
 * `third party: your opponent`, or `no one in particular`.
 */
export function describeTarget(target: Target | null, where: TargetWhere = {}): string {
  if (!target) return 'no one in particular';
  const role = where.repliesToPost ? "post's author" : "parent comment's author";
  const reader = target.name ? `@${target.name}, ${role}` : role;
  const cue = quoteCue(target.cue);
  switch (target.kind) {
    case 'second-person':
    case 'imperative':
      return `${reader} (cue: ${cue})`;
    case 'vocative':
      return `${reader}, called ${cue}`;
    case 'parent-author':
      return `${reader} (named in the text)`;
    case 'mention':
      return target.cue.startsWith('@')
        ? `@${target.name ?? target.cue.slice(1)} (mentioned as ${cue})`
        : `@${target.name ?? target.cue} (named in the text)`;
    case 'third-party':
      return `third party: ${oneLine(target.cue)}`;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= CUE_CHARS ? flat : `${chars.slice(0, CUE_CHARS - 1).join('')}…`;
}

function quoteCue(cue: string): string {
  return `"${oneLine(cue)}"`;
}
