/**
 * The moderation actions, one row each: everything the review's keymap,
 * help, footer, marks and decision form, the journal's schema, the export and
 * `apply` know about an action comes from here. A new action is a new row
 * (and whatever new Lemmy call it needs in src/lemmy-api/requests.ts); the
 * compiler then points at every `Record<Action, …>` that lacks it.
 *
 * Per action, the Lemmy calls (API v3, sent in this order):
 * - remove: `comment/remove` {removed: true}.
 * - ban: the removal, then `community/ban_user` with the ban's length in
 *   days (`apply` turns it into an end time when it sends the request). The
 *   removal goes first so that a failed ban still leaves the comment gone.
 * - warn: a reply to the comment whose content is the drafted message (or the
 *   reason when there is none); nothing when both are blank.
 * - approve: a restore (`removed: false`) when the dump shows the comment
 *   removed, else nothing.
 * - remove, ban and approve then resolve each open report on the comment
 *   (`comment/report/resolve` {report_id, resolved: true}) when the dump was
 *   fetched with `--reports`; warn and skip leave reports open.
 * - skip: nothing.
 */
import { UserError } from '../errors.js';
import {
  type LemmyRequest,
  banFromCommunity,
  createComment,
  removeComment,
  resolveCommentReport,
} from '../lemmy-api/requests.js';
import type { Comment, Post } from '../thread/schema.js';

/** The parts of a decision an action's Lemmy requests depend on. */
export interface DecisionFields {
  readonly commentId: string;
  readonly reason: string;
  readonly banDays?: number | null | undefined;
  readonly message?: string | null | undefined;
}

/** The comment a decision is about, with its Lemmy ids (only API dumps have them). */
export interface RequestTarget {
  readonly comment: Comment;
  readonly post: Post;
  readonly ref: NonNullable<Comment['lemmy']>;
}

/** How the review's decision form looks and what it records for an action. */
export interface ActionForm {
  /** When the form opens: always, or only on a comment the flagger did not flag (else decided at once). */
  readonly opens: 'always' | 'unflagged';
  /** The title line; `who` is the author label, `community` the `!name@instance` or null. */
  readonly title: (who: string, community: string | null) => string;
  /** The text box's label. */
  readonly label: string;
  readonly placeholder: string;
  /** What the text box starts with: nothing, the removal reason, or the warning reply. */
  readonly draft: 'none' | 'reason' | 'warning';
  /** Where the text goes: the decision's reason, or the reply (`message`, with a drafted reason beside it). */
  readonly text: 'reason' | 'message';
  /** Why the form refuses an empty text, or null when empty is fine. */
  readonly requiredText: string | null;
  /** A second field for the ban length in days. */
  readonly days: boolean;
}

/** The colour family of a mark: good (approved), dim (set aside), error (acted against). */
export type MarkTone = 'good' | 'dim' | 'error';

export interface ActionSpec {
  /** The review key. */
  readonly key: string;
  /** Imperative, as in the footer and the form's Enter hint. */
  readonly verb: string;
  readonly pastTense: string;
  /** One-column symbol in the queue, the thread view and the status bar. */
  readonly mark: string;
  readonly tone: MarkTone;
  /** The `?` help line. */
  readonly help: string;
  /** Counted in the status bar even at zero. */
  readonly countAlways: boolean;
  /** Refused on a comment with no author (deleted or anonymous). */
  readonly needsAuthor: boolean;
  /** The form behind the key, or null when the key decides at once. */
  readonly form: ActionForm | null;
  /** Whether the decision answers members' open reports on the comment (resolved after the action's own calls). */
  readonly resolvesReports: boolean;
  /** The Lemmy API calls that carry the decision out, in sending order. */
  readonly lemmyRequest: (decision: DecisionFields, target: RequestTarget) => LemmyRequest[];
}

const REASON_REQUIRED = 'the reason is empty: the author will read it';

const remove = (decision: DecisionFields, target: RequestTarget, removed = true) =>
  removeComment(target.ref.commentId, removed, decision.reason);

