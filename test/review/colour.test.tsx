/**
 * Colour and its absence. Chalk reads FORCE_COLOR when Ink is first loaded,
 * so it is set before any import: styles are then really emitted, and the
 * colourless mode must emit none by itself (NO_COLOR, --no-color, TERM=dumb).
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { applyColourChoice, colourWanted } from '../../src/cli/colour.js';
import { frame, linesOf, press, waitFor } from './support/press.js';
import { mountFixture } from './support/session.js';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

async function start(colour: boolean) {
  return (await mountFixture({ colour })).app;
}

describe('colour', () => {
  it('highlights evidence with inverse video and dims quoted text', async () => {
    const app = await start(true);
    const raw = app.lastFrame() ?? '';
    expect(raw).toContain('\x1b[7mYou are an ignorant idiot.');
    expect(raw).not.toContain('»');
    await press(app, 't', 'j');
    // Carol quotes bob: the quote is dim (and italic), her own words are not.
    expect(app.lastFrame()).toMatch(/^(\x1b\[[23]m){2}> You are an ignorant idiot\.(\x1b\[2[23]m){2}$/m);
    expect(app.lastFrame()).toMatch(/^That was uncalled for, bob\.$/m);
  });

  it('colourless: not one escape code, evidence in »…«, the selection and cursor still visible', async () => {
    const app = await start(false);
    await press(app, 'j', 'r');
    await waitFor(app, /^reason:/m);
    const raw = app.lastFrame() ?? '';
    expect(raw).toBe(stripVTControlCharacters(raw));
    expect(linesOf(frame(app), /^reason:/, 1)).toMatchInlineSnapshot(
      `"reason: Removed under Rule 3 (No personal attacks): "Shut up, moron."▏"`,
    );
    await press(app, 'escape');
    await waitFor(app, (s) => !/^reason:/m.test(s));
    expect(linesOf(frame(app), /── Queue/, 3)).toMatchInlineSnapshot(`
      "── Queue · 3 flagged · 2/3 ─────────────────────────────────────────────────────
                   Rule 3   .92 @bob           d2  → parent “You are an ignorant idio…
      ▸            Rule 3   .85 @dave          d2  → parent “Shut up, moron.”"
    `);
    expect(frame(app)).toMatch(/^»Shut up, moron\.« Nobody asked you\.$/m);
  });

  it('NO_COLOR, --no-color and TERM=dumb turn colour off, and FORCE_COLOR=0 tells chalk', () => {
    expect(colourWanted({ TERM: 'xterm-256color' }, true)).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(colourWanted({ NO_COLOR: '' }, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    applyColourChoice(env, colourWanted(env, true));
    expect(env.FORCE_COLOR).toBe('0');
    const keep: NodeJS.ProcessEnv = {};
    applyColourChoice(keep, true);
    expect(keep.FORCE_COLOR).toBeUndefined();
  });
});
