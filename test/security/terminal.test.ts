/**
 * No control character from a dump, a rules file or a server reaches the
 * terminal: tree, the scan table, every pane of review, fetch progress, apply
 * lines and error lines show them (␛, ␈, \u202e) instead. JSON keeps them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runApply } from '../../src/cli/commands/apply.js';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { stderrProgress } from '../../src/cli/progress.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import type { Rule } from '../../src/flag/rules-schema.js';
import { visible } from '../../src/text/visible.js';
import { Dump } from '../../src/thread/schema.js';
import { capture, instantDeps } from '../lemmy/helpers.js';
import { writeDecisions } from '../lemmy/decisions-fixture.js';
import { grownThread } from '../lemmy/thread-fixture.js';
import { frame, press, waitFor } from '../review/support/press.js';
import { dumpSession } from '../review/support/seed.js';
import { mount } from '../review/support/session.js';
import { ALL_HOSTILE, HIDDEN_INSULT, HOSTILE, SGR, strayControls, writeHostileDump } from '../support/hostile.js';
import { LemmyStandin } from '../support/lemmy-standin.js';
import { runCli } from '../support/run-cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'threadmod-hostile-'));

describe('visible', () => {
  it('shows every control, C1 and bidi character instead of passing it on', () => {
    expect(visible(HOSTILE.csi)).toBe('␛[2J␛[H');
    expect(visible(HOSTILE.oscTitle)).toBe('␛]0;owned␇');
    expect(visible(HOSTILE.oscLink)).toBe('␛]8;;https://evil.example/␛\\click␛]8;;␛\\');
    expect(visible(HOSTILE.c1)).toBe('\\u009b31m\\u0085\\u009d0;t\\u009c');
    expect(visible(HOSTILE.carriageReturn)).toBe('a␍b');
    expect(visible(`${HOSTILE.backspace}${HOSTILE.del}`)).toBe('␈␈␈␡');
    expect(visible('\u202eevil\u2066')).toBe('\\u202eevil\\u2066');
    expect(visible('a\nb')).toBe('a␊b');
    expect(visible('a\r\nb\rc', { newlines: true })).toBe('a\nb␍c');
    for (const sample of Object.values(HOSTILE)) expect(strayControls(visible(sample))).toEqual([]);
  });

  it('leaves ordinary text, emoji and non-Latin scripts untouched (the same string)', () => {
    const text = 'Ça va? 日本語 👍🏽 עברית — "quoted"';
    expect(visible(text)).toBe(text);
  });
});

describe('the CLI shows hostile text without obeying it', () => {
  it('tree: post title, community, author names and bodies', async () => {
    const file = writeHostileDump(tmp());
    const result = await runCli(['tree', file, '--width', '400']);
    expect(result.code).toBe(0);
    expect(strayControls(result.stdout)).toEqual([]);
    expect(result.stdout).toContain('Title start ␛[2J␛[H ␛[8m ␛]0;owned␇');
    expect(result.stdout).toContain('@alicestart ␛[2J');
    expect(result.stdout).toContain(`You are an idiot and a liar.${'␈'.repeat(28)}Thanks for the nice post!`);
    expect(result.stdout).toContain('\\u202e\\u202a');
  });

  it('tree --json keeps the text exactly as received', async () => {
    const file = writeHostileDump(tmp());
    const result = await runCli(['tree', file, '--json']);
    expect(result.code).toBe(0);
    const dump = Dump.parse(JSON.parse(result.stdout));
    const comments = dump.posts[0]!.comments;
    expect(comments.map((c) => c.body)).toEqual([
      `I disagree with this. ${ALL_HOSTILE}`,
      HIDDEN_INSULT,
      `You are a moron ${ALL_HOSTILE} and a clown.`,
    ]);
    expect(dump.posts[0]!.post.title).toBe(`Title ${ALL_HOSTILE}`);
  });

  it('scan: the flag table shows the hidden insult and no control', async () => {
    const file = writeHostileDump(tmp());
    const result = await runCli(['scan', file, '--scorer', 'lexicon']);
    expect(result.code).toBe(0);
    expect(strayControls(result.stdout)).toEqual([]);
    expect(strayControls(result.stderr)).toEqual([]);
    expect(result.stdout).toMatch(/@mallory -> [^\n]*\n *"You are an idiot and a liar\."/);
    expect(result.stdout).toContain('@bobstart ␛[2J␛[H ␛[8m ␛]0;owned␇');
  });

  it('an error line quoting dump text shows it, in one line', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ comments: [{ comment: { id: `x${HOSTILE.oscTitle}${HOSTILE.c1}\n\u202e` } }] }),
    );
    const result = await runCli(['tree', file]);
    expect(result.code).toBe(2);
    expect(strayControls(result.stderr)).toEqual([]);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an error line naming a file with control characters in its name shows them', async () => {
    const dir = tmp();
    const result = await runCli(['tree', path.join(dir, `missing${HOSTILE.oscTitle}\u202e.txt`)]);
    expect(result.code).toBe(2);
    expect(strayControls(result.stderr)).toEqual([]);
    expect(result.stderr).toContain('missing␛]0;owned␇\\u202e.txt: no such file');
  });
});

describe('review: every pane shows hostile text without obeying it', () => {
  it('queue, context, thread, header and the remove form, in colour and without', async () => {
    for (const colour of [false, true]) {
      const dir = tmp();
      const dumpFile = writeHostileDump(dir);
      const { backend, thread, journalFile } = await dumpSession(dumpFile, {
        makeScorer: async () => createLexiconScorer(),
      });
      const rules: Rule[] = [
        {
          id: 'personal-attack',
          title: `No personal attacks ${ALL_HOSTILE}`,
          citation: `Rule 3.${HOSTILE.oscClipboard}`,
          triggers: [{ label: 'insult', threshold: 0.5 }],
          requiresTarget: true,
          action: 'remove',
        },
      ];
      const { app } = await mount({
        thread,
        rules,
        backend,
        dumpFile,
        journalFile,
        colour,
        size: { columns: 160, rows: 40 },
      });
      await waitFor(app, (s) => /Queue · \d+ flagged/.test(s) && !/scoring/.test(s));
      const screens: string[] = [];
      const look = async (...keys: string[]) => {
        await press(app, ...keys);
        screens.push(app.lastFrame() ?? '');
      };
      await look();
      // The flag on the hidden insult: the context pane shows the insult and the 28 backspaces.
      const queue = frame(app);
      expect(queue).toMatch(new RegExp(`You are an idiot and a liar\\.«?${'␈'.repeat(28)}Thanks for the nice post!`));
      await look('j');
      await look('t');
      await look('j');
      await look('j');
      await look('t');
      await look('r');
      await look('escape');
      for (const screen of [...screens, ...app.frames]) {
        expect(strayControls(screen, colour ? [SGR] : [])).toEqual([]);
      }
      const all = screens.map((s) => s.replace(new RegExp(SGR.source, 'g'), '')).join('\n');
      expect(all).toContain('Title start ␛[2J␛[H');
      expect(all).toContain('alicestart ␛[2J');
      expect(all).toMatch(/No personal attacks start ␛\[2J/);
      app.unmount();
    }
  });
});

describe('fetch and apply lines show what a server sends without obeying it', () => {
  it('fetch progress and summary on a terminal: the server version is shown, only the progress codes are ours', async () => {
    const thread = grownThread('v3', 3);
    const server = await LemmyStandin.start({
      api: 'v3',
      post: thread.post,
      comments: thread.views,
      lemmyVersion: `0.19.5${ALL_HOSTILE}`,
    });
    try {
      const io = capture(true);
      await runFetch(
        undefined,
        { instance: server.url, post: '180', out: 'thread.json' },
        { ...io, env: {}, cwd: tmp(), ...instantDeps() },
      );
      expect(io.err()).toContain('Lemmy 0.19.5start ␛[2J');
      expect(strayControls(io.err(), [/\r\x1b\[2K/])).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('stderr progress shows a hostile status message', () => {
    let out = '';
    const stream = { isTTY: true, write: (t: string) => ((out += t), true) } as unknown as NodeJS.WriteStream;
    stderrProgress('x', stream).status(`host ${ALL_HOSTILE}`);
    expect(out.startsWith('\r\x1b[2Khost start ␛[2J')).toBe(true);
    expect(strayControls(out, [/\r\x1b\[2K/])).toEqual([]);
  });

  it('apply --dry-run lines show hostile reasons without obeying them', async () => {
    const dir = tmp();
    const dumpFile = writeHostileDump(dir);
    const file = path.join(dir, 'decisions.json');
    writeDecisions(dumpFile, [{ commentId: '2', action: 'remove', reason: `"idiot" Rule 3.${ALL_HOSTILE}` }], file);
    const io = capture();
    await runApply(
      file,
      { instance: 'https://lemmy.world', dryRun: true, api: 'v3' },
      { stdout: io.stdout, stderr: io.stderr, env: {} },
    );
    expect(io.out()).toContain('Rule 3.start ');
    expect(strayControls(io.out())).toEqual([]);
  });
});
