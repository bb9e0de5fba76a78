import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseLemmyText } from '../../src/parse/lemmy-text.js';
import { splitBadges } from '../../src/parse/text-headers.js';
import { Dump, type Comment } from '../../src/thread/schema.js';
import { COMMENTLESS_SEEDS, SEED_THREAD } from '../support/shared.js';

const seedText = () => readFileSync(SEED_THREAD(), 'utf8');
const parse = (text: string, file = 'thread.txt') => parseLemmyText(text, file);
const only = (text: string) => {
  const dump = parse(text);
  expect(dump.posts).toHaveLength(1);
  return dump.posts[0]!;
};
const paragraphs = (c: Comment) => c.body.split('\n\n').length;

describe('the seed thread', () => {
  // Read off 004_48b6010b9728e002.txt by hand: header line, parent, depth,
  // score, author, badges, first words, paragraphs.
  const expected: Array<[string, string | null, number, number | null, string | null, string[], string, number]> = [
    ['L13', null, 1, null, null, [], 'Biden is following the same US-ally mutual defense policy', 2],
    ['L19', 'L13', 2, 17, null, [], 'Biden is going well above and beyond in assisting', 2],
    ['L25', 'L19', 3, null, null, [], 'The US supporting the Israeli invasion and genocide', 2],
    ['L31', 'L25', 4, null, null, [], 'The fact that I’m mad about it right now', 1],
    ['L35', 'L31', 5, null, null, [], 'Making it clear that you understand the budget', 2],
    [
      'L41',
      'L13',
      2,
      16,
      null,
      [],
      'Biden is following the same US-ally mutual defense policy that has been in place since Israel was founded\n\nMaybe he should change that policy.',
      4,
    ],
    ['L51', 'L41', 3, null, null, [], 'Biden should definitely change it, and the White House', 3],
    ['L59', 'L51', 4, 10, null, [], 'Fuck that.\n\nIf you want people to vote for you', 5],
    ['L72', 'L59', 5, 1, 'jordanlund', ['moderator'], 'To be 100% clear here, you aren’t wrong.', 5],
    ['L84', 'L13', 2, 1, null, [], 'what?!! i thought it has been exactly the same for 70 years!', 3],
    ['L93~3', 'L84', 3, null, null, [], '', 1],
    ['L93~4', 'L93~3', 4, null, null, [], '', 1],
    ['L93', 'L93~4', 5, null, null, [], 'See that’s what’s getting you confused.', 3],
  ];

  it('has every comment where the page puts it', () => {
    const { comments } = only(seedText());
    expect(comments.map((c) => c.id)).toEqual(expected.map((e) => e[0]));
    comments.forEach((c, i) => {
      const [id, parentId, depth, score, author, badges, start, paras] = expected[i]!;
      expect({
        id,
        parentId: c.parentId,
        depth: c.depth,
        score: c.score,
        author: c.author?.name ?? null,
        badges: c.badges,
      }).toEqual({
        id,
        parentId,
        depth,
        score,
        author,
        badges,
      });
      expect(c.body.startsWith(start), `${id} body starts ${JSON.stringify(start)}`).toBe(true);
      expect(paragraphs(c), `${id} paragraphs`).toBe(paras);
    });
  });

  it('keeps paths, lines, ages and the moderator', () => {
    const { comments } = only(seedText());
    const byId = new Map(comments.map((c) => [c.id, c]));
    const mod = byId.get('L72')!;
    expect(mod.author).toEqual({ name: 'jordanlund', instance: 'lemmy.world' });
    expect(mod.path).toEqual(['L13', 'L41', 'L51', 'L59', 'L72']);
    expect(mod.line).toBe(72); // the header's line, not the author line's (71)
    expect(mod.body).toContain('“Your tantrum is as naive as it is immature.”\n\nRule 3.');
    expect(mod.body.endsWith('Also rule 3.')).toBe(true);
    expect(byId.get('L93')!.path).toEqual(['L13', 'L84', 'L93~3', 'L93~4', 'L93']);
    for (const c of comments) {
      expect(c.path[c.path.length - 1]).toBe(c.id);
      expect(c.path.length).toBe(c.depth);
      expect(c.quotes).toEqual([]);
      expect(c.scoreUncertain).toBe(false);
      if (c.placeholder) {
        expect([c.author, c.body, c.line, c.age, c.score]).toEqual([null, '', null, null, null]);
      } else {
        expect(c.age).toBe('6 months ago');
        expect(c.line).toBe(Number(c.id.slice(1)));
      }
    }
    expect(comments.filter((c) => c.placeholder).map((c) => c.id)).toEqual(['L93~3', 'L93~4']);
    // A paragraph keeps its line breaks; the double blank line before the last one is one break.
    expect(byId.get('L84')!.body.split('\n\n')[2]).toBe('(sound of head exploding)');
  });

  it('takes the article before the first header as the post', () => {
    const { post } = only(seedText());
    expect(post.title).toBeNull(); // the first line is a long sentence ending in a period
    expect(post.body.startsWith('President Biden and other senior U.S. officials')).toBe(true);
    expect(post.body.endsWith('“There is immense frustration,” a U.S. official said.')).toBe(true);
    const paras = post.body.split('\n\n');
    expect(paras).toHaveLength(5);
    // Bulleted lines stay one paragraph, one line each, without their indentation.
    expect(paras[2]!.split('\n')).toHaveLength(2);
    expect(paras[2]!.startsWith('• “The situation sucks')).toBe(true);
  });

  it('fits the published schema', () => {
    const dump = parse(seedText());
    expect(Dump.parse(dump)).toEqual(dump);
    expect(dump.format).toBe('lemmy-text');
  });
});

