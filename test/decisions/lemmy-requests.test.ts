import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lemmyRequestsFor, type RequestedDecision } from '../../src/decisions/actions.js';
import { LemmyRequest } from '../../src/lemmy-api/requests.js';
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
const decidedAt = '2024-01-15T12:00:00.000Z';

function made(action: Action, extra: Partial<RequestedDecision> = {}): RequestedDecision {
  return { commentId: '27', action, reason: '"Fuck off libtard" Rule 3.', decidedAt, ...extra };
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

  it('bans after removing, with expires in unix seconds, or none for a permanent ban', () => {
    const [remove, ban] = lemmyRequestsFor(made('ban', { banDays: 7 }), apiComment(), post)!;
    expect(remove?.path).toBe('/api/v3/comment/remove');
    expect(ban).toEqual({
      method: 'POST',
      path: '/api/v3/community/ban_user',
      body: {
        community_id: 29,
        person_id: 14,
        ban: true,
        reason: '"Fuck off libtard" Rule 3.',
        expires: 1705320000 + 7 * 86400,
      },
    });
    const permanent = lemmyRequestsFor(made('ban', { banDays: null }), apiComment(), post)![1]!;
    expect(permanent.body).not.toHaveProperty('expires');
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
            { commentId: '27', action, reason, message, banDays, decidedAt: at.toISOString() },
            apiComment({ removed }),
            post,
          )!;
          for (const request of requests) expect(LemmyRequest.parse(request)).toEqual(request);
          const ban = requests.find((r) => r.path === '/api/v3/community/ban_user');
          if (ban && banDays !== null) {
            expect((ban.body as { expires: number }).expires - Math.floor(at.getTime() / 1000)).toBe(banDays * 86400);
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
