import type { TextProps } from 'ink';
import type { Tone } from '../../state/styled.js';

/** Ink styles per tone. Colourless terminals get none: chalk drops them anyway, and layout never depends on them. */
export function toneProps(tone: Tone, colour: boolean): TextProps {
  if (!colour) return {};
  switch (tone) {
    case 'plain':
      return {};
    case 'dim':
      return { dimColor: true };
    case 'bold':
      return { bold: true };
    case 'evidence':
      return { inverse: true };
    case 'term':
      return { inverse: true, bold: true, underline: true };
    case 'quoted':
      return { dimColor: true, italic: true };
    case 'accent':
      return { color: 'cyan' };
    case 'good':
      return { color: 'green' };
    case 'warn':
      return { color: 'yellow' };
    case 'error':
      return { color: 'red' };
  }
}