describe('copies mangled on the way', () => {
  const crlf = (t: string) => t.replace(/\n/g, '\r\n');
  const bom = (t: string) => `\uFEFF${t}`;
  const trailing = (t: string) => t.replace(/\n/g, ' \t \n');
  // unexpand -a: leading spaces to tabs at 8-column stops.
  const tabs = (t: string) =>
    t.replace(/^ +/gm, (s) => '\t'.repeat(Math.floor(s.length / 8)) + ' '.repeat(s.length % 8));
  const nbsp = (t: string) => t.replace(/^ +/gm, (s) => '\u00A0'.repeat(s.length));

  it.each([
    ['CRLF', crlf],
    ['lone CR', (t: string) => t.replace(/\n/g, '\r')],
    ['BOM', bom],
    ['trailing spaces', trailing],
    ['tabs', tabs],
    ['no-break spaces', nbsp],
    ['all at once', (t: string) => bom(crlf(trailing(tabs(t))))],
  ])('%s give the same dump', (_name, mangle) => {
    const text = seedText();
    const mangled = mangle(text);
    expect(mangled).not.toBe(text);
    expect(parse(mangled)).toEqual(parse(text));
  });
});

describe('articles without comments', () => {
  it.each(COMMENTLESS_SEEDS().map((file) => [path.basename(file), file]))(
    '%s is a post with no comments',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const { post, comments } = only(text);
      expect(comments).toEqual([]);
      const first = text.split('\n')[0]!.trim();
      // Each of these opens with a short line and a blank one: a headline.
      expect(post.title).toBe(first);
      expect(post.body.length).toBeGreaterThan(500);
      expect(post.body).not.toContain('\n\n\n');
    },
  );

  it('is the same for text that is not a Lemmy page at all', () => {
    expect(only('{not json\n  just text, 6 months on.\n')).toEqual({
      post: {
        title: null,
        body: '{not json\njust text, 6 months on.',
        url: null,
        community: null,
        author: null,
        lemmyPostId: null,
        apId: null,
      },
      comments: [],
    });
    expect(only('')).toEqual({
      post: { title: null, body: '', url: null, community: null, author: null, lemmyPostId: null, apId: null },
      comments: [],
    });
  });
});

