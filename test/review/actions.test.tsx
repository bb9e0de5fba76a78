/**
 * The review app driven by keys on a hand-built thread (named authors, a
 * moderator, a quote), with the real journal on disk: every action, the
 * text boxes, undo/redo, help, filter, the thread view.
 */
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { frame, linesOf, press, waitFor } from './support/press.js';
import { mountFixture } from './support/session.js';

const start = mountFixture;

async function decisionsOnDisk(journalFile: string) {
  return [...(await readJournal(journalFile)).state.active.values()];
}

describe('review app on a hand-built thread', () => {
  it('lists flags most severe first and moves with j, k and the arrows', async () => {
    const { app } = await start();
    expect(linesOf(frame(app), /── Queue/, 4)).toMatchInlineSnapshot(`
      "── Queue · 3 flagged · 1/3 ─────────────────────────────────────────────────────
      ▸            Rule 3   .92 @bob           d2  → parent “You are an ignorant idio…
                   Rule 3   .85 @dave          d2  → parent “Shut up, moron.”
                   Rule 1   .74 @erin          d3  → parent “What a stupid take, you …"
    `);
    await press(app, 'j', 'down');
    expect(frame(app)).toMatch(/^▸ .*@erin/m);
    await press(app, 'k');
    expect(frame(app)).toMatch(/^▸ .*@dave/m);
    await press(app, 'up', 'up');
    expect(frame(app)).toMatch(/^▸ .*@bob/m);
  });

  it('shows the context: ancestors, the comment with »evidence«, replies, score bars', async () => {
    const { app } = await start();
    await press(app, 'j');
    expect(linesOf(frame(app), /── Context/, 8)).toMatchInlineSnapshot(`
      "── Context ─────────────────────────────────────────────────────────────────────
      ↑ @alice@lemmy.world: Policy should change. Everyone agrees on that.
      @dave@lemmy.world · depth 2 · line 40 · 6 months ago
      flagged Rule 3 .85 → parent comment's author (cue: "you")
      »Shut up, moron.« Nobody asked you.
      ↳ @jordanlund@lemmy.world [M]: Removed for personal attacks. Rule 3.
      ↳ @erin@lemmy.world: What a stupid take, you clown.
      insult   ███████░ .85  toxicity ██████░░ .80"
    `);
  });

  it('r: picks the rule, edits the reason; the row is marked only once the journal has it', async () => {
    const { app, session } = await start();
    await press(app, 'r');
    expect(linesOf(frame(app), /^Remove/, 4)).toMatchInlineSnapshot(`
      "Remove @bob@lemmy.world's comment
      ▸ personal-attack No personal attacks · cites "Rule 3."
        civility        Be civil · cites "Rule 1."
      reason: Removed under Rule 3 (No personal attacks): "You are an ignorant"
    `);
    // In the text box q and j are letters, not quit and down.
    await press(app, 'ctrlW', 'ctrlW', { text: 'idiot." Quit it.' }, 'j');
    expect(frame(app)).toMatch(
      /reason: Removed under Rule 3 \(No personal attacks\): "You are an idiot\." Quit\nit\.j▏/,
    );
    await press(app, 'backspace', 'enter');
    await waitFor(app, /✗ removed +Rule 3 +\.92 @bob/);
    expect(frame(app)).toMatch(/^▸ .*@dave/m);
    expect(frame(app)).toMatch(/removed @bob@lemmy\.world's comment \(Rule 3\)/);
    const [decision] = await decisionsOnDisk(session.journalFile);
    expect(decision).toMatchObject({
      commentId: 'L20',
      action: 'remove',
      ruleId: 'personal-attack',
      reason: 'Removed under Rule 3 (No personal attacks): "You are an idiot." Quit it.',
    });
    expect(decision!.evidence[0]!.text).toBe('You are an ignorant idiot.');
  });

  it('a approves at once; s skips; both move on to the next undecided flag', async () => {
    const { app, session } = await start();
    await press(app, 'a');
    await waitFor(app, /✓ approved +Rule 3 +\.92 @bob/);
    await press(app, 's');
    await waitFor(app, /» skipped +Rule 3 +\.85 @dave/);
    expect(frame(app)).toMatch(/^▸ .*@erin/m);
    expect(frame(app)).toMatch(/3 flagged · 2 decided \(✗ 0 removed, ✓ 1 approved, » 1 skipped\) · 1 left/);
    expect((await decisionsOnDisk(session.journalFile)).map((d) => [d.commentId, d.action])).toEqual([
      ['L20', 'approve'],
      ['L40', 'skip'],
    ]);
  });

  it('w drafts a reply to the author citing the rule, editable', async () => {
    const { app, session } = await start();
    await press(app, 'G', 'w');
    expect(frame(app)).toMatch(/Warn @erin@lemmy\.world: reply/);
    expect(frame(app)).toMatch(
      /reply: @erin: Your comment breaks Rule 1 \(Be civil\): "What a stupid take, you\nclown\." This is a warning; next time the comment will be removed\.▏/,
    );
    await press(app, 'end', { text: ' Thanks.' }, 'enter');
    await waitFor(app, /! warned +Rule 1/);
    const [decision] = await decisionsOnDisk(session.journalFile);
    expect(decision).toMatchObject({
      action: 'warn',
      ruleId: 'civility',
      reason: 'Removed under Rule 1 (Be civil): "What a stupid take, you clown."',
    });
    expect(decision!.message).toBe(
      '@erin: Your comment breaks Rule 1 (Be civil): "What a stupid take, you clown." This is a warning; next time the comment will be removed. Thanks.',
    );
  });

  it('b asks to confirm the ban, with optional days; Esc cancels', async () => {
    const { app, session } = await start();
    await press(app, 'b');
    expect(frame(app)).toMatch(/Ban @bob@lemmy\.world from !politics@lemmy\.world\?\n/);
    expect(frame(app)).toMatch(/days: \(empty: permanent\)/);
    expect(frame(app).split('\n').at(-1)).toBe('↑↓ rule · Tab days · Enter ban · Esc cancel · typing edits the text');
    await press(app, 'escape');
    expect(frame(app)).toMatch(/ban cancelled/);
    await press(app, 'b', 'tab', { text: '30' }, 'enter');
    await waitFor(app, /⊘ banned +Rule 3/);
    expect(frame(app)).toMatch(/banned @bob@lemmy\.world for 30 days \(Rule 3\)/);
    await press(app, 'k');
    expect(frame(app)).toMatch(/^@bob@lemmy\.world · ⊘ banned 30d · depth 2/m);
    expect(frame(app)).toMatch(/^flagged Rule 3 \.92 → parent comment's author/m);
    const [decision] = await decisionsOnDisk(session.journalFile);
    expect(decision).toMatchObject({ action: 'ban', banDays: 30, commentId: 'L20' });
  });

  it('u undoes and U redoes, in the journal too', async () => {
    const { app, session } = await start();
    await press(app, 'a');
    await waitFor(app, /✓ approved/);
    await press(app, 'u');
    await waitFor(app, /undone: approve of @bob/);
    expect(frame(app)).not.toMatch(/✓ approved +Rule/);
    expect(frame(app)).toMatch(/^▸ .*@bob/m);
    expect(await decisionsOnDisk(session.journalFile)).toEqual([]);
    await press(app, 'U');
    await waitFor(app, /redone: approve of @bob/);
    expect(frame(app)).toMatch(/✓ approved +Rule 3 +\.92 @bob/);
    expect(await decisionsOnDisk(session.journalFile)).toHaveLength(1);
  });

  it('? shows every command from the key table; Esc leaves', async () => {
    const { app } = await start();
    await press(app, '?');
    expect(linesOf(frame(app), /^Keys while browsing/, 6)).toMatchInlineSnapshot(`
      "Keys while browsing                     In a text box (filter, reason, reply)
      j/↓         next comment                Enter       accept
      k/↑         previous comment            Esc         leave the mode
      PgDn/Ctrl+d page down                   Tab         next field (ban days)
      PgUp/Ctrl+u page up                     ↑           previous rule
      g/Home      first comment               ↓           next rule"
    `);
    expect(frame(app)).toMatch(/^r +remove: rule, reason, Enter /m);
    expect(frame(app)).toMatch(/q +quit \(decisions are saved\)/);
    await press(app, 'escape');
    expect(frame(app)).toMatch(/── Queue/);
  });

  it('/ filters by text, rule or author as you type; Esc clears', async () => {
    const { app } = await start();
    await press(app, '/', { text: 'civil' });
    expect(frame(app)).toMatch(/Queue · 3 flagged · filter "civil": 1 of 3/);
    expect(frame(app).split('\n').at(-1)).toBe('/civil▏');
    await press(app, 'enter');
    expect(frame(app)).toMatch(/1 of 3 flagged match "civil"/);
    await press(app, 'escape');
    expect(frame(app)).toMatch(/Queue · 3 flagged · 1\/3/);
    await press(app, '/', { text: 'dave' }, 'enter');
    expect(frame(app)).toMatch(/^▸ .*@dave/m);
  });

  it('t shows the whole thread; actions work on comments the flagger missed', async () => {
    const { app, session } = await start();
    await press(app, 't');
    expect(linesOf(frame(app), /── Thread/, 7)).toMatchInlineSnapshot(`
      "── Thread · 6 comments · 2/6 ───────────────────────────────────────────────────
          @alice: Policy should change. Everyone agrees on that.
      ▸ ⚑   @bob: You are an ignorant idiot. Read a book before posting.
              @carol: > You are an ignorant idiot. That was uncalled for, bob.
        ⚑   @dave: Shut up, moron. Nobody asked you.
              @jordanlund: Removed for personal attacks. Rule 3.
        ⚑     @erin: What a stupid take, you clown."
    `);
    await press(app, 'j', 'r');
    expect(frame(app)).toMatch(/Remove @carol@lemmy\.world's comment/);
    // Nothing was flagged here: the draft cites the rule alone.
    expect(frame(app)).toMatch(/reason: Removed under Rule 3 \(No personal attacks\)\.▏/);
    await press(app, 'down', 'enter');
    await waitFor(app, /✗ +@carol/);
    expect(frame(app)).toMatch(/3 flagged · 0 decided .* · 3 left · \+1 unflagged/);
    const [decision] = await decisionsOnDisk(session.journalFile);
    expect(decision).toMatchObject({
      commentId: 'L30',
      action: 'remove',
      ruleId: 'civility',
      reason: 'Removed under Rule 1 (Be civil).',
    });
    await press(app, 't');
    expect(frame(app)).toMatch(/── Queue/);
  });

  it('shows flags as they are found, before scoring ends, with the progress bar', async () => {
    const { app, session } = await start({ holdScan: true });
    // The fixture's scan reports one flag and its progress, then waits to be released.
    const screen = await waitFor(app, /scoring ███░░░░░░░ 1\/3/);
    expect(screen).toMatch(/Queue · 1 flagged/);
    expect(screen).toMatch(/^▸ .*@dave .*“Shut up, moron\.”/m);
    session.releaseScan();
    await waitFor(app, /Queue · 3 flagged/);
    expect(frame(app)).not.toMatch(/scoring/);
  });

  it('q quits', async () => {
    const { app, exited } = await start();
    await press(app, 'q');
    expect(await exited).toBeUndefined();
    void app;
  });
});
