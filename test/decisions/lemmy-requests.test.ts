import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lemmyRequestsFor, type RequestedDecision } from '../../src/decisions/actions.js';
import { LemmyRequest } from '../../src/lemmy-api/requests.js';
import { forApi, requestKey } from '../../src/lemmy-api/outgoing.js';
import { Action } from '../../src/decisions/schema.js';
import { UserError } from '../../src/errors.js';
import { blankComment, emptyPost, type Comment, type Post } from '../../src/thread/schema.js';

/** Comment 27 replying to 24 on post 180 of community 29, written by person 14 (ids as in Lemmy's own paths). */
function apiComment(overrides: Partial<Comment> = {}): Comment {
  return {
    ...blankComment('27', '24', ['24', '27']),
    author: { name: 'seed_user', instance: 'test1.lemmy.ddenis.info', lemmyPersonId: 14 },
    lemmy: {
      commentId: 27,
      apId: 'https://test1.lemmy.ddenis.info/comment/27',
      postId: 180,
      communityId: 29,
      creatorId: 14,
      path: '0.24.27',
    },
    ...overrides,
  };
}

const post: Post = {
  ...emptyPost(),
  lemmyPostId: 180,
  community: { name: 'music', instance: null, lemmyCommunityId: 29 },
};
function made(action: Action, extra: Partial<RequestedDecision> = {}): RequestedDecision {
  return { commentId: '27', action, reason: '"Fuck off libtard" Rule 3.', ...extra };
}

describe('lemmyRequestsFor', () => {
  it('removes with the reason', () => {
    expect(lemmyRequestsFor(made('remove'), apiComment(), post)).toEqual([
      {
        method: 'POST',
        path: '/api/v3/comment/remove',
        body: { comment_id: 27, removed: true, reason: '"Fuck off libtard" Rule 3.' },
      },
    ]);
  });

  it('bans after removing, with the length in days and no end time (set when sent), or none for a permanent ban', () => {
    const [remove, ban] = lemmyRequestsFor(made('ban', { banDays: 7 }), apiComment(), post)!;
    expect(remove?.path).toBe('/api/v3/comment/remove');
    expect(ban).toEqual({
      method: 'POST',
      path: '/api/v3/community/ban_user',
      body: { community_id: 29, person_id: 14, ban: true, reason: '"Fuck off libtard" Rule 3.' },
      banDays: 7,
    });
    // Sent a week after the decision, the ban still lasts 7 days from the moment it is sent.
    const sentAt = new Date('2024-01-22T12:00:00.000Z');
    expect(forApi(ban!, 'v4', sentAt).body).toMatchObject({ expires: sentAt.getTime() / 1000 + 7 * 86400 });
    const permanent = lemmyRequestsFor(made('ban', { banDays: null }), apiComment(), post)![1]!;
    expect(permanent).not.toHaveProperty('banDays');
    expect(forApi(permanent, 'v3', sentAt).body).not.toHaveProperty('expires');
  });

  it("sends an old file's fixed `expires` as written, and keys the ban length apart", () => {
    const old: LemmyRequest = {
      method: 'POST',
      path: '/api/v3/community/ban_user',
      body: { community_id: 29, person_id: 14, ban: true, reason: 'r', expires: 1705320000 },
    };
    expect(forApi(old, 'v3', new Date('2030-01-01')).body).toEqual(old.body);
    const week = lemmyRequestsFor(made('ban', { banDays: 7 }), apiComment(), post)![1]!;
    const day = lemmyRequestsFor(made('ban', { banDays: 1 }), apiComment(), post)![1]!;
    expect(requestKey(week)).not.toBe(requestKey(day));
  });

  it('falls back to the post community and the author person id, and refuses a ban it cannot address', () => {
    const partial = apiComment({ lemmy: { ...apiComment().lemmy!, communityId: null, creatorId: null } });
    expect(lemmyRequestsFor(made('ban'), partial, post)![1]!.body).toMatchObject({ community_id: 29, person_id: 14 });
    const noCommunity = { ...post, community: null };
    expect(() => lemmyRequestsFor(made('ban'), partial, noCommunity)).toThrow(UserError);
    expect(() => lemmyRequestsFor(made('ban'), partial, noCommunity)).toThrow(
      /comment 27: the dump has no community id/,
    );
  });

  it('warns with a reply under the comment: the message, else the reason, else nothing', () => {
    expect(lemmyRequestsFor(made('warn', { message: 'Please keep it civil.' }), apiComment(), post)).toEqual([
      {
        method: 'POST',
        path: '/api/v3/comment',
        body: { content: 'Please keep it civil.', post_id: 180, parent_id: 27 },
      },
    ]);
    expect(lemmyRequestsFor(made('warn'), apiComment(), post)![0]!.body).toMatchObject({
      content: '"Fuck off libtard" Rule 3.',
    });
    expect(lemmyRequestsFor(made('warn', { reason: ' ', message: '' }), apiComment(), post)).toEqual([]);
  });

  it('approves by restoring only a removed comment; skip sends nothing', () => {
    expect(lemmyRequestsFor(made('approve', { reason: '' }), apiComment(), post)).toEqual([]);
    expect(lemmyRequestsFor(made('approve', { reason: '' }), apiComment({ removed: true }), post)).toEqual([
      { method: 'POST', path: '/api/v3/comment/remove', body: { comment_id: 27, removed: false, reason: '' } },
    ]);
    expect(lemmyRequestsFor(made('skip'), apiComment({ removed: true }), post)).toEqual([]);
  });

  it('has nothing to send for a comment without a Lemmy id (page text)', () => {
    expect(lemmyRequestsFor(made('ban'), blankComment('L12', null, ['L12']), emptyPost())).toBeNull();
  });

  it('always builds requests that match the published schema', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Action.options),
        fc.string(),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }),
        fc.boolean(),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (action, reason, message, banDays, removed, at) => {
          const requests = lemmyRequestsFor(
            { commentId: '27', action, reason, message, banDays },
            apiComment({ removed }),
            post,
          )!;
          for (const request of requests) expect(LemmyRequest.parse(request)).toEqual(request);
          const ban = requests.find((r) => r.path === '/api/v3/community/ban_user');
          if (ban && banDays !== null) {
            const sent = forApi(ban, 'v3', at).body as { expires: number };
            expect(sent.expires - Math.floor(at.getTime() / 1000)).toBe(banDays * 86400);
          }
          expect(requests.length > 0).toBe(
            action === 'remove' ||
              action === 'ban' ||
              (action === 'approve' && removed) ||
              (action === 'warn' && ((message ?? '').trim() !== '' || reason.trim() !== '')),
          );
        },
      ),
    );
  });
});