describe('headers', () => {
  it('reads a header flush left as text, not a comment', () => {
    const { post, comments } = only('Timeline\n\n2 years ago\nthe war began.\n');
    expect(comments).toEqual([]);
    expect(post.title).toBe('Timeline');
    expect(post.body).toBe('2 years ago\nthe war began.');
  });

  it.each([
    [
      'an odd column',
      'Post.\n\n    6 months ago\n\n    Top.\n\n     6 months ago\n\n     Reply.\n',
      'thread.txt:7',
      /indented 5 columns/,
    ],
    [
      'column 2',
      'Post.\n\n  16 months ago\n\n  Text.\n',
      'thread.txt:3',
      /comment header "16 months ago" is indented 2 columns/,
    ],
    [
      'an impossible depth',
      `Post.\n\n${' '.repeat(4 + 2 * 100)}6 months ago\n`,
      'thread.txt:3',
      /nested 101 levels deep/,
    ],
    [
      'an author line at an odd column',
      'Post.\n\n   • @a@b.org\n     6 months ago\n\n   x\n',
      'thread.txt:3',
      /author line "• @a@b.org" is indented 3 columns/,
    ],
  ])('refuses a header at %s with file:line', (_name, text, where, detail) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toBe(where);
    expect((error as InputError).message).toMatch(detail);
    expect((error as InputError).message.startsWith(`${where}: `)).toBe(true);
  });

  it('keeps body lines indented deeper or shallower than the header, trimmed', () => {
    const text = [
      'P.',
      '',
      '    6 months ago',
      '',
      '    one',
      '        two (deeper)',
      '',
      '  three (shallower)',
      '',
      '      6 months ago',
      '',
      '      reply',
      '',
    ].join('\n');
    const { comments } = only(text);
    expect(comments.map((c) => [c.id, c.parentId, c.body])).toEqual([
      ['L3', null, 'one\ntwo (deeper)\n\nthree (shallower)'],
      ['L10', 'L3', 'reply'],
    ]);
  });

  it('accepts the deepest nesting it allows', () => {
    const { comments } = only(`Post.\n\n${' '.repeat(4 + 2 * 99)}6 months ago\n`);
    expect(comments).toHaveLength(100);
    expect(comments[99]!.path).toEqual([...comments.slice(0, 99).map((c) => c.id), 'L3']);
  });

  it('stays linear on lines built to make regular expressions backtrack', () => {
    const n = 200_000;
    const hostile = [
      `    ${'1'.repeat(n)} days ago`,
      `    ${' \u00A0'.repeat(n)}ago`,
      `    -${'-1'.repeat(n)} months ago`,
      `    • @${'a'.repeat(n)}@${'b.'.repeat(n)}`,
      `    • @${'@'.repeat(n)}`,
      `    ${'1 '.repeat(n)}days ago`,
      `    about ${'9'.repeat(n)} years ago`,
    ].join('\n');
    // No timing assertion: a backtracking trap would take minutes and time the test out.
    const { comments } = only(`Post.\n\n    6 months ago\n\n${hostile}\n`);
    // None of them is a header (over-long numbers are not times); all stay text.
    expect(comments).toHaveLength(1);
    const lines = comments[0]!.body.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toBe('ago'); // spaces and no-break spaces are indentation
    expect(lines[4]).toBe(`• @${'@'.repeat(n)}`);
  });

  it('opens with placeholders when the first comment is a reply', () => {
    const { comments } = only('Title\n\n        5 days ago\n\n        Deep.\n');
    expect(comments.map((c) => [c.id, c.parentId, c.depth, c.placeholder])).toEqual([
      ['L3~1', null, 1, true],
      ['L3~2', 'L3~1', 2, true],
      ['L3', 'L3~2', 3, false],
    ]);
  });

  it('hangs later replies of a gap under the same placeholders', () => {
    const text = [
      'P.',
      '',
      '    6 months ago',
      '',
      '    a',
      '',
      '          6 months ago',
      '',
      '          b',
      '',
      '          6 months ago',
      '',
      '          c',
      '',
      '        6 months ago',
      '',
      '        d',
      '',
    ].join('\n');
    const { comments } = only(text);
    expect(comments.map((c) => [c.id, c.parentId])).toEqual([
      ['L3', null],
      ['L7~2', 'L3'],
      ['L7~3', 'L7~2'],
      ['L7', 'L7~3'],
      ['L11', 'L7~3'],
      ['L15', 'L7~2'],
    ]);
  });
});

