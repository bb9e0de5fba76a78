/**
 * Whom a flag is aimed at, short enough for a queue row: `→ @bob`, `→ parent`
 * (the author of the comment replied to), `→ post author`, `→ third party`.
 * The context pane says it in full with `describeTarget` (src/flag).
 */
import type { Target } from '../../flag/flag-schema.js';

export function targetShort(target: Target, repliesToPost: boolean): string {
  if (target.kind === 'third-party') return '→ third party';
  if (target.name) return `→ @${target.name}`;
  return repliesToPost ? '→ post author' : '→ parent';
}
