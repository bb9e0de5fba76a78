/** What a Lemmy dump adds to a review beyond its comments: post titles, members' reports, the modlog. */
import type { Flag } from '../flag/flag-schema.js';
import { reportFlagsAsFlags } from '../flag/reports.js';
import type { Dump } from '../thread/schema.js';
import type { Moderation } from './state/types.js';

export function moderationOf(dump: Dump): { moderation: Moderation; reportFlags: Flag[] } {
  const postTitles = new Map<number, string>();
  for (const { post } of dump.posts) {
    if (post.lemmyPostId !== null) postTitles.set(post.lemmyPostId, post.title ?? `post ${post.lemmyPostId}`);
  }
  return {
    moderation: { postTitles, reports: dump.reports ?? [], modlog: dump.modlog ?? [] },
    reportFlags: reportFlagsAsFlags(dump),
  };
}