describe('author lines', () => {
  const withAuthor = (line: string) => only(`P.\n\n    ${line}\n      6 months ago\n\n      Body.\n`).comments;

  it.each([
    ['• @jordanlund@lemmy.worldM', 'jordanlund', 'lemmy.world', ['moderator']],
    ['• @alice@sh.itjust.worksOPM', 'alice', 'sh.itjust.works', ['op', 'moderator']],
    ['• @Bob_2@lemm.eeAB', 'Bob_2', 'lemm.ee', ['admin', 'bot']],
    ['• @carol@programming.dev', 'carol', 'programming.dev', []],
    ['•\u00A0@dave@feddit.deMOP', 'dave', 'feddit.de', ['moderator', 'op']],
    ['• @erin', 'erin', null, []],
  ])('%s', (line, name, instance, badges) => {
    const [comment] = withAuthor(line);
    expect(comment!.author).toEqual({ name, instance });
    expect(comment!.badges).toEqual(badges);
    expect(comment!.depth).toBe(1); // the author line's column decides
    expect(comment!.line).toBe(4);
    expect(comment!.body).toBe('Body.');
  });

  it('leaves capitals that spell no badge in the host', () => {
    expect(splitBadges('lemmy.MLM')).toEqual({ host: 'lemmy.ML', badges: ['moderator'] });
    expect(splitBadges('example.org')).toEqual({ host: 'example.org', badges: [] });
    expect(splitBadges('example.orgX')).toEqual({ host: 'example.orgX', badges: [] });
  });

  it('is body text unless the header follows two columns in', () => {
    const text = [
      'P.',
      '',
      '    6 months ago',
      '',
      '    Look:',
      '    • @bob@lemmy.world',
      '',
      '      6 months ago',
      '',
      '      Reply.',
      '    • @x@y.z',
      '    6 months ago',
      '',
    ].join('\n');
    const { comments } = only(text);
    expect(comments.map((c) => [c.id, c.parentId, c.author])).toEqual([
      ['L3', null, null],
      ['L8', 'L3', null],
      ['L12', null, null],
    ]);
    expect(comments[0]!.body).toBe('Look:\n• @bob@lemmy.world');
    expect(comments[1]!.body).toBe('Reply.\n• @x@y.z');
  });
});

describe('scores the text leaves open', () => {
  const thread = (...headers: Array<[number, string]>) =>
    only(
      ['P.', '', ...headers.flatMap(([col, h]) => [' '.repeat(col) + h, '', `${' '.repeat(col)}text`, ''])].join('\n'),
    ).comments;

  it('takes the usual age of the dump', () => {
    // 123 days: 1 + 23 days or 12 + 3 days; everyone else is 3 days old.
    const comments = thread([4, '3 days ago'], [6, '53 days ago'], [4, '123 days ago'], [4, '3 days ago']);
    expect(comments.map((c) => [c.score, c.age, c.scoreUncertain])).toEqual([
      [null, '3 days ago', false],
      [5, '3 days ago', false],
      [12, '3 days ago', true],
      [null, '3 days ago', false],
    ]);
  });

  it('lets a parent bound its reply', () => {
    const comments = thread([4, '5 days ago'], [6, '123 days ago'], [4, '20 days ago'], [4, '20 days ago']);
    // The usual age is 20 days, but a reply cannot be older than its 5-day-old parent.
    expect([comments[1]!.score, comments[1]!.age, comments[1]!.scoreUncertain]).toEqual([12, '3 days ago', true]);
  });

  it('lets a reply bound its parent', () => {
    const comments = thread([4, '123 days ago'], [6, '20 days ago'], [4, '3 days ago'], [4, '3 days ago']);
    expect([comments[0]!.score, comments[0]!.age, comments[0]!.scoreUncertain]).toEqual([1, '23 days ago', true]);
  });
});
