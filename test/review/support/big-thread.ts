/**
 * A large, deterministic thread for windowing tests and the TUI benchmark:
 * replies nest the way real threads do (mostly to recent comments, some deep
 * chains), authors repeat, and about one comment in eight attacks someone.
 */
import { assembleThread } from '../../../src/thread/tree.js';
import { blankComment, type Comment, type Thread } from '../../../src/thread/schema.js';
import { prng as random } from '../../support/prng.js';

const NEUTRAL = [
  'Biden is following the same policy that has been in place for decades.',
  'The administration released a statement this morning.',
  'Policies can be changed, and they should be.',
  'I have been critical of the alliance for years, but this is different.',
  'Three months is not long in diplomatic terms.',
  'The budget numbers tell a different story than the headlines.',
  'Voting is about more than one issue.',
  'That is a fair point about the history of the conflict.',
  'Source? I would like to read the original report.',
  'Congress has to approve most of that aid anyway.',
];

const ATTACKS = [
  'You are an ignorant idiot.',
  'Shut up, moron.',
  'Fuck off, you clown.',
  'What a stupid take, you absolute fool.',
  'You keep proving you are a complete imbecile.',
];

export function bigThread(count: number, seed = 42): Thread {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const comments: Comment[] = [];
  for (let i = 0; i < count; i++) {
    const id = `C${i + 1}`;
    let parent: Comment | null = null;
    const r = rand();
    if (comments.length > 0 && r > 0.15) {
      // Mostly replies to one of the last few comments, sometimes to an older one.
      const back = r > 0.9 ? Math.floor(rand() * comments.length) : Math.floor(rand() * Math.min(8, comments.length));
      parent = comments[comments.length - 1 - back]!;
    }
    const path = parent ? [...parent.path, id] : [id];
    const sentences = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(NEUTRAL));
    if (rand() < 0.125) sentences.splice(Math.floor(rand() * (sentences.length + 1)), 0, pick(ATTACKS));
    comments.push({
      ...blankComment(id, parent?.id ?? null, path),
      author: { name: `user${Math.floor(rand() * 300)}`, instance: 'lemmy.world' },
      body: sentences.join(' '),
      score: Math.floor(rand() * 40) - 5,
      age: '6 months ago',
      line: i + 1,
    });
  }
  return {
    post: {
      title: `A generated thread of ${count} comments`,
      body: '',
      url: null,
      community: { name: 'politics', instance: 'lemmy.world' },
      author: null,
      lemmyPostId: null,
      apId: null,
    },
    comments: assembleThread(comments, { key: (c) => c.line ?? 0 }),
  };
}
