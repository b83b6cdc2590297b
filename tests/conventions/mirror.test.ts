/** Conventions as code: tests mirror source paths one to one (tests/shared/x/y.test.ts tests shared/x/y.ts). */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

describe('tests mirror shared/ one to one', () => {
  it('every test under tests/shared has the source file it is named for', () => {
    const tests = filesUnder(join(ROOT, 'tests/shared')).filter((f) => f.endsWith('.test.ts'));
    expect(tests.length).toBeGreaterThan(0);
    const withoutSource = tests
      .map((f) => relative(ROOT, f))
      .filter((test) => !isFile(join(ROOT, test.replace(/^tests\//, '').replace(/\.test\.ts$/, '.ts'))));
    expect(withoutSource).toEqual([]);
  });
});