/** Rows in the order keys, help and counts list them; the order of the published `Action` enum. */
export const ACTIONS = {
  remove: {
    key: 'r',
    verb: 'remove',
    pastTense: 'removed',
    mark: '✗',
    tone: 'error',
    help: 'remove: rule, reason, Enter',
    countAlways: true,
    needsAuthor: false,
    form: {
      opens: 'always',
      title: (who) => `Remove ${who}'s comment`,
      label: 'reason: ',
      placeholder: '',
      draft: 'reason',
      text: 'reason',
      requiredText: REASON_REQUIRED,
      days: false,
    },
    resolvesReports: true,
    lemmyRequest: (decision, target) => [remove(decision, target)],
  },
  approve: {
    key: 'a',
    verb: 'approve',
    pastTense: 'approved',
    mark: '✓',
    tone: 'good',
    help: 'approve: the flag was wrong',
    countAlways: true,
    needsAuthor: false,
    // Approving a comment nobody flagged needs a rule to approve it against: the form offers the list.
    form: {
      opens: 'unflagged',
      title: (who) => `Approve ${who}'s comment`,
      label: 'note: ',
      placeholder: '(optional)',
      draft: 'none',
      text: 'reason',
      requiredText: null,
      days: false,
    },
    resolvesReports: true,
    lemmyRequest: (decision, target) => (target.comment.removed ? [remove(decision, target, false)] : []),
  },
  warn: {
    key: 'w',
    verb: 'warn',
    pastTense: 'warned',
    mark: '!',
    tone: 'error',
    help: 'warn: edit the reply, Enter',
    countAlways: false,
    needsAuthor: false,
    form: {
      opens: 'always',
      title: (who) => `Warn ${who}: reply`,
      label: 'reply: ',
      placeholder: '',
      draft: 'warning',
      text: 'message',
      requiredText: 'the reply is empty',
      days: false,
    },
    resolvesReports: false,
    lemmyRequest: (decision, target) => {
      const content = (decision.message ?? '').trim() || decision.reason.trim();
      return content ? [createComment(content, target.ref.postId, target.ref.commentId)] : [];
    },
  },
  ban: {
    key: 'b',
    verb: 'ban',
    pastTense: 'banned',
    mark: '⊘',
    tone: 'error',
    help: 'ban author: confirm, days',
    countAlways: false,
    needsAuthor: true,
    form: {
      opens: 'always',
      title: (who, community) => `Ban ${who} from ${community ?? 'the community'}?`,
      label: 'reason: ',
      placeholder: '',
      draft: 'reason',
      text: 'reason',
      requiredText: REASON_REQUIRED,
      days: true,
    },
    resolvesReports: true,
    lemmyRequest: (decision, target) => {
      const { comment, post, ref } = target;
      const communityId = ref.communityId ?? post.community?.lemmyCommunityId ?? null;
      const personId = ref.creatorId ?? comment.author?.lemmyPersonId ?? null;
      if (communityId === null || personId === null) {
        const missing = communityId === null ? 'community id' : 'author person id';
        throw new UserError(
          `cannot build the ban request for comment ${decision.commentId}: the dump has no ${missing}`,
        );
      }
      const ban = banFromCommunity({ communityId, personId, ...decision });
      return [remove(decision, target), ban];
    },
  },
  skip: {
    key: 's',
    verb: 'skip',
    pastTense: 'skipped',
    mark: '»',
    tone: 'dim',
    help: 'skip for now',
    countAlways: false,
    needsAuthor: false,
    form: null,
    resolvesReports: false,
    lemmyRequest: () => [],
  },
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof ACTIONS;

/** The action names in table order, for `z.enum`. */
export const ACTION_NAMES = Object.keys(ACTIONS) as [ActionName, ...ActionName[]];

/** Actions whose key opens the decision form (always or on unflagged comments). */
export type FormActionName = { [A in ActionName]: (typeof ACTIONS)[A]['form'] extends null ? never : A }[ActionName];

export const actionSpec = (action: ActionName): ActionSpec => ACTIONS[action];

/** A decision as `lemmyRequestsFor` reads it. */
export type RequestedDecision = DecisionFields & { readonly action: ActionName };

/** A count per action, all zero, in table order. */
export function zeroPerAction(): Record<ActionName, number> {
  return Object.fromEntries(ACTION_NAMES.map((a) => [a, 0])) as Record<ActionName, number>;
}

/**
 * The API calls for one decision, in the order to send them; null when the
 * comment has no Lemmy id (page-text dumps). Throws a UserError when a ban
 * cannot be addressed because the dump lacks the community or person id.
 */
export function lemmyRequestsFor(
  decision: RequestedDecision,
  comment: Comment,
  post: Post,
  reportIds: readonly number[] = [],
): LemmyRequest[] | null {
  const ref = comment.lemmy;
  if (!ref) return null;
  const spec = ACTIONS[decision.action];
  const requests = spec.lemmyRequest(decision, { comment, post, ref });
  if (!spec.resolvesReports) return requests;
  // Each open report on the comment is answered once, in id order, after the action itself.
  return [...requests, ...[...new Set(reportIds)].sort((a, b) => a - b).map(resolveCommentReport)];
}
