import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysMarkdown } from '../../scripts/keys-markdown.js';
import { REPO_ROOT } from '../support/shared.js';

describe('README review keys', () => {
  it('are the keymap table, so the docs cannot drift from the keys (regenerate with npm run docs:keys)', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(keysMarkdown());
  });
});
