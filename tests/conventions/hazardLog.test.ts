/**
 * Conventions as code: every test the hazard log names exists (../shared/CONVENTIONS.md 10), so a
 * control's evidence cannot silently disappear when a test is renamed or deleted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOG = readFileSync(join(ROOT, 'docs/hazard-log.md'), 'utf8');

/** `tests/x.test.ts` › "name", "name"; … on one line of the log. */
function citations(): { file: string; name: string }[] {
  const out: { file: string; name: string }[] = [];
  for (const line of LOG.split('\n')) {
    // Each `file` › "name", … runs until the next cited file on the line.
    const parts = line.split(/`(tests\/[^`]+\.test\.tsx?)`/);
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const file = parts[i] as string;
      const rest = parts[i + 1] as string;
      if (!/^\s*›/.test(rest)) continue;
      for (const quoted of rest.matchAll(/"((?:[^"\\]|\\.)*)"/g)) out.push({ file, name: (quoted[1] as string).replace(/\\"/g, '"') });
    }
  }
  return out;
}

const PLACEHOLDER = /%[isdjo#%]|\$[\w.]+|\$\{[^}]*\}/g;

/** The test titles a file declares, as written (it.each titles keep their %s / $name placeholders). */
function titlesIn(source: string): string[] {
  const titles: string[] = [];
  // A title is the string a test or suite is declared with: the literal followed by its function.
  for (const match of source.matchAll(/(['"`])((?:(?!\1)[^\\]|\\.)*)\1\s*,\s*(?:async\s*)?(?:\(|function\b|\w+\s*=>)/g)) {
    titles.push((match[2] as string).replace(/\\(.)/g, '$1'));
  }
  return titles;
}

/** Whether a title (with placeholders) names the cited test; a citation cut short with "…" matches on what it gives. */
function names(title: string, cited: string): boolean {
  const cut = cited.indexOf('…');
  const given = cut === -1 ? cited : cited.slice(0, cut);
  const pattern = title
    .split(PLACEHOLDER)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  if (cut === -1) return new RegExp(`^${pattern}$`, 's').test(given);
  const head = title.split(PLACEHOLDER)[0] ?? '';
  return given.startsWith(head) || new RegExp(`^${pattern}`, 's').test(given) || title.startsWith(given);
}

describe('the hazard log', () => {
  const cited = citations();

  it('names tests', () => {
    expect(cited.length).toBeGreaterThan(40);
  });

  it.each(cited.map((c) => [c.file, c.name] as const))('cites %s › "%s", which exists', (file, name) => {
    expect(existsSync(join(ROOT, file)), file).toBe(true);
    const titles = titlesIn(readFileSync(join(ROOT, file), 'utf8'));
    expect(titles.some((title) => names(title, name)), `${file} › "${name}"`).toBe(true);
  });
});
