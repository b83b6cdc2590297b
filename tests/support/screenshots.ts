/**
 * Where tests put the screenshots they take. A test run must leave the working tree as it found
 * it, so by default they go to a scratch folder outside the repository; the documentation's
 * screenshots (docs/screenshots/) are made only on purpose, by `npm run screenshots`, which sets
 * CARER_PROMPTS_DOC_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function screenshotPath(name: string): string {
  const dir = process.env.CARER_PROMPTS_DOC_SCREENSHOTS === '1' ? DOCS : join(tmpdir(), 'carer-prompts-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
