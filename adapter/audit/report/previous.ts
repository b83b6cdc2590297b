/**
 * The previous audit's coverage.json for `--compare`: read and validated against CoverageSchema
 * (files written before a field was added still read: new counts default to 0), with one sentence
 * saying what is wrong when the file is not one.
 */
import { readFile } from 'node:fs/promises';
import { CoverageSchema, type Coverage } from '../../../shared/audit/coverage';

export class PreviousCoverageError extends Error {}

export async function readPreviousCoverage(path: string): Promise<Coverage> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new PreviousCoverageError(`--compare: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PreviousCoverageError(`--compare: ${path} is not JSON, so it is not a coverage.json written by the audit`);
  }
  const parsed = CoverageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
    throw new PreviousCoverageError(`--compare: ${path} is not a coverage.json written by the audit${where}`);
  }
  return parsed.data;
}
