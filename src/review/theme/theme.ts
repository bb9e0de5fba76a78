/**
 * The review's look as data, read through React context (as @inkjs/ui's
 * `ThemeProvider`/`useComponentTheme` and gemini-cli's `NoColorTheme` do):
 * Ink styles per tone, the selected row, the text cursor. Colourless
 * terminals (NO_COLOR, --no-color, TERM=dumb) get `NO_COLOUR_THEME`, which
 * styles nothing and marks with symbols instead (`»evidence«`, `▏` cursor),
 * so no view checks a `colour` flag. The screen's width travels the same way.
 */
import type { TextProps } from 'ink';
import { createContext, useContext } from 'react';
import type { Tone } from '../state/styled.js';

export interface Theme {
  readonly name: 'colour' | 'no-colour';
  /** Ink styles for a tone (src/review/state/styled.ts). */
  readonly tone: (tone: Tone) => TextProps;
  /** The selected row of a list, over its whole width. */
  readonly selected: TextProps;
  /** Evidence is shown by styles (inverse), or else marked `»…«` in the text. */
  readonly marksEvidence: boolean;
  /** The text cursor: styled as a cell, or a `▏` marker before the character under it. */
  readonly cursor: { readonly props: TextProps; readonly marker: string };
  /** A text box's label, its placeholder, and its text when the box is not focused. */
  readonly label: TextProps;
  readonly placeholder: TextProps;
  readonly unfocused: TextProps;
}

const TONES: Readonly<Record<Tone, TextProps>> = {
  plain: {},
  dim: { dimColor: true },
  bold: { bold: true },
  evidence: { inverse: true },
  term: { inverse: true, bold: true, underline: true },
  quoted: { dimColor: true, italic: true },
  accent: { color: 'cyan' },
  good: { color: 'green' },
  warn: { color: 'yellow' },
  error: { color: 'red' },
};

export const COLOUR_THEME: Theme = {
  name: 'colour',
  tone: (tone) => TONES[tone],
  selected: { inverse: true, bold: true },
  marksEvidence: false,
  cursor: { props: { inverse: true }, marker: '' },
  label: { bold: true },
  placeholder: { dimColor: true },
  unfocused: { dimColor: true },
};

/** No styles at all (chalk would drop them anyway); every state still shows, by symbols. */
export const NO_COLOUR_THEME: Theme = {
  name: 'no-colour',
  tone: () => ({}),
  selected: {},
  marksEvidence: true,
  cursor: { props: {}, marker: '▏' },
  label: {},
  placeholder: {},
  unfocused: {},
};

export const themeFor = (colour: boolean): Theme => (colour ? COLOUR_THEME : NO_COLOUR_THEME);

const ThemeContext = createContext<Theme>(COLOUR_THEME);
export const ThemeProvider = ThemeContext.Provider;
export const useTheme = (): Theme => useContext(ThemeContext);

/** The screen's width in columns; every pane is as wide as the screen. */
const WidthContext = createContext<number>(80);
export const WidthProvider = WidthContext.Provider;
export const useWidth = (): number => useContext(WidthContext);
