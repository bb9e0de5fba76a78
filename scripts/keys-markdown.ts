/**
 * Prints the review keys as Markdown, from the same table that drives the
 * keys and the `?` screen; the README's "Review keys" section is this output
 * (test/review/readme-keys.test.ts keeps them equal). `npm run docs:keys`.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { helpSections } from '../src/review/keymap.js';

export function keysMarkdown(): string {
  const out: string[] = [];
  for (const section of helpSections()) {
    out.push(`**${section.title}**`, '', '| keys | does |', '| --- | --- |');
    // Pipes inside a table cell must be escaped; `/` separates alternatives.
    for (const e of section.entries) out.push(`| \`${e.keys.replaceAll('|', '\\|')}\` | ${e.description} |`);
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  process.stdout.write(keysMarkdown());
