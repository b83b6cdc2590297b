/**
 * A newcomer's `npm ci` on the Node 20 the README allows prints an EBADENGINE warning for every
 * locked package whose `engines.node` excludes Node 20 (issue 14). Each must be named in the
 * README's note saying why the warnings are harmless, so none looks like an unexplained failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

/** Whether an engines range admits some Node 20 release (the forms npm packages use: ^, ~, >=, >, x-ranges, ||). */
export function admitsNode20(range: string): boolean {
  return range.split('||').some((raw) => {
    const hyphen = /^\s*v?(\d+)\S*\s+-\s+v?(\d+)/.exec(raw);
    if (hyphen) return Number(hyphen[1]) <= 20 && Number(hyphen[2]) >= 20;
    const part = raw.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1');
    const comparators = part.trim().split(/\s+/).filter((c) => c !== '');
    if (comparators.length === 0 || comparators.includes('*')) return true;
    return comparators.every((c) => {
      const m = /^(\^|~|>=|>|<=|<|=)?v?(\d+|x|\*)/.exec(c);
      if (!m) return true;
      const major = m[2] === 'x' || m[2] === '*' ? undefined : Number(m[2]);
      if (major === undefined) return true;
      switch (m[1]) {
        case '>=':
        case '>':
          return major <= 20;
        case '<':
          return major > 20 || (major === 20 && /\.\d*[1-9]/.test(c));
        case '<=':
          return major >= 20;
        default:
          return major === 20;
      }
    });
  });
}

describe('npm ci on Node 20', () => {
  it('reads engines ranges as npm does for the forms the lock file holds', () => {
    expect(admitsNode20('>=18')).toBe(true);
    expect(admitsNode20('^20.19.0 || >=22.12.0')).toBe(true);
    expect(admitsNode20('^22.18.0 || >=24.2.0')).toBe(false);
    expect(admitsNode20('>=22')).toBe(false);
    expect(admitsNode20('>= 4')).toBe(true);
    expect(admitsNode20('>=14 <20')).toBe(false);
    expect(admitsNode20('10 - 22')).toBe(true);
  });

  it('names in the README every package whose engines exclude Node 20, so its warning is explained', () => {
    const excluded = Object.entries(LOCK.packages)
      .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node !== undefined && !admitsNode20(entry.engines.node))
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(excluded.length).toBeGreaterThan(0);
    expect([...new Set(excluded)].filter((name) => !README.includes(name))).toEqual([]);
  });
});
