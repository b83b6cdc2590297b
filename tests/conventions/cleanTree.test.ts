/**
 * `npm test` leaves the working tree as it found it (issue 14): no test writes into a tracked
 * folder. Screenshots go through tests/support/screenshots.ts (a scratch folder unless
 * `npm run screenshots` asks for the documentation's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('a test run leaves the working tree clean', () => {
  it('no test writes into docs/screenshots: screenshots taken by tests go to a scratch folder', () => {
    // A path into docs/screenshots written in code: as a string, or as separate path segments.
    const intoDocs = /['"`][^'"`\n]*docs\/screenshots|['"`]docs['"`]\s*,\s*['"`]screenshots['"`]/;
    const writers = testFiles(join(ROOT, 'tests'))
      .filter((file) => !file.endsWith('cleanTree.test.ts') && intoDocs.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(writers).toEqual([]);
  });
});
