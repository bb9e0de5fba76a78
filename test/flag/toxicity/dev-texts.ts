/** Comments from the shared dev set, as realistic model input. */
import { readFileSync } from 'node:fs';
import { DEV_SET } from '../../support/shared.js';

/** The first `n` dev-set texts of at most `maxLength` characters. */
export function devTexts(n: number, maxLength = 400): string[] {
  const texts = readFileSync(DEV_SET(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .filter((t) => t.length <= maxLength);
  if (texts.length < n) throw new Error(`dev set has only ${texts.length} texts of <= ${maxLength} chars`);
  return texts.slice(0, n);
}
